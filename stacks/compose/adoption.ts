import { Construct, type IConstruct } from 'constructs';
import { TerraformResource } from 'cdktf';
import type { Organization } from '../../config/organization';
import { AdoptedOrganization, type OrganizationPolicyType } from '../../modules/organizations/organization';
import type { AccountBaselineStack } from '../baseline-stack';
import { trailArn } from '../naming';
import { SynthError } from '../synth/synth-error';

/**
 * Adoption (`accounts[].adopt`, `adoption.organization`): after every concern has built its resources, the ones
 * config says already exist get a Terraform `import` block (`importFrom`), so the first plan imports them instead of
 * failing with "already exists". Names that would force a replacement are already the existing ones (the
 * compositions read them from the same settings). Nothing moves: the resources keep their addresses, and a config
 * without adoption settings synthesizes exactly as before.
 */

/** Construct paths (below the stack) of the resources adoption can import, and the type each must have. */
export const ADOPTABLE_RESOURCES = {
  passwordPolicy: { path: 'identity/password-policy/Resource', type: 'aws_iam_account_password_policy' },
  s3AccountPublicAccessBlock: { path: 's3-account-public-access-block/Resource', type: 'aws_s3_account_public_access_block' },
  trail: { path: 'detection/trail/Resource', type: 'aws_cloudtrail' },
  guardDutyDetector: { path: 'detection/guardduty-detector/Resource', type: 'aws_guardduty_detector' },
  configRecorder: { path: 'detection/config-recorder/Recorder', type: 'aws_config_configuration_recorder' },
  configRecorderStatus: { path: 'detection/config-recorder/Status', type: 'aws_config_configuration_recorder_status' },
  configDeliveryChannel: { path: 'detection/config-recorder/DeliveryChannel', type: 'aws_config_delivery_channel' },
  securityHub: { path: 'detection/security-hub/Resource', type: 'aws_securityhub_account' },
  accessAnalyzer: { path: 'identity/account-access-analyzer/Resource', type: 'aws_accessanalyzer_analyzer' },
  ebsEncryptionByDefault: { path: 'ec2-defaults/EncryptionByDefault', type: 'aws_ebs_encryption_by_default' },
} as const;

type Adoptable = keyof typeof ADOPTABLE_RESOURCES;

/** What the caller decides for the adoption (the organisation's policy types come from the guardrails). */
export interface AdoptionOptions {
  /**
   * Policy types the management stack enables on an adopted organisation.
   * @default ["SERVICE_CONTROL_POLICY"]
   */
  readonly enabledPolicyTypes?: readonly OrganizationPolicyType[];
}

/** Adds the import blocks for what this account and Region already has (and the adopted organisation, management home). */
export function composeAdoption(stack: AccountBaselineStack, options: AdoptionOptions = {}): void {
  const { org, account, region } = stack;
  const adopt = account.adopt;
  const imports: Array<[Adoptable, string]> = [];
  if (stack.isHomeRegion) {
    if (adopt.passwordPolicy) imports.push(['passwordPolicy', 'iam-account-password-policy']);
    if (adopt.s3AccountPublicAccessBlock) imports.push(['s3AccountPublicAccessBlock', account.id]);
    // By ARN: DescribeTrails takes a name or an ARN, and the provider keeps the ARN as the trail's id.
    if (adopt.trail) imports.push(['trail', trailArn(org)]);
    if (account.role === 'management' && org.adoption.organization.enabled) {
      new AdoptedOrganization(new Construct(stack, 'adoption'), 'organization', {
        organizationId: org.organizationId,
        servicePrincipals: [...baselineServicePrincipals(org), ...org.adoption.organization.keepServicePrincipals],
        enabledPolicyTypes: options.enabledPolicyTypes,
      });
    }
  }
  const here = adopt.regions[region];
  if (here) {
    if (here.guardDutyDetectorId !== undefined) imports.push(['guardDutyDetector', here.guardDutyDetectorId]);
    if (here.configRecorderName !== undefined) {
      imports.push(['configRecorder', here.configRecorderName], ['configRecorderStatus', here.configRecorderName]);
    }
    if (here.configDeliveryChannelName !== undefined) imports.push(['configDeliveryChannel', here.configDeliveryChannelName]);
    if (here.securityHub) imports.push(['securityHub', account.id]);
    if (here.accessAnalyzerName !== undefined) imports.push(['accessAnalyzer', here.accessAnalyzerName]);
    // The provider keys this setting by Region (it is one per account and Region).
    if (here.ebsEncryptionByDefault) imports.push(['ebsEncryptionByDefault', region]);
  }
  for (const [what, id] of imports) adoptableResource(stack, what).importFrom(id);
}

/** The resource at an adoptable construct path of the stack (the compositions build it whenever config adopts it). */
function adoptableResource(stack: AccountBaselineStack, what: Adoptable): TerraformResource {
  const { path, type } = ADOPTABLE_RESOURCES[what];
  let node: IConstruct | undefined = stack;
  for (const id of path.split('/')) node = node?.node.tryFindChild(id);
  if (!(node instanceof TerraformResource) || node.terraformResourceType !== type) {
    // unreachable: config/settings/adoption-rules.ts (each adopted resource is one the baseline builds there)
    throw new SynthError(`${stack.node.id}: adoption of ${what} found no ${type} at ${path}`);
  }
  return node;
}

/**
 * Service principals whose trusted access the baseline needs in the organisation: the delegated administrators'
 * services, the organisation trail and Config aggregation, Identity Center and RAM when config uses them.
 */
export function baselineServicePrincipals(org: Organization): string[] {
  const d = org.detection;
  const principals = [
    'access-analyzer.amazonaws.com',
    ...(d.cloudTrail.enabled ? ['cloudtrail.amazonaws.com'] : []),
    ...(d.config.enabled ? ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'] : []),
    ...(d.guardDuty.enabled ? ['guardduty.amazonaws.com'] : []),
    ...(d.securityHub.enabled ? ['securityhub.amazonaws.com'] : []),
    ...(d.inspector.enabled ? ['inspector2.amazonaws.com'] : []),
    ...(d.macie.enabled ? ['macie.amazonaws.com'] : []),
    ...(org.identity.identityCenter ? ['sso.amazonaws.com'] : []),
    ...(org.accounts.some((a) => a.role === 'network') ? ['ram.amazonaws.com'] : []),
    ...(org.edgeProtection.firewallManager.enabled ? ['fms.amazonaws.com'] : []),
    // Control Tower's own trusted access stays on: it runs the trail, Config and Identity Center of the landing zone.
    ...(org.controlTower?.enabled
      ? ['controltower.amazonaws.com', 'cloudtrail.amazonaws.com', 'config.amazonaws.com', 'sso.amazonaws.com']
      : []),
  ];
  return [...new Set(principals)];
}
