import { ConfigError, type ConfigProblem } from '../../config/errors';
import { parseOrganization } from '../../config/organization';
import { exampleInput, exampleOrg } from '../support/orgs';

/**
 * Detection settings: defaults, and bad input. Each bad config is the example organisation with one thing changed;
 * the single problem must name the exact path, echo the value and say what would be valid.
 */

type Raw = Record<string, unknown>;

function example(): Raw {
  return JSON.parse(JSON.stringify(exampleInput())) as Raw;
}

function detection(config: Raw): Raw {
  config.detection ??= {};
  return config.detection as Raw;
}

function section(config: Raw, name: string): Raw {
  const d = detection(config);
  d[name] ??= {};
  return d[name] as Raw;
}

function problemsOf(config: Raw): readonly ConfigProblem[] {
  try {
    parseOrganization(config, 'bad.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

interface BadCase {
  readonly name: string;
  readonly change: (config: Raw) => void;
  readonly path: string;
  readonly value: string;
  readonly message: RegExp;
}

const FSBP = 'aws-foundational-security-best-practices/v/1.0.0';

const cases: readonly BadCase[] = [
  {
    name: 'GuardDuty alert severity above 8.9',
    change: (c) => (section(c, 'guardDuty').alertMinimumSeverity = 9),
    path: 'detection.guardDuty.alertMinimumSeverity',
    value: '9',
    message: /must be a GuardDuty severity from 1 to 8\.9/,
  },
  {
    name: 'GuardDuty alert severity below 1',
    change: (c) => (section(c, 'guardDuty').alertMinimumSeverity = 0),
    path: 'detection.guardDuty.alertMinimumSeverity',
    value: '0',
    message: /must be a GuardDuty severity from 1 to 8\.9/,
  },
  {
    name: 'GuardDuty alert severity given as a label',
    change: (c) => (section(c, 'guardDuty').alertMinimumSeverity = 'HIGH'),
    path: 'detection.guardDuty.alertMinimumSeverity',
    value: '"HIGH"',
    message: /must be a GuardDuty severity from 1 to 8\.9/,
  },
  {
    name: 'trail log retention CloudWatch does not accept',
    change: (c) => (section(c, 'cloudTrail').cloudWatchLogsRetentionDays = 366),
    path: 'detection.cloudTrail.cloudWatchLogsRetentionDays',
    value: '366',
    message: /must be a retention CloudWatch Logs accepts that keeps logs at least a year: one of 365, 400, 545, 731/,
  },
  {
    name: 'trail log retention under a year',
    change: (c) => (section(c, 'cloudTrail').cloudWatchLogsRetentionDays = 90),
    path: 'detection.cloudTrail.cloudWatchLogsRetentionDays',
    value: '90',
    message: /at least a year/,
  },
  {
    name: 'Security Hub standard that does not exist',
    change: (c) => (section(c, 'securityHub').standards = [FSBP, 'cis-aws-foundations-benchmark/v/9.9.9']),
    path: 'detection.securityHub.standards[1]',
    value: '"cis-aws-foundations-benchmark/v/9.9.9"',
    message: /must be a Security Hub standard: one of aws-foundational-security-best-practices\/v\/1\.0\.0, cis-aws-foundations-benchmark\/v\/3\.0\.0/,
  },
  {
    name: 'disabling a control without a reason',
    change: (c) => (section(c, 'securityHub').disabledControls = [{ standard: FSBP, controlId: 'Macie.1' }]),
    path: 'detection.securityHub.disabledControls[0].reason',
    value: '(missing)',
    message: /must be a reason of at least 20 characters/,
  },
  {
    name: 'disabling a control with a token reason',
    change: (c) => (section(c, 'securityHub').disabledControls = [{ standard: FSBP, controlId: 'Macie.1', reason: 'not needed' }]),
    path: 'detection.securityHub.disabledControls[0].reason',
    value: '"not needed"',
    message: /must say why in at least 20 characters/,
  },
  {
    name: 'disabling a control in a standard not subscribed',
    change: (c) =>
      (section(c, 'securityHub').disabledControls = [
        { standard: 'pci-dss/v/4.0.1', controlId: 'PCI.1', reason: 'this organisation does not process card data at all' },
      ]),
    path: 'detection.securityHub.disabledControls[0].standard',
    value: '"pci-dss/v/4.0.1"',
    message: /is not in standards .*a control can only be disabled in a subscribed standard/,
  },
  {
    name: 'a control id that is not one',
    change: (c) => (section(c, 'securityHub').disabledControls = [{ standard: FSBP, controlId: 'macie one', reason: 'Macie is billed per object and off here' }]),
    path: 'detection.securityHub.disabledControls[0].controlId',
    value: '"macie one"',
    message: /must be a Security Hub control id such as "IAM\.6"/,
  },
  {
    name: 'an alert subscription that is plain HTTP',
    change: (c) => ((c.alerts as Raw).httpsEndpoints = ['http://hooks.example.com/aws-security-alerts']),
    path: 'alerts.httpsEndpoints[0]',
    value: '"http://hooks.example.com/aws-security-alerts"',
    message: /must use https:\/\//,
  },
  {
    name: 'an alert subscription that is not an email address',
    change: (c) => ((c.alerts as Raw).emails = ['security-alerts.example.com']),
    path: 'alerts.emails[0]',
    value: '"security-alerts.example.com"',
    message: /must be an email address/,
  },
  {
    name: 'CloudTrail S3 data events choice that does not exist',
    change: (c) => (section(c, 'cloudTrail').s3DataEvents = 'everything'),
    path: 'detection.cloudTrail.s3DataEvents',
    value: '"everything"',
    message: /must be "all", "write", "read" or "none"/,
  },
  {
    name: 'a trail log reader with a wildcard',
    change: (c) => (section(c, 'cloudTrail').logReaderArns = ['arn:aws:iam::333333333333:role/*']),
    path: 'detection.cloudTrail.logReaderArns[0]',
    value: '"arn:aws:iam::333333333333:role/*"',
    message: /must be an IAM role or account-root ARN without wildcards/,
  },
  {
    name: 'a managed rule identifier in lower case',
    change: (c) => (section(c, 'config').rules = [{ name: 'restricted-ssh', identifier: 'incoming-ssh-disabled' }]),
    path: 'detection.config.rules[0].identifier',
    value: '"incoming-ssh-disabled"',
    message: /must be an AWS managed rule identifier in upper case/,
  },
  {
    name: 'two managed rules with one name',
    change: (c) =>
      (section(c, 'config').rules = [
        { name: 'restricted-ssh', identifier: 'INCOMING_SSH_DISABLED' },
        { name: 'restricted-ssh', identifier: 'RESTRICTED_INCOMING_TRAFFIC' },
      ]),
    path: 'detection.config.rules[1].name',
    value: '"restricted-ssh"',
    message: /is used twice; rule names must be unique/,
  },
  {
    name: 'a conformance pack template that does not exist',
    change: (c) => (section(c, 'config').conformancePacks = [{ name: 'missing', templateFile: 'modules/detection/aws-config/templates/missing.yaml' }]),
    path: 'detection.config.conformancePacks[0].templateFile',
    value: '"modules/detection/aws-config/templates/missing.yaml"',
    message: /names no file/,
  },
  {
    name: 'an unknown GuardDuty protection plan (typo)',
    change: (c) => (section(c, 'guardDuty').protection = { s3DataEvent: true }),
    path: 'detection.guardDuty.protection.s3DataEvent',
    value: 'true',
    message: /unknown|not allowed|s3DataEvents/i,
  },
];

describe('detection settings', () => {
  it('defaults to every service on except Macie, with the CIS and guide defaults', () => {
    const org = parseOrganization({ ...example(), detection: undefined }, 'test');
    const d = org.detection;
    expect(d.guardDuty).toMatchObject({ enabled: true, alertMinimumSeverity: 7, findingPublishingFrequency: 'FIFTEEN_MINUTES', autoEnableOrganizationMembers: 'ALL', exportFindings: true });
    expect(d.guardDuty.protection).toEqual({ s3DataEvents: true, eksAuditLogs: true, ebsMalwareProtection: true, rdsLoginEvents: true, lambdaNetworkLogs: true, runtimeMonitoring: false });
    expect(d.cloudTrail).toMatchObject({ enabled: true, cloudWatchLogsRetentionDays: 365, s3DataEvents: 'all', insights: false, objectLock: { mode: 'COMPLIANCE', retentionDays: 365 } });
    expect(d.securityHub.standards).toEqual([FSBP, 'cis-aws-foundations-benchmark/v/3.0.0']);
    expect(d.securityHub.alertSeverities).toEqual(['CRITICAL', 'HIGH']);
    expect(d.config.rules.map((r) => r.identifier)).toEqual([
      'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
      'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
      'RDS_STORAGE_ENCRYPTED',
      'CLOUD_TRAIL_ENABLED',
      'MULTI_REGION_CLOUD_TRAIL_ENABLED',
      'ROOT_ACCOUNT_MFA_ENABLED',
      'IAM_PASSWORD_POLICY',
      'INCOMING_SSH_DISABLED',
      'VPC_FLOW_LOGS_ENABLED',
      'ENCRYPTED_VOLUMES',
      'ACCESS_KEYS_ROTATED',
    ]);
    expect(d.inspector).toEqual({ enabled: true, ec2: true, ecr: true, lambda: true, lambdaCode: false });
    expect(d.macie.enabled).toBe(false);
    expect(d.cisAlarms).toEqual({ enabled: true, consoleSignInWithoutMfa: 'iam-users', unauthorizedApiCalls: 'corrected' });
    expect(d.securityContact).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('fails on %s', (_name, c) => {
    const config = example();
    c.change(config);
    const problems = problemsOf(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: c.path, value: c.value });
    expect(problems[0]!.message).toMatch(c.message);
  });

  it('fails when an account asks for a Macie job while Macie is off', () => {
    const load = () =>
      exampleOrg((input) => {
        const account = input.accounts[4]!;
        (account as Raw).detection = { macieClassificationJob: { bucketNames: ['example-prod-website'] } };
      });
    expect(load).toThrow(/accounts\[4\]\.detection\.macieClassificationJob: needs detection\.macie\.enabled: true/);
  });
});
