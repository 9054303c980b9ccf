import { Construct } from 'constructs';
import { WebAcl, parseProtectedResourceArn, type PresetRuleName, type WafLogAction } from '../../modules/waf';
import type { AccountBaselineStack } from '../baseline-stack';
import { resourcePrefix } from '../naming';

const ALL_LOG_ACTIONS: readonly WafLogAction[] = ['ALLOW', 'BLOCK', 'COUNT', 'CAPTCHA', 'CHALLENGE', 'EXCLUDED_AS_COUNT'];

/**
 * Adds the WAF modules an account gets in this stack: with `accounts[].waf.webAcl`, a regional web ACL in each of the
 * account's Regions (or the Regions listed), built from the preset, logged to a KMS-encrypted CloudWatch log group
 * (a dedicated key per ACL) and associated with the resources of `protectedResourceArns` in that Region. The
 * baseline creates no ALB: the ARNs come from config.
 */
export function composeWaf(stack: AccountBaselineStack): void {
  const { org, account, region } = stack;
  const settings = account.waf.webAcl;
  if (!settings) return;
  const accountIndex = org.accounts.findIndex((a) => a.name === account.name);
  const path = `accounts[${accountIndex}].waf.webAcl`;
  const aclRegions: readonly string[] = settings.regions ?? account.regions;

  // The config rules (config/settings/organization-rules.ts) put every ARN in a Region with an ACL, of this account, once.
  const mine: Array<{ arn: string; id: string }> = [];
  settings.protectedResourceArns.forEach((arn, i) => {
    const parsed = parseProtectedResourceArn(arn);
    if (!parsed) throw new Error(`config rule bypassed at ${path}.protectedResourceArns[${i}]`); // unreachable: waf protectedResourceArnSchema
    if (parsed.region === region) mine.push({ arn, id: `association-${parsed.idSuffix}` });
  });
  if (!aclRegions.includes(region)) return;

  const waf = new Construct(stack, 'waf');
  const name = `${resourcePrefix(org)}-${account.name}`;
  const acl = new WebAcl(waf, 'web-acl', {
    name,
    scope: 'REGIONAL',
    region,
    description: `${org.name} ${settings.preset} web ACL for ${account.name}`,
    capacityLimit: settings.capacityLimit,
    preset: {
      name: settings.preset,
      rateLimit: settings.rateLimit,
      rateLimitWindowSec: settings.rateLimitWindowSec,
      blockedCountries: settings.blockedCountries,
      adjust: settings.adjust,
      remove: settings.remove as readonly PresetRuleName[],
    },
  });
  acl.addLogging({
    accountId: account.id,
    partition: org.partition,
    keyAliasName: `${resourcePrefix(org)}/waf-logs`,
    destination: { type: 'cloudwatch-logs', retentionDays: settings.logging.retentionDays },
    redactedHeaders: settings.logging.redactedHeaders,
    keepActions: settings.logging.logAllowedRequests ? ALL_LOG_ACTIONS : undefined,
  });
  for (const { arn, id } of mine) acl.associate(id, arn);
}
