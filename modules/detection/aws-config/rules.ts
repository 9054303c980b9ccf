import { Construct } from 'constructs';
import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ValidationError } from '../../core/errors';
import { CONFIG_RULE_NAME, DEFAULT_MANAGED_RULES, MANAGED_RULE_IDENTIFIER, type ManagedRuleDefinition } from './managed-rules';
import type { IConfigRecorder } from './recorder';

export interface ManagedRulesProps {
  /**
   * The recorder the rules evaluate (they are created once it records).
   * @default - none: the Region's recorder is managed outside this stack (Control Tower's), nothing to wait for
   */
  readonly recorder?: IConfigRecorder;
  /**
   * The rules.
   * @default DEFAULT_MANAGED_RULES
   * Security: the default covers the guides' checks and CIS thresholds.
   */
  readonly rules?: readonly ManagedRuleDefinition[];
  /**
   * This is the account's home Region: rules marked `homeRegionOnly` are created only here.
   * @default true
   */
  readonly homeRegion?: boolean;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** AWS Config managed rules; construct ids come from the rule names, so reordering the list changes nothing. */
export class ManagedRules extends Construct {
  readonly rules: readonly ConfigConfigRule[];

  constructor(scope: Construct, id: string, props: ManagedRulesProps) {
    super(scope, id);
    const definitions = props.rules ?? DEFAULT_MANAGED_RULES;
    const seen = new Set<string>();
    for (const rule of definitions) {
      if (!CONFIG_RULE_NAME.test(rule.name)) throw new ValidationError(this, 'rules[].name', rule.name, 'must be 1-128 letters, digits, "-" or "_"');
      if (!MANAGED_RULE_IDENTIFIER.test(rule.identifier)) {
        throw new ValidationError(this, 'rules[].identifier', rule.identifier, 'must be an AWS managed rule identifier in upper case, e.g. "S3_BUCKET_LOGGING_ENABLED"');
      }
      if (seen.has(rule.name)) throw new ValidationError(this, 'rules[].name', rule.name, 'is used twice; rule names must be unique');
      seen.add(rule.name);
    }
    const home = props.homeRegion ?? true;
    this.rules = definitions
      .filter((rule) => home || !rule.homeRegionOnly)
      .map(
        (rule) =>
          new ConfigConfigRule(this, rule.name, {
            name: rule.name,
            source: { owner: 'AWS', sourceIdentifier: rule.identifier },
            inputParameters: rule.inputParameters && Object.keys(rule.inputParameters).length > 0 ? JSON.stringify(rule.inputParameters) : undefined,
            tags: props.tags ? { ...props.tags } : undefined,
            dependsOn: props.recorder ? [props.recorder.status] : undefined,
          }),
      );
  }
}
