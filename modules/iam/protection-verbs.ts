/**
 * The verb rules of the security-service protection, in one place: an action of a protected service whose name
 * starts with one of these verbs switches a control off, deletes it, stops it, detaches an account from it, or
 * removes part of its configuration. The protection denies every catalogued action that matches, so an API AWS adds
 * later (`guardduty:DisableSomethingNew`) is covered by a catalogue version bump, not by a code change.
 *
 * Verbs that only sometimes weaken (`Update`, `Put`, `Create`: `securityhub:BatchUpdateFindings` is an analyst's daily
 * work, `config:PutEvaluations` is how custom rules report) are not rules: the weakening ones among them are the
 * reasoned additions in `guardrail-actions.ts`.
 */
export const DISABLING_VERBS = ['Delete', 'BatchDelete', 'Disable', 'BatchDisable', 'Disassociate', 'BatchDisassociate', 'Stop', 'Deregister', 'Remove'] as const;

export type DisablingVerb = (typeof DISABLING_VERBS)[number];

/**
 * The disabling verb an action name (without the service prefix, e.g. `DeleteDetector`) starts with, or undefined.
 * The verb must be followed by an upper-case letter (a new word), so `Stop` matches `StopLogging` but would not match
 * a hypothetical `Stopwatch`. The longest verb wins (`BatchDisable` over none).
 */
export function disablingVerbOf(actionName: string): DisablingVerb | undefined {
  return [...DISABLING_VERBS]
    .sort((a, b) => b.length - a.length)
    .find((verb) => actionName.startsWith(verb) && /^[A-Z]/.test(actionName.slice(verb.length)));
}
