import * as fs from 'fs';
import * as path from 'path';
import { JSON_SCHEMA_FILE, JSON_SCHEMA_ID, organizationJsonSchema, organizationJsonSchemaText } from '../../config/json-schema';
import { EXAMPLE_CONFIG_PATH, parseConfigText } from '../../config/load';
import { ALL_REGIONS } from '../../config/regions';
import { ACCOUNT_ROLES } from '../../config/schema';

/** The JSON Schema file is generated from the zod schema (`npm run schema`) and must be kept in step with it. */

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA_PATH = path.join(PROJECT_ROOT, JSON_SCHEMA_FILE);

interface JsonSchemaNode {
  readonly [keyword: string]: unknown;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly definitions?: Readonly<Record<string, JsonSchemaNode>>;
  readonly additionalProperties?: boolean | JsonSchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
}

const committedText = fs.readFileSync(SCHEMA_PATH, 'utf8');
const committed = JSON.parse(committedText) as JsonSchemaNode;

function prop(node: JsonSchemaNode | undefined, ...names: string[]): JsonSchemaNode {
  let current = node;
  for (const name of names) current = current?.properties?.[name];
  if (!current) throw new Error(`schema has no properties.${names.join('.properties.')}`);
  return current;
}

describe(JSON_SCHEMA_FILE, () => {
  test('is up to date with config/schema.ts', () => {
    const fresh = organizationJsonSchemaText();
    if (committedText !== fresh) {
      const committedLines = committedText.split('\n');
      const freshLines = fresh.split('\n');
      const line = freshLines.findIndex((text, i) => text !== committedLines[i]);
      throw new Error(
        `${JSON_SCHEMA_FILE} is out of date with config/schema.ts: run \`npm run schema\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  committed: ${committedLines[line] ?? '(end of file)'}\n  generated: ${freshLines[line] ?? '(end of file)'}`,
      );
    }
  });

  test('is deterministic: 2-space indent, sorted keys, trailing newline', () => {
    const text = organizationJsonSchemaText();
    expect(organizationJsonSchemaText()).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const sortedEverywhere = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(sortedEverywhere);
      if (value === null || typeof value !== 'object') return true;
      const keys = Object.keys(value);
      return keys.join('\n') === [...keys].sort().join('\n') && Object.values(value).every(sortedEverywhere);
    };
    expect(sortedEverywhere(organizationJsonSchema())).toBe(true);
  });

  test('has $schema (draft-07), $id, title and description', () => {
    expect(committed.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(committed.$id).toBe(JSON_SCHEMA_ID);
    expect(committed.title).toEqual(expect.stringContaining('organisation config'));
    expect(committed.description).toEqual(expect.stringContaining('npm run schema'));
  });

  test('forbids additional properties on the root, on accounts and on every nested object', () => {
    expect(committed.type).toBe('object');
    expect(committed.additionalProperties).toBe(false);
    const accountItems = prop(committed, 'accounts').items;
    expect(accountItems?.type).toBe('object');
    expect(accountItems?.additionalProperties).toBe(false);
    expect(prop(accountItems, 'securityContact').additionalProperties).toBe(false);
    expect(prop(accountItems, 'baselineKey').additionalProperties).toBe(false);
    expect(prop(committed, 'alerts').additionalProperties).toBe(false);
    const stateVariants = prop(committed, 'state').anyOf ?? [];
    expect(stateVariants).toHaveLength(3);
    for (const variant of stateVariants) expect(variant.additionalProperties).toBe(false);

    // Every object with named keys anywhere (settings added later included) is closed; maps such as tags are not.
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((child, i) => walk(child, `${at}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const schema = node as JsonSchemaNode;
      if (schema.properties !== undefined && schema.additionalProperties !== false) open.push(at);
      for (const [key, child] of Object.entries(schema)) walk(child, `${at}/${key}`);
    };
    walk(committed, '#');
    expect(open).toEqual([]);
  });

  test('describes the input: required keys only where there is no default', () => {
    expect([...(committed.required ?? [])].sort()).toEqual(['accounts', 'allowedRegions', 'homeRegion', 'name', 'organizationId']);
    expect([...(prop(committed, 'accounts').items?.required ?? [])].sort()).toEqual(['id', 'name', 'role', 'securityContact']);
    expect(prop(committed, 'partition').default).toBe('aws');
    expect(prop(committed, 'state').default).toEqual({ mode: 'local', directory: 'terraform-state' });
  });

  test('lists the valid roles and Regions', () => {
    expect(prop(committed, 'accounts').items?.properties?.role?.enum).toEqual([...ACCOUNT_ROLES]);
    expect(committed.definitions?.AwsRegion?.enum).toEqual([...ALL_REGIONS]);
    expect(prop(committed, 'homeRegion').$ref).toBe('#/definitions/AwsRegion');
    expect(prop(committed, 'allowedRegions').items?.$ref).toBe('#/definitions/AwsRegion');
    // zod copies the registry id into the definition; it is not a draft-07 keyword and must not be emitted.
    expect(committed.definitions?.AwsRegion).not.toHaveProperty('id');
  });

  // (c) Validating the example against the JSON Schema needs a JSON Schema validator. None is installed (no ajv in
  // node_modules) and none is added for this, so the check only runs where ajv happens to be available.
  const hasAjv = fs.existsSync(path.join(PROJECT_ROOT, 'node_modules', 'ajv', 'package.json'));
  (hasAjv ? test : test.skip)('the example organisation validates against it (needs ajv)', () => {
    type Validate = ((data: unknown) => boolean) & { errors?: unknown };
    type AjvClass = new (options: Record<string, unknown>) => { compile(schema: object): Validate };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: loaded only where ajv is installed
    const loaded = require('ajv') as AjvClass | { default: AjvClass };
    const Ajv = 'default' in loaded ? loaded.default : loaded;
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(committed);
    const exampleInput = parseConfigText(fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8'), 'example');
    expect({ valid: validate(exampleInput), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
  });
});
