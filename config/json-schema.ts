import { z } from 'zod';
import { organizationSchema, regionSchema } from './schema';

/** Where the generated schema is kept; the example YAML points editors at it (`yaml-language-server: $schema=`). */
export const JSON_SCHEMA_FILE = 'config/organization.schema.json';

/** `$id` of the generated schema (a stable identifier, not a download location). */
export const JSON_SCHEMA_ID = 'https://aws-security-baseline-cdktf.example/schemas/organization.schema.json';

/**
 * The JSON Schema (draft-07, widely supported by editors and validators) of the organisation config, as written in
 * a file: `io: 'input'`, so keys with defaults are optional. It is generated from the zod schema, which stays the
 * only source of truth. Cross-field rules (`superRefine`: home Region in allowedRegions, unique account ids, exactly
 * one management account...) and `refine` checks (https-only endpoints, no `aws:` tag keys) are not representable
 * in JSON Schema and are only enforced when the config is loaded; the JSON Schema gives editor completion and
 * catches typos, unknown keys and bad formats.
 */
export function organizationJsonSchema(): object {
  // Named definitions for schemas used in several places, so the Region list appears once.
  const metadata = z.registry<z.GlobalMeta>();
  metadata.add(regionSchema, { id: 'AwsRegion', description: 'An AWS Region code such as "us-east-1".' });

  const generated = z.toJSONSchema(organizationSchema, {
    io: 'input',
    target: 'draft-7',
    // Refinements are skipped by the generator; anything else zod cannot express becomes `{}` instead of throwing.
    unrepresentable: 'any',
    metadata,
    override: ({ zodSchema, jsonSchema }) => {
      // zod copies the registry's `id` into the definition; it is not a draft-07 keyword (`$id` is), so drop it.
      if (metadata.get(zodSchema)?.id !== undefined) delete (jsonSchema as Record<string, unknown>)['id'];
      // Keep descriptions given with `.describe()`/`.meta()` in schema.ts (they live in the global registry).
      const description = z.globalRegistry.get(zodSchema)?.description;
      if (description !== undefined && jsonSchema.description === undefined) jsonSchema.description = description;
    },
  });

  const { $schema, ...body } = generated as Record<string, unknown>;
  return sortKeys({
    $schema,
    $id: JSON_SCHEMA_ID,
    title: 'AWS security baseline organisation config',
    description:
      'Organisation config for the CDKTF AWS security baseline (config/example-organization.yaml is an example). ' +
      `Generated from config/schema.ts by \`npm run schema\`; do not edit ${JSON_SCHEMA_FILE} by hand. ` +
      'Cross-field rules (home Region in allowedRegions, unique account ids and names, exactly one management, ' +
      'log-archive and security account, https-only alert endpoints, no "aws:" tag keys) are checked when the config is loaded.',
    ...body,
  }) as object;
}

/** The schema file's exact text: keys sorted at every level, 2-space indent, trailing newline. */
export function organizationJsonSchemaText(): string {
  return `${JSON.stringify(organizationJsonSchema(), null, 2)}\n`;
}

/** Recursively sorts object keys so the output does not depend on generator traversal order. Arrays keep their order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
