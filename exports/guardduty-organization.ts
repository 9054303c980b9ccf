import { GuardDutyDetector, GuardDutyDelegatedAdmin, GuardDutyOrganizationConfiguration } from '../modules/detection/guardduty';
import {
  DEFAULT_GUARDDUTY_PROTECTIONS,
  FINDING_PUBLISHING_FREQUENCIES,
  GUARDDUTY_FEATURES,
  RUNTIME_MONITORING_AGENT_SETTINGS,
  type GuardDutyProtection,
} from '../modules/detection/guardduty/features';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable, hclList } from './common';
import { PROTECTION_TEXT, protectionVariable } from './guardduty-alerts';

/** The construct checks the administrator id in TypeScript; a placeholder of the right shape, replaced by the input. */
const ADMIN_PLACEHOLDER = '000000000000';
const MANAGEMENT = 'var.management_account';

type Overridable = { addOverride(path: string, value: unknown): void };

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('management_account', {
    type: 'bool',
    description: 'Which side of the delegation the calling provider is. true: the organisation\'s management account; the module creates its detector and registers admin_account_id as GuardDuty\'s delegated administrator in this Region (GuardDuty administration is Regional: once per Region). false (default): the delegated administrator (the security account); the module creates its detector and the organisation configuration that enables GuardDuty and the protection plans in every member account. A known boolean, so counts never wait for apply.',
    default: false,
  });
  stack.variable('admin_account_id', {
    type: 'string',
    description: 'The account that administers GuardDuty for the organisation (12 digits; the security account, not the management account: administration stays out of the account that can change every policy).',
    validation: [{ condition: 'can(regex("^[0-9]{12}$", var.admin_account_id))', errorMessage: 'admin_account_id must be a 12-digit AWS account id.' }],
  });
  const frequency = stack.variable('finding_publishing_frequency', {
    type: 'string',
    description: `How often updates of existing findings are published to EventBridge: ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}. Default "FIFTEEN_MINUTES": escalating findings reach people soonest.`,
    default: 'FIFTEEN_MINUTES',
    validation: [{ condition: `contains(${hclList(FINDING_PUBLISHING_FREQUENCIES)}, var.finding_publishing_frequency)`, errorMessage: `finding_publishing_frequency must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}.` }],
  });
  stack.variable('auto_enable_organization_members', {
    type: 'string',
    description: 'Which member accounts get GuardDuty and the enabled protection plans: "ALL" (existing and new) or "NEW" (accounts that join later). Default "ALL": no member account is left without a detector.',
    default: 'ALL',
    validation: [{ condition: 'contains(["ALL", "NEW"], var.auto_enable_organization_members)', errorMessage: 'auto_enable_organization_members must be "ALL" or "NEW" (anything else leaves accounts without GuardDuty).' }],
  });
  for (const protection of Object.keys(GUARDDUTY_FEATURES) as GuardDutyProtection[]) {
    const on = DEFAULT_GUARDDUTY_PROTECTIONS[protection];
    stack.variable(protectionVariable(protection), {
      type: 'bool',
      description: `Turn on ${PROTECTION_TEXT[protection]} for this account and, on the administrator side, for the member accounts. Default ${on}${on ? ': extends detection beyond CloudTrail, VPC flow and DNS logs' : ''}.`,
      default: on,
    });
  }

  const detector = new GuardDutyDetector(stack, 'this', {
    findingPublishingFrequency: frequency.stringValue as 'FIFTEEN_MINUTES',
    protections: Object.fromEntries(Object.keys(GUARDDUTY_FEATURES).map((p) => [p, true])),
    tags: stack.moduleTags,
  });
  for (const [protection, feature] of Object.entries(detector.features) as Array<[GuardDutyProtection, NonNullable<(typeof detector.features)[GuardDutyProtection]>]>) {
    const status = `\${var.${protectionVariable(protection)} ? "ENABLED" : "DISABLED"}`;
    feature.status = status;
    if (protection === 'runtimeMonitoring') feature.putAdditionalConfiguration(RUNTIME_MONITORING_AGENT_SETTINGS.map((name) => ({ name, status })));
  }

  // Management side: the delegation, after this account's own detector (else delegation creates one Terraform would then fail to create).
  const admin = new GuardDutyDelegatedAdmin(stack, 'this-delegated-admin', { adminAccountId: ADMIN_PLACEHOLDER, dependsOn: [detector.resource] });
  admin.resource.addOverride('count', `\${${MANAGEMENT} ? 1 : 0}`);
  stack.replaceLiteral(ADMIN_PLACEHOLDER, 'var.admin_account_id');

  // Administrator side: the organisation configuration; every protection plan is built, each follows its variable.
  const configuration = new GuardDutyOrganizationConfiguration(stack, 'this-organization', {
    detector,
    protections: Object.fromEntries(Object.keys(GUARDDUTY_FEATURES).map((p) => [p, true])),
  });
  configuration.resource.addOverride('count', `\${${MANAGEMENT} ? 0 : 1}`);
  configuration.resource.addOverride('auto_enable_organization_members', '${var.auto_enable_organization_members}');
  for (const protection of Object.keys(GUARDDUTY_FEATURES) as GuardDutyProtection[]) {
    const feature = configuration.node.findChild(protection) as unknown as Overridable;
    const autoEnable = `\${var.${protectionVariable(protection)} ? var.auto_enable_organization_members : "NONE"}`;
    feature.addOverride('count', `\${${MANAGEMENT} ? 0 : 1}`);
    feature.addOverride('auto_enable', autoEnable);
    if (protection === 'runtimeMonitoring') feature.addOverride('additional_configuration', RUNTIME_MONITORING_AGENT_SETTINGS.map((name) => ({ name, auto_enable: autoEnable })));
  }

  stack.output('detector_id', detector.detectorId, 'Id of this account\'s GuardDuty detector.');
  stack.output('detector_arn', detector.resource.arn, 'ARN of this account\'s GuardDuty detector.');
  stack.output('delegated_admin_account_id', `\${${MANAGEMENT} ? var.admin_account_id : null}`, 'The registered delegated administrator (management side; null on the administrator side).');
  stack.output('auto_enable_organization_members', `\${${MANAGEMENT} ? null : var.auto_enable_organization_members}`, 'Which member accounts the organisation configuration enables (administrator side; null on the management side).');
}

