import { withLocalBackend } from './offline-rewrite';
import { ALWAYS_EMULATED_SERVICES, servicesFor } from './emulator-services';

/**
 * Emulator rewrite of a synthesized stack, next to the offline one: the same provider blocks with every service the
 * stack uses pointed at the local emulator and test credentials, but, unlike the offline plan, the role assumption
 * (`assume_role`) and the account pin (`allowed_account_ids`) are KEPT, so the emulator hands each stack its own
 * account and the pin is really checked. Backends: `local` and `cloud` become a local state file in the copy;
 * `s3` stays s3 and is pointed at the emulator too (the state bucket then really holds the state). Remote state is
 * read from the producers' emulator state. The production JSON is never changed; only a copy is.
 */

type Json = Record<string, unknown>;

/** Test credentials: 20 upper-case characters, as moto reads the access key (to map it to an account). */
export const EMULATOR_CREDENTIALS = { access_key: 'AKIAEMULATORTEST0000', secret_key: 'emulator-test-not-a-secret' } as const;

const CREDENTIAL_SOURCE_KEYS = ['profile', 'shared_config_files', 'shared_credentials_files', 'assume_role_with_web_identity', 'token'];

export interface EmulatorRewriteOptions {
  /** Base URL of the emulator, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** State file of the stack itself (used when its backend is local or cloud). */
  readonly stateFile: string;
  /** State file of a producing stack (local and cloud remote state are read from there). */
  readonly producerStateFile: (producerStack: string) => string;
}

function asArray(value: unknown): Json[] {
  if (Array.isArray(value)) return value as Json[];
  return value && typeof value === 'object' ? [value as Json] : [];
}

/** Every `aws_*` resource and data source type in a stack. */
export function typesOf(stack: Json): string[] {
  const types = new Set<string>();
  for (const section of ['resource', 'data'] as const) {
    for (const type of Object.keys((stack[section] as Json | undefined) ?? {})) types.add(type);
  }
  return [...types];
}

/** Provider `endpoints` for the services the stack's types use (plus STS and IAM), all at `endpoint`. */
export function emulatorEndpoints(stack: Json, endpoint: string): Record<string, string> {
  const services = new Set<string>(ALWAYS_EMULATED_SERVICES);
  for (const type of typesOf(stack)) for (const service of servicesFor(type)) services.add(service);
  return Object.fromEntries([...services].sort().map((service) => [service, endpoint]));
}

function emulatorProviders(stack: Json, endpoint: string): Json {
  const providers = (stack.provider as Json | undefined) ?? {};
  const endpoints = emulatorEndpoints(stack, endpoint);
  const out: Json = {};
  for (const [name, blocks] of Object.entries(providers)) {
    out[name] = asArray(blocks).map((block) => {
      if (name !== 'aws') return block;
      const copy: Json = { ...block };
      for (const key of CREDENTIAL_SOURCE_KEYS) delete copy[key];
      return {
        ...copy,
        ...EMULATOR_CREDENTIALS,
        skip_metadata_api_check: 'true',
        s3_use_path_style: true,
        // The emulator answers at once and consistently: a failing call should fail the apply, not retry for minutes.
        max_retries: 2,
        endpoints: [endpoints],
      };
    });
  }
  return out;
}

/** s3 backend / remote state config pointed at the emulator (role assumption kept). */
function emulatorS3Config(config: Json, endpoint: string): Json {
  const copy: Json = { ...config };
  for (const key of CREDENTIAL_SOURCE_KEYS) delete copy[key];
  return {
    ...copy,
    ...EMULATOR_CREDENTIALS,
    use_path_style: true,
    skip_metadata_api_check: true,
    endpoints: { s3: endpoint, sts: endpoint, iam: endpoint, dynamodb: endpoint },
  };
}

function emulatorBackend(stack: Json, options: EmulatorRewriteOptions): Json {
  const terraform = (stack.terraform as Json | undefined) ?? {};
  const s3 = (terraform.backend as Json | undefined)?.s3 as Json | undefined;
  if (s3) {
    return { ...stack, terraform: { ...terraform, backend: { s3: emulatorS3Config(s3, options.endpoint) } } };
  }
  const local = withLocalBackend(stack);
  return { ...local, terraform: { ...(local.terraform as Json), backend: { local: { path: options.stateFile } } } };
}

function emulatorRemoteState(stack: Json, options: EmulatorRewriteOptions): Json {
  const data = stack.data as Record<string, Record<string, Json>> | undefined;
  const remote = data?.terraform_remote_state;
  if (!data || !remote) return stack;
  const rewritten: Record<string, Json> = {};
  for (const [name, source] of Object.entries(remote)) {
    if (source.backend === 's3') {
      rewritten[name] = { ...source, config: emulatorS3Config((source.config as Json | undefined) ?? {}, options.endpoint) };
      continue;
    }
    const producer = name.replace(/^cross-stack-reference-input-/, '');
    const { workspace: _workspace, ...rest } = source;
    rewritten[name] = { ...rest, backend: 'local', config: { path: options.producerStateFile(producer) } };
  }
  return { ...stack, data: { ...data, terraform_remote_state: rewritten } };
}

/** Full emulator rewrite of one stack. */
export function toEmulator(stack: Json, options: EmulatorRewriteOptions): Json {
  const withBackend = emulatorBackend(stack, options);
  const withProviders = withBackend.provider ? { ...withBackend, provider: emulatorProviders(withBackend, options.endpoint) } : withBackend;
  return emulatorRemoteState(withProviders, options);
}
