import * as fs from 'fs';
import * as path from 'path';
import { parseConfigText, parseOrganization } from '../../config';
import { ConfigError } from '../../config/errors';

/** Bad incident-response and cost input: each a config error naming the path, the value and the fix. */
const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'configs', 'incident-response.yaml');
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const sample = (): Raw => parseConfigText(fs.readFileSync(SAMPLE, 'utf8'), 'sample') as Raw;

function problemsOf(change: (raw: Raw) => void): Array<{ path: string; message: string }> {
  const raw = sample();
  change(raw);
  try {
    parseOrganization(raw, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => ({ path: p.path, message: p.message }));
    throw error;
  }
  throw new Error('expected a config error');
}

describe('incident-response config errors', () => {
  it('parses the sample', () => {
    expect(() => parseOrganization(sample(), 'sample')).not.toThrow();
  });

  it.each([
    ['an unknown runbook', (r: Raw) => (r.response.remediation[0].runbook = 'AWS-DoSomethingElse'), 'response.remediation[0].runbook', /is not a pinned remediation runbook; use one of AWS-DisableIncomingSSHOnPort22/],
    ['a runbook that fights Terraform', (r: Raw) => (r.response.remediation[0].runbook = 'AWSConfigRemediation-EnableEbsEncryptionByDefault'), 'response.remediation[0].runbook', /changes what Terraform manages \(EBS encryption by default/],
    ['a runbook paired with another rule', (r: Raw) => { r.response.remediation.splice(3, 1); r.response.remediation[1].runbook = 'AWS-EnableS3BucketEncryption'; }, 'response.remediation[1].runbook', /fixes S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED, but the rule it names checks RESTRICTED_INCOMING_TRAFFIC/],
    ['a rule the baseline does not deploy', (r: Raw) => (r.response.remediation[0].rule = 'no-such-rule'), 'response.remediation[0].rule', /names no rule of detection.config.rules/],
    ['retries out of range', (r: Raw) => (r.response.remediation[0].maximumAutomaticAttempts = 26), 'response.remediation[0].maximumAutomaticAttempts', /from 1 to 25/],
    ['an unknown finding type', (r: Raw) => r.response.containment[0].findingTypes.push('Recon:EC2/PortProbeUnprotectedPort'), 'response.containment[0].findingTypes[4]', /is not a finding type the baseline can contain/],
    ['an unknown containment runbook', (r: Raw) => (r.response.containment[0].runbook = 'AWS-TerminateEC2Instance'), 'response.containment[0].runbook', /must be a pinned containment runbook: AWS-StopEC2Instance/],
    ['a budget threshold of 0', (r: Raw) => (r.cost.budgets.actualThresholdPercents = [0, 100]), 'cost.budgets.actualThresholdPercents[0]', /percentage of the budget from 1 to 1000/],
    ['a budget threshold over 1000', (r: Raw) => (r.cost.budgets.forecastThresholdPercents = [1001]), 'cost.budgets.forecastThresholdPercents[0]', /percentage of the budget from 1 to 1000/],
    ['quarantining the management account', (r: Raw) => (r.response.quarantine.targets = ['management']), 'response.quarantine.targets[0]', /is the management account, which SCPs never restrict/],
    ['quarantining an unknown account', (r: Raw) => (r.response.quarantine.targets = ['nobody']), 'response.quarantine.targets[0]', /names no account/],
  ])('fails on %s', (_what, change, where, message) => {
    const problems = problemsOf(change);
    expect(problems).toContainEqual({ path: where, message: expect.stringMatching(message) });
  });

  it('lists every problem at once', () => {
    const problems = problemsOf((r) => {
      r.response.remediation[0].runbook = 'AWS-DoSomethingElse';
      r.response.containment[0].findingTypes = ['Nope:EC2/Nothing'];
      r.cost.budgets.actualThresholdPercents = [2000];
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['cost.budgets.actualThresholdPercents[0]', 'response.containment[0].findingTypes[0]', 'response.remediation[0].runbook']);
  });
});
