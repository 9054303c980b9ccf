import { SecurityhubStandardsControlAssociation } from '@cdktf/provider-aws/lib/securityhub-standards-control-association';
import { TerraformIterator } from 'cdktf';
import { SecurityHub } from '../modules/detection/securityhub';
import { DEFAULT_SECURITY_HUB_STANDARDS, SECURITY_CONTROL_ID, SECURITY_HUB_STANDARD_IDS } from '../modules/detection/securityhub/standards';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { PROVIDER_PARTITION, PROVIDER_REGION, hclList, providerContext } from './common';

function build(stack: ModuleStack): void {
  const { partition, region } = providerContext(stack);
  stack.variable('standards', {
    type: 'list(string)',
    description: `Security Hub standards to subscribe to, at least one, each once: ${SECURITY_HUB_STANDARD_IDS.join(', ')}. Default FSBP and CIS v3.0.0: AWS's own recommendations and the benchmark this baseline implements.`,
    default: [...DEFAULT_SECURITY_HUB_STANDARDS],
    validation: [
      {
        condition: `length(var.standards) > 0 && length(distinct(var.standards)) == length(var.standards) && alltrue([for s in var.standards : contains(${hclList(SECURITY_HUB_STANDARD_IDS)}, s)])`,
        errorMessage: `standards must list Security Hub standards, each once: ${SECURITY_HUB_STANDARD_IDS.join(', ')}.`,
      },
    ],
  });
  stack.variable('disabled_controls', {
    type: 'map(object({ standard = string, reason = string }))',
    description: 'Controls turned off, by control id ("IAM.6"): the standard it belongs to and why, at least 20 characters. Default {}. A disabled control stops reporting for good; the reason is kept with it in Security Hub.',
    default: {},
    validation: [
      {
        condition: `alltrue([for id, c in var.disabled_controls : can(regex(${JSON.stringify(SECURITY_CONTROL_ID.source)}, id)) && length(trimspace(c.reason)) >= 20 && contains(${hclList(SECURITY_HUB_STANDARD_IDS)}, c.standard)])`,
        errorMessage: 'disabled_controls must be keyed by Security Hub control ids such as "IAM.6", name a known standard and say why in at least 20 characters.',
      },
      {
        condition: 'alltrue([for id, c in var.disabled_controls : contains(var.standards, c.standard)])',
        errorMessage: 'disabled_controls must name standards listed in standards (a control of a standard not subscribed cannot be disabled).',
      },
    ],
  });

  // Every standard is built; each subscription exists only when listed (count over a known list of literals).
  const hub = new SecurityHub(stack, 'this', { partition, region, standards: [...SECURITY_HUB_STANDARD_IDS] });
  for (const [id, subscription] of hub.subscriptions) subscription.addOverride('count', `\${contains(var.standards, ${JSON.stringify(id)}) ? 1 : 0}`);
  const controls = TerraformIterator.fromMap(stack.var('disabled_controls').value as Record<string, unknown>);
  new SecurityhubStandardsControlAssociation(stack, 'disabled-control', {
    forEach: controls,
    standardsArn: '${each.value.standard == "cis-aws-foundations-benchmark/v/1.2.0" ? "arn:${data.aws_partition.current.partition}:securityhub:::ruleset/${each.value.standard}" : "arn:${data.aws_partition.current.partition}:securityhub:${data.aws_region.current.name}::standards/${each.value.standard}"}',
    securityControlId: controls.key,
    associationStatus: 'DISABLED',
    updatedReason: '${trimspace(each.value.reason)}',
    dependsOn: [hub.account],
  });

  stack.output('account_id', hub.account.id, 'Id of the Security Hub account resource (the account it is enabled in).');
  stack.output('standards_arns', `\${[for s in var.standards : (s == "cis-aws-foundations-benchmark/v/1.2.0" ? "arn:${'$'}{${PROVIDER_PARTITION}}:securityhub:::ruleset/${'$'}{s}" : "arn:${'$'}{${PROVIDER_PARTITION}}:securityhub:${'$'}{${PROVIDER_REGION}}::standards/${'$'}{s}")]}`, 'ARNs of the subscribed standards.');
}

export const securityHubModule: ModuleDefinition = {
  name: 'security-hub',
  title: 'Security Hub with standards and reasoned control exceptions',
  summary: `
Security Hub in the account and Region (\`SecurityHub\` of \`modules/detection/securityhub\`): consolidated control
findings, new controls enabled automatically, no default standards but the ones listed (FSBP and CIS v3.0.0 by
default), and controls disabled only with a written reason.
`,
  example: `
module "security_hub" {
  source = "../.."

  disabled_controls = {
    "IAM.6" = {
      standard = "aws-foundational-security-best-practices/v/1.0.0"
      reason   = "Root hardware MFA is held by the organisation's break-glass process"
    }
  }
}

output "standards_arns" {
  value = module.security_hub.standards_arns
}
`,
  planOnlyRules: ['Each disabled control names a standard listed in `standards`.'],
  notes: ['Regional: call the module per Region. Organisation configuration and the finding aggregator need the delegated administrator and stay with the CDKTF constructs.'],
  build,
};