export const guardDutyOrganizationModule: ModuleDefinition = {
  name: 'guardduty-organization',
  title: 'GuardDuty for the organisation: delegated administrator and organisation configuration',
  summary: `
GuardDuty across an organisation from \`modules/detection/guardduty\`, called once per Region on each side of the
delegation: in the management account (\`management_account = true\`) it creates that account's detector and
registers the security account as delegated administrator (\`GuardDutyDelegatedAdmin\`); in the delegated
administrator it creates the detector and the organisation configuration (\`GuardDutyOrganizationConfiguration\`)
that enables GuardDuty and the chosen protection plans in every member account, existing and new.
`,
  example: `
provider "aws" {
  alias  = "management"
  region = "us-east-1"
  # assume_role { role_arn = "arn:aws:iam::111111111111:role/organization-admin" }
}

module "guardduty_delegation" {
  source    = "../.."
  providers = { aws = aws.management }

  management_account = true
  admin_account_id   = "222222222222"
}

module "guardduty_organization" {
  source = "../.."

  admin_account_id = "222222222222"
  depends_on       = [module.guardduty_delegation]
}

output "detector_id" {
  value = module.guardduty_organization.detector_id
}
`,
  notes: [
    'Alerts on findings: the guardduty-alerts module (in the administrator account it sees every member\'s findings) without its detector, or the CDKTF constructs.',
    'The organisation configuration can only be applied after the delegation exists (`depends_on` in the example); in separate root modules, apply the management side first.',
  ],
  build,
};
