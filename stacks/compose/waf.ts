import { Construct } from 'constructs';
import { ValidationError } from '../../modules/core/errors';
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

  settings.regions?.forEach((r, i) => {
    if (!account.regions.includes(r)) {
      throw new ValidationError(stack, `${path}.regions[${i}]`, r, `must be one of the account's Regions (${account.regions.join(', ')})`);
    }
  });
  // Every stack checks every ARN, so a resource in a Region without an ACL is an error rather than left unprotected.
  const mine: Array<{ arn: string; id: string }> = [];
  settings.protectedResourceArns.forEach((arn, i) => {
    const parsed = parseProtectedResourceArn(arn);
    const prop = `${path}.protectedResourceArns[${i}]`;
    if (!parsed) throw new ValidationError(stack, prop, arn, 'must be the ARN of an ALB, API Gateway REST API stage or AppSync API');
    if (!aclRegions.includes(parsed.region)) {
      throw new ValidationError(stack, prop, arn, `is in ${parsed.region}, where the account has no web ACL (${aclRegions.join(', ')}); add the Region or remove the ARN`);
    }
    const owner = /^arn:[^:]+:[^:]+:[^:]+:(\d{12}):/.exec(arn)?.[1];
    if (owner !== undefined && owner !== account.id) {
      throw new ValidationError(stack, prop, arn, `belongs to account ${owner}; a web ACL protects resources of its own account (${account.id}) only`);
    }
    if (parsed.region === region) mine.push({ arn, id: `association-${parsed.idSuffix}` });
  });
  const ids = mine.map((m) => m.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new ValidationError(stack, `${path}.protectedResourceArns`, duplicate, 'lists the same resource twice');
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
