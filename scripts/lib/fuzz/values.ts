import * as fs from 'fs';
import * as path from 'path';
import type { Json } from './tree';

/**
 * The values mutations write into a config: the schema's own (every enum member, constant, default and property name
 * of config/organization.schema.json, so many mutations stay valid and reach the stacks), and values chosen to break
 * things (template text, wildcards, huge and odd numbers, secrets, names of other settings).
 */

/** Strings Terraform would evaluate if they reached the JSON unescaped; the live-template oracle looks for them. */
export const TEMPLATE_MARKERS: readonly string[] = [
  '${timestamp()}',
  '${file("/etc/hostname")}',
  '%{ if true }fuzz%{ endif }',
  '${aws:username}',
  '${aws:PrincipalTag/team}',
];

/** Values that stand for secrets: the oracle fails a run whose error message repeats one. */
export const SECRET_MARKERS: readonly string[] = ['hunter2-Fuzz-Secret-7Q', 'AKIAFUZZSECRET000042'];

/** Keys a secret might be typed under. */
export const SECRET_KEYS: readonly string[] = ['password', 'apiKey', 'secretString', 'token', 'value', 'credentials'];

const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  'x',
  '*',
  '*/*',
  '**',
  '?',
  '*:*',
  's3:*',
  'iam:*',
  'ec2:Run*',
  's3:GetObject',
  'iam:CreateRole',
  'arn:*',
  'arn:*:*:*:*:*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::*/*',
  'arn:aws:s3:::example-bucket/*',
  'arn:aws:iam::*:role/app-*',
  'arn:aws:s3:::bucket/${aws:username}/*',
  'AdministratorAccess',
  'ReadOnlyAccess',
  'break-glass',
  'BREAK-GLASS',
  'aws-support',
  'managed-by',
  'Owner',
  'true',
  'null',
  'undefined',
  '[object Object]',
  'modules',
  'modules/detection/aws-config/templates/logging-essentials.yaml',
  '../etc/passwd',
  '/etc/passwd',
  '10.0.0.0/8',
  '10.10.0.0/16',
  '10.16.0.0/16',
  '0.0.0.0/0',
  '123456789012',
  '000000000000',
  'root',
  'all-accounts',
  'management',
  'log-archive',
  'workload-prod',
  'us-east-1',
  'eu-west-1',
  'ap-southeast-2',
  'cn-north-1',
  'main',
  'release/*',
  'v*',
  'Ω≈ç√ünï',
  'a\u0000b',
  'line\nbreak',
  'x'.repeat(300),
  'x'.repeat(12_000),
  ...TEMPLATE_MARKERS,
  ...SECRET_MARKERS,
];

const ODD_NUMBERS: readonly number[] = [0, -1, 1, 2, 3, 1.5, 7, 14, 30, 90, 364, 365, 400, 731, 3653, 36501, 65535, 65536, 1e6, 3e7, 1e21, 4294967295, Number.MAX_SAFE_INTEGER, -0];

const ODD_OTHERS: readonly Json[] = [true, false, null, [], {}, ['x', 'x'], { a: 1 }, [1, 2, 3], [[]], [{}]];

interface SchemaNode {
  readonly enum?: readonly Json[];
  readonly const?: Json;
  readonly default?: Json;
  readonly properties?: Record<string, SchemaNode>;
  readonly [key: string]: unknown;
}

function schemaValues(): { values: Json[]; keys: string[] } {
  const file = path.resolve(__dirname, '..', '..', '..', 'config', 'organization.schema.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as SchemaNode;
  const values = new Set<string>();
  const keys = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const n = node as SchemaNode;
    for (const v of n.enum ?? []) values.add(JSON.stringify(v));
    if (n.const !== undefined) values.add(JSON.stringify(n.const));
    if (n.default !== undefined) values.add(JSON.stringify(n.default));
    for (const key of Object.keys(n.properties ?? {})) keys.add(key);
    Object.values(n).forEach(visit);
  };
  visit(schema);
  return { values: [...values].sort().map((v) => JSON.parse(v) as Json), keys: [...keys].sort() };
}

const fromSchema = schemaValues();

/** Every value a mutation may write, in a fixed order. */
export const VALUE_POOL: readonly Json[] = [...ODD_STRINGS, ...ODD_NUMBERS, ...ODD_OTHERS, ...fromSchema.values];

/** Values of the same JSON type as `value` (strings for a string, ...), for mutations that mostly stay valid. */
export function sameTypePool(value: Json): readonly Json[] {
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return VALUE_POOL.filter((v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v) === type);
}

/** Keys a mutation may add to a mapping: the schema's property names and secret-looking names. */
export const KEY_POOL: readonly string[] = [...fromSchema.keys, ...SECRET_KEYS, '${timestamp()}', '%{ if true }k%{ endif }', 'aws:reserved', 'Owner'];
