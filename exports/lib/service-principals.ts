import { snakeCase } from './addresses';

type Json = Record<string, unknown>;

/** HCL expression of the calling provider's DNS suffix (`amazonaws.com`, `amazonaws.com.cn` in China). */
const DNS_SUFFIX = '${data.aws_partition.current.dns_suffix}';
const REGION = '${data.aws_region.current.name}';

/** `"Service":"x.amazonaws.com"` or `"Service":["a.amazonaws.com", ...]` inside a policy document string. */
const SERVICE_ELEMENT = /"Service":(\[[^\]]*\]|"[^"]*")/g;
const GLOBAL_PRINCIPAL = /"([a-z0-9][a-z0-9.-]*)\.amazonaws\.com"/g;

/**
 * Makes the service principals of an exported module follow the calling provider's partition, as the constructs
 * do for a literal partition (modules/kms/grants.ts, modules/log-archive/key-statements.ts):
 * - a global principal in a policy's `Service` element (`cloudtrail.amazonaws.com`) becomes
 *   `data.aws_service_principal.<service>.name`: the provider's own table of which services use `amazonaws.com.cn`
 *   in China (most do not: a blanket DNS suffix would name principals that do not exist), computed offline;
 * - a regional name (`logs.<region>.amazonaws.com`, also `kms:ViaService` endpoints) takes
 *   `data.aws_partition.current.dns_suffix`, which is `amazonaws.com.cn` in China for every regional name.
 * Returns the JSON with the data sources it needs added. The cdktf stacks are not touched (exporter only).
 */
export function partitionServicePrincipals(json: Json): Json {
  const services = new Set<string>();
  const rewrite = (text: string): string =>
    text
      .replace(SERVICE_ELEMENT, (element) =>
        element.replace(GLOBAL_PRINCIPAL, (_m, service: string) => {
          services.add(service);
          return `"\${data.aws_service_principal.${snakeCase(service)}.name}"`;
        }),
      )
      .split(`${REGION}.amazonaws.com`)
      .join(`${REGION}.${DNS_SUFFIX}`);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return rewrite(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const out = walk(json) as Json;
  if (services.size === 0) return out;
  const data = { ...((out.data ?? {}) as Record<string, Json>) };
  const principals = { ...((data.aws_service_principal ?? {}) as Json) };
  for (const service of [...services].sort()) principals[snakeCase(service)] = { service_name: service };
  data.aws_service_principal = principals;
  return { ...out, data: Object.fromEntries(Object.entries(data).sort(([a], [b]) => a.localeCompare(b))) };
}
