import { AccessAnalyzer, AnalyzerType } from '../modules/access-analyzer';
import type { ModuleDefinition } from './lib/module-definition';
import type { ModuleStack } from './lib/module-stack';
import { declareTagsVariable, integerInRange } from './common';

const NAME_PLACEHOLDER = 'exportedAnalyzerName';
const UNUSED_NAME_PLACEHOLDER = 'exportedUnusedAnalyzerName';

function build(stack: ModuleStack): void {
  declareTagsVariable(stack);
  stack.variable('analyzer_name', {
    type: 'string',
    description: 'Name of the external-access analyzer (zone of trust: this account), unique per account and Region: a letter, then up to 254 letters, digits, ".", "_" or "-". Default "account-analyzer". IAM Access Analyzer (CIS 1.20) finds resources shared outside the account.',
    default: 'account-analyzer',
    validation: [{ condition: 'can(regex("^[A-Za-z][A-Za-z0-9_.-]{0,254}$", var.analyzer_name))', errorMessage: 'analyzer_name must start with a letter and be up to 255 letters, digits, ".", "_" or "-".' }],
  });
  // One object: the unused-access analyzer's settings are checked together; count follows the known flag.
  stack.variable('unused_access', {
    type: 'object({ enabled = bool, analyzer_name = optional(string, "account-unused-access"), age_days = optional(number, 90) })',
    description: 'A second analyzer for unused access (roles, keys and permissions not used for age_days, 1-365; a paid feature). Default { enabled = false }. Security: unused permissions are the easiest to remove and the first an intruder reuses.',
    default: { enabled: false },
    validation: [
      { condition: 'can(regex("^[A-Za-z][A-Za-z0-9_.-]{0,254}$", var.unused_access.analyzer_name))', errorMessage: 'unused_access.analyzer_name must start with a letter and be up to 255 letters, digits, ".", "_" or "-".' },
      integerInRange('unused_access.age_days', 1, 365, 'days'),
    ],
  });
  const analyzer = new AccessAnalyzer(stack, 'this', { analyzerName: NAME_PLACEHOLDER, type: AnalyzerType.ACCOUNT, tags: stack.moduleTags });
  const unused = new AccessAnalyzer(stack, 'unused-access', { analyzerName: UNUSED_NAME_PLACEHOLDER, type: AnalyzerType.ACCOUNT_UNUSED_ACCESS, unusedAccessAgeDays: 90, tags: stack.moduleTags });
  unused.resource.addOverride('count', '${var.unused_access.enabled ? 1 : 0}');
  unused.resource.addOverride('configuration.unused_access.unused_access_age', '${var.unused_access.age_days}');
  stack.replaceLiteral(NAME_PLACEHOLDER, 'var.analyzer_name');
  stack.replaceLiteral(UNUSED_NAME_PLACEHOLDER, 'var.unused_access.analyzer_name');

  stack.output('analyzer_arn', analyzer.analyzerArn, 'ARN of the external-access analyzer.');
  stack.output('unused_access_analyzer_arn', '${one(aws_accessanalyzer_analyzer.unused_access[*].arn)}', 'ARN of the unused-access analyzer, or null when unused_access.enabled is false.');
}

export const accessAnalyzerModule: ModuleDefinition = {
  name: 'access-analyzer',
  title: 'IAM Access Analyzer for the account',
  summary: `
An IAM Access Analyzer with the account as zone of trust (\`AccessAnalyzer\` of \`modules/access-analyzer\`, CIS 1.20):
findings for every S3 bucket, KMS key, role, secret, queue or snapshot shared outside the account; optionally a
second analyzer for unused access.
`,
  example: `
module "access_analyzer" {
  source = "../.."

  unused_access = {
    enabled  = true
    age_days = 90
  }
}

output "analyzer_arn" {
  value = module.access_analyzer.analyzer_arn
}
`,
  notes: ['Analyzers are Regional: call the module once per Region (aliased providers). Organisation analyzers need the delegated administrator account and stay with the CDKTF construct.'],
  build,
};
