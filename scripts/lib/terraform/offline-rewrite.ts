/**
 * Offline rewrite of a synthesized stack so `terraform plan` runs with no AWS account and no network:
 * fake static credentials and the provider's skip flags replace the role assumption, the account pin is dropped
 * (it needs an STS call to check), and the backend becomes a local file. The production JSON, which `validate`
 * and Checkov see, is never changed; only a copy is.
 */

type Json = Record<string, unknown>;

export const OFFLINE_PROVIDER_SETTINGS = {
  access_key: 'AKIAOFFLINEPLAN00000',
  secret_key: 'offline-plan-not-a-secret',
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: 'true',
  skip_region_validation: true,
} as const;

const ONLINE_ONLY_PROVIDER_KEYS = ['assume_role', 'assume_role_with_web_identity', 'allowed_account_ids', 'forbidden_account_ids', 'profile', 'shared_config_files', 'shared_credentials_files'];

function asArray(value: unknown): Json[] {
  if (Array.isArray(value)) return value as Json[];
  return value && typeof value === 'object' ? [value as Json] : [];
}

/** Provider blocks for offline planning. */
function offlineProviders(providers: Json): Json {
  const out: Json = {};
  for (const [name, blocks] of Object.entries(providers)) {
    out[name] = asArray(blocks).map((block) => {
      if (name !== 'aws') return block;
      const copy: Json = { ...block };
      for (const key of ONLINE_ONLY_PROVIDER_KEYS) delete copy[key];
      return { ...copy, ...OFFLINE_PROVIDER_SETTINGS };
    });
  }
  return out;
}

/** Backend-only rewrite: keeps providers as synthesized (for `terraform validate`, which never calls AWS). */
export function withLocalBackend(stack: Json): Json {
  const terraform = { ...((stack.terraform as Json | undefined) ?? {}) };
  delete terraform.backend;
  delete terraform.cloud;
  terraform.backend = { local: { path: 'terraform.tfstate' } };
  return { ...stack, terraform };
}

/**
 * Full offline rewrite for `terraform plan`. `import` blocks (accounts[].adopt) are left out: importing reads the
 * existing resource from AWS, which an offline plan cannot reach, so offline the adopted resources plan as creates.
 * The emulator run keeps them and proves the imports (scripts/lib/emulator/first-plan.ts).
 */
export function toOfflinePlan(stack: Json): Json {
  const { import: _imports, ...local } = withLocalBackend(stack);
  return local.provider ? { ...local, provider: offlineProviders(local.provider as Json) } : local;
}
