import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { coreExampleInput } from '../support/orgs';
import { stringify as toYaml } from 'yaml';
import { ConfigError, type ConfigProblem } from '../../config/errors';
import { EXAMPLE_CONFIG_PATH, configPathFrom, loadOrganization, parseConfigText } from '../../config/load';
import { parseOrganization } from '../../config/organization';
import { APP_LOADER_ARGS } from '../support/app-loader';

/**
 * Invalid configs: each is the example organisation with one thing changed, and each problem must name the exact
 * path, echo the bad value and say what would be valid.
 */

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE_TEXT = fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8');

type Raw = Record<string, unknown>;

/** The example as raw input without the modules' settings (see coreExampleInput). */
const example = (): Raw => coreExampleInput() as Raw;

/** `accounts[2].id` -> `['accounts', 2, 'id']`. */
function pathParts(dotted: string): (string | number)[] {
  return [...dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function containerOf(root: Raw, dotted: string): { parent: Raw | unknown[]; key: string | number } {
  const parts = pathParts(dotted);
  const key = parts.pop()!;
  let parent: unknown = root;
  for (const part of parts) parent = (parent as Raw)[part];
  if (parent === null || typeof parent !== 'object') throw new Error(`test bug: ${dotted} has no parent object`);
  return { parent: parent as Raw | unknown[], key };
}

/** Sets the value at `path` (e.g. `accounts[2].id`). */
function set(root: Raw, dotted: string, value: unknown): void {
  const { parent, key } = containerOf(root, dotted);
  (parent as Raw)[key] = value;
}

/** Removes the key or list item at `path`. */
function remove(root: Raw, dotted: string): void {
  const { parent, key } = containerOf(root, dotted);
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete (parent as Raw)[key];
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

function problemsOf(input: unknown): readonly ConfigProblem[] {
  return configError(() => parseOrganization(input, 'bad.yaml')).problems;
}

function mutated(change: (config: Raw) => void): Raw {
  const config = example();
  change(config);
  return config;
}

interface BadCase {
  readonly name: string;
  readonly change: (config: Raw) => void;
  /** The one problem expected. */
  readonly path: string;
  /** `value` as reported (JSON of the bad value, or `(missing)`); a pattern for long values (whole account lists). */
  readonly value: string | RegExp;
  /** What the message must say (that it is wrong and what would be valid). */
  readonly message: RegExp;
}

const cases: readonly BadCase[] = [
  {
    name: 'account id too short',
    change: (c) => set(c, 'accounts[2].id', '12345'),
    path: 'accounts[2].id',
    value: '"12345"',
    message: /must be exactly 12 digits, e\.g\. "123456789012"/,
  },
  {
    name: 'account id with a letter',
    change: (c) => set(c, 'accounts[2].id', '12345678901a'),
    path: 'accounts[2].id',
    value: '"12345678901a"',
    message: /must be exactly 12 digits/,
  },
  {
    name: 'account id as a number instead of a string',
    change: (c) => set(c, 'accounts[2].id', 123456789012),
    path: 'accounts[2].id',
    value: '123456789012',
    message: /must be a 12-digit AWS account id in quotes, e\.g\. "123456789012"/,
  },
  {
    name: 'duplicate account id',
    change: (c) => set(c, 'accounts[3].id', '222222222222'),
    path: 'accounts[3].id',
    value: '"222222222222"',
    message: /duplicates accounts\[1\]\.id; each account id must appear once/,
  },
  {
    name: 'duplicate account name',
    change: (c) => set(c, 'accounts[4].name', 'security'),
    path: 'accounts[4].name',
    value: '"security"',
    message: /duplicates accounts\[2\]\.name; account names must be unique/,
  },
  {
    name: 'account name with capitals',
    change: (c) => set(c, 'accounts[4].name', 'Workload_Prod'),
    path: 'accounts[4].name',
    value: '"Workload_Prod"',
    message: /lower-case letters, digits and hyphens.*e\.g\. "workload-prod"/,
  },
  {
    name: 'account Region outside allowedRegions',
    change: (c) => set(c, 'accounts[5].regions', ['us-east-1', 'eu-central-1']),
    path: 'accounts[5].regions[1]',
    value: '"eu-central-1"',
    message: /is not in allowedRegions \(us-east-1, eu-west-1\); add it there or remove it here/,
  },
  {
    name: 'account Region listed twice',
    change: (c) => set(c, 'accounts[5].regions', ['eu-west-1', 'eu-west-1']),
    path: 'accounts[5].regions[1]',
    value: '"eu-west-1"',
    message: /is listed twice; list each Region once/,
  },
  {
    name: 'unknown Region code in an account',
    change: (c) => set(c, 'accounts[5].regions[1]', 'eu-west-4'),
    path: 'accounts[5].regions[1]',
    value: '"eu-west-4"',
    message: /is not a known AWS Region; use a Region code such as "us-east-1"/,
  },
  {
    name: 'unknown Region code in allowedRegions',
    change: (c) => set(c, 'allowedRegions', ['us-east-1', 'eu-west-1', 'mars-north-1']),
    path: 'allowedRegions[2]',
    value: '"mars-north-1"',
    message: /is not a known AWS Region; use a Region code such as "us-east-1"/,
  },
  {
    name: 'homeRegion not in allowedRegions',
    change: (c) => set(c, 'homeRegion', 'eu-central-1'),
    path: 'homeRegion',
    value: '"eu-central-1"',
    message: /must be one of allowedRegions \(us-east-1, eu-west-1\)/,
  },
  {
    name: 'homeRegion missing',
    change: (c) => remove(c, 'homeRegion'),
    path: 'homeRegion',
    value: '(missing)',
    message: /^is required: a Region code such as "us-east-1"/,
  },
  {
    name: 'a Region from another partition',
    change: (c) => set(c, 'allowedRegions', ['us-east-1', 'eu-west-1', 'cn-north-1']),
    path: 'allowedRegions[2]',
    value: '"cn-north-1"',
    message: /belongs to partition aws-cn, not aws; set partition or remove the Region/,
  },
  {
    name: 'unknown partition',
    change: (c) => set(c, 'partition', 'aws-eu'),
    path: 'partition',
    value: '"aws-eu"',
    message: /must be one of aws, aws-us-gov, aws-cn/,
  },
  {
    name: 'unknown account role',
    change: (c) => set(c, 'accounts[3].role', 'networking'),
    path: 'accounts[3].role',
    value: '"networking"',
    message: /must be one of "management", "log-archive", "security", "network", "workload"/,
  },
  {
    name: 'no management account',
    change: (c) => remove(c, 'accounts[0]'),
    path: 'accounts',
    value: /^\[\{"id":"222222222222","name":"log-archive",.*\.\.\.$/,
    message: /has no "management" account; the baseline needs exactly one \(add an account with role: management\)/,
  },
  {
    name: 'two management accounts',
    change: (c) => set(c, 'accounts[4].role', 'management'),
    path: 'accounts[4].role',
    value: '"management"',
    message: /is "management" but accounts\[0\] already has that role; only one management account is allowed/,
  },
  {
    name: 'no log-archive account',
    change: (c) => remove(c, 'accounts[1]'),
    path: 'accounts',
    value: /^\[\{"id":"111111111111","name":"management",/,
    message: /has no "log-archive" account.*role: log-archive/,
  },
  {
    name: 'no security account',
    change: (c) => remove(c, 'accounts[2]'),
    path: 'accounts',
    value: /^\[\{"id":"111111111111","name":"management",/,
    message: /has no "security" account.*role: security/,
  },
  {
    name: 'empty account list',
    change: (c) => set(c, 'accounts', []),
    path: 'accounts',
    value: '[]',
    message: /must list at least the management, log-archive and security accounts/,
  },
  {
    name: 'unknown key at the top level',
    change: (c) => set(c, 'colour', 'blue'),
    path: 'colour',
    value: '"blue"',
    message: /unknown key "colour"; remove it or fix its spelling/,
  },
  {
    name: 'unknown key in an account',
    change: (c) => set(c, 'accounts[1].colour', 'red'),
    path: 'accounts[1].colour',
    value: '"red"',
    message: /unknown key "colour"; remove it or fix its spelling/,
  },
  {
    name: 'misspelt key in the state settings',
    change: (c) => set(c, 'state.dir', 'tf-state'),
    path: 'state.dir',
    value: '"tf-state"',
    message: /unknown key "dir"/,
  },
  {
    name: 'bad alert email',
    change: (c) => set(c, 'alerts.emails', ['not-an-email']),
    path: 'alerts.emails[0]',
    value: '"not-an-email"',
    message: /must be an email address, e\.g\. "security@example\.com"/,
  },
  {
    name: 'bad security contact email (one account only, despite the YAML alias)',
    change: (c) => set(c, 'accounts[3].securityContact.email', 'secops@'),
    path: 'accounts[3].securityContact.email',
    value: '"secops@"',
    message: /must be an email address/,
  },
  {
    name: 'security contact phone without country code',
    change: (c) => set(c, 'accounts[0].securityContact.phone', '555 0100'),
    path: 'accounts[0].securityContact.phone',
    value: '"555 0100"',
    message: /international phone number starting with "\+"/,
  },
  {
    name: 'security contact missing',
    change: (c) => remove(c, 'accounts[0].securityContact'),
    path: 'accounts[0].securityContact',
    value: '(missing)',
    message: /^is required: must be a mapping with name, email and phone/,
  },
  {
    name: 'alert endpoint over plain http',
    change: (c) => set(c, 'alerts.httpsEndpoints', ['http://hooks.example.com/alerts']),
    path: 'alerts.httpsEndpoints[0]',
    value: '"http://hooks.example.com/alerts"',
    message: /must use https:\/\/ so alerts are not sent in clear text, e\.g\. "https:\/\//,
  },
  {
    name: 'alert endpoint that is not a URL (one problem, not two)',
    change: (c) => set(c, 'alerts.httpsEndpoints', ['hooks.example.com']),
    path: 'alerts.httpsEndpoints[0]',
    value: '"hooks.example.com"',
    message: /must be an https:\/\/ URL, e\.g\. "https:\/\/hooks\.example\.com/,
  },
  {
    name: 'bad organizationId',
    change: (c) => set(c, 'organizationId', 'org-123'),
    path: 'organizationId',
    value: '"org-123"',
    message: /must be an AWS Organizations id such as "o-a1b2c3d4e5"/,
  },
  {
    name: 'organization name missing',
    change: (c) => remove(c, 'name'),
    path: 'name',
    value: '(missing)',
    message: /^is required: must be a short organisation name/,
  },
  {
    name: 'unknown state mode',
    change: (c) => set(c, 'state', { mode: 'ftp' }),
    path: 'state.mode',
    value: '"ftp"',
    message: /^must be "local", "s3" or "cloud"$/,
  },
  {
    name: 'state given as a string',
    change: (c) => set(c, 'state', 'local'),
    path: 'state',
    value: '"local"',
    message: /must be a mapping with a mode \("local", "s3" or "cloud"\), e\.g\. \{ mode: local \}/,
  },
  {
    name: 'local state directory leaving the project',
    change: (c) => set(c, 'state', { mode: 'local', directory: 'state/../../elsewhere' }),
    path: 'state.directory',
    value: '"state/../../elsewhere"',
    message: /must stay inside the project/,
  },
  {
    name: 's3 state, central layout without centralAccount',
    change: (c) => set(c, 'state', { mode: 's3', layout: 'central' }),
    path: 'state.centralAccount',
    value: '(missing)',
    message: /is required when layout is "central"; name the account that holds the state bucket/,
  },
  {
    name: 's3 state, centralAccount naming no account',
    change: (c) => set(c, 'state', { mode: 's3', layout: 'central', centralAccount: 'logging' }),
    path: 'state.centralAccount',
    value: '"logging"',
    message: /names no account; use one of "management", "log-archive", "security", "network", "workload-prod", "workload-dev"/,
  },
  {
    name: 's3 state, centralAccount with the per-account layout',
    change: (c) => set(c, 'state', { mode: 's3', centralAccount: 'log-archive' }),
    path: 'state.centralAccount',
    value: '"log-archive"',
    message: /is only used with layout "central"; remove it or set layout: central/,
  },
  {
    name: 's3 state Region outside allowedRegions',
    change: (c) => set(c, 'state', { mode: 's3', region: 'eu-central-1' }),
    path: 'state.region',
    value: '"eu-central-1"',
    message: /is not in allowedRegions \(us-east-1, eu-west-1\)/,
  },
  {
    name: 'cloud state without organization',
    change: (c) => set(c, 'state', { mode: 'cloud' }),
    path: 'state.organization',
    value: '(missing)',
    message: /^is required: must be an HCP Terraform organisation name, e\.g\. "example-org"/,
  },
  {
    name: 'default tag key starting with aws:',
    change: (c) => set(c, 'defaultTags', { owner: 'platform-security', 'aws:owner': 'me' }),
    path: 'defaultTags["aws:owner"]',
    value: '"aws:owner"',
    message: /tag keys must not start with "aws:" \(reserved by AWS\)/,
  },
  {
    name: 'account tag key starting with AWS: (any case)',
    change: (c) => set(c, 'accounts[4].tags', { 'AWS:environment': 'prod' }),
    path: 'accounts[4].tags["AWS:environment"]',
    value: '"AWS:environment"',
    message: /tag keys must not start with "aws:"/,
  },
  {
    name: 'tag value that is not a string',
    change: (c) => set(c, 'defaultTags.cost-center', 4711),
    path: 'defaultTags.cost-center',
    value: '4711',
    message: /tag values must be strings \(quote numbers and booleans\)/,
  },
  {
    name: 'baselineKey.deletionWindowDays below 7',
    change: (c) => set(c, 'accounts[5].baselineKey.deletionWindowDays', 3),
    path: 'accounts[5].baselineKey.deletionWindowDays',
    value: '3',
    message: /must be a whole number of days from 7 to 30/,
  },
  {
    name: 'baselineKey.deletionWindowDays above 30',
    change: (c) => set(c, 'accounts[5].baselineKey.deletionWindowDays', 31),
    path: 'accounts[5].baselineKey.deletionWindowDays',
    value: '31',
    message: /must be a whole number of days from 7 to 30/,
  },
  {
    name: 'baselineKey.deletionWindowDays as a string',
    change: (c) => set(c, 'accounts[5].baselineKey.deletionWindowDays', '14'),
    path: 'accounts[5].baselineKey.deletionWindowDays',
    value: '"14"',
    message: /must be a whole number of days from 7 to 30/,
  },
  {
    name: 'baselineKey.rotationPeriodDays below 90',
    change: (c) => set(c, 'accounts[0].baselineKey', { rotationPeriodDays: 30 }),
    path: 'accounts[0].baselineKey.rotationPeriodDays',
    value: '30',
    message: /must be a whole number of days from 90 to 2560/,
  },
];

describe('invalid organisation configs: one problem each, with exact path, echoed value and the fix', () => {
  test('the unchanged example is valid (so every failure below comes from its one change)', () => {
    expect(() => parseOrganization(example(), 'example')).not.toThrow();
  });

  test.each(cases)('$name -> $path', ({ change, path: expectedPath, value, message }) => {
    const problems = problemsOf(mutated(change));
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.path).toBe(expectedPath);
    expect(problem!.message).toMatch(message);
    if (typeof value === 'string') expect(problem!.value).toBe(value);
    else expect(problem!.value).toMatch(value);
  });

  test('an unquoted account id in YAML loses its leading zero, and the problem shows that', () => {
    const text = EXAMPLE_TEXT.replace('- id: "111111111111"', '- id: 011111111111');
    expect(text).not.toBe(EXAMPLE_TEXT);
    const [problem, ...rest] = problemsOf(parseConfigText(text, 'bad.yaml'));
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      path: 'accounts[0].id',
      value: '11111111111',
      message: expect.stringMatching(/in quotes, e\.g\. "123456789012"/),
    });
  });

  test('an empty file or a list at the top level says a mapping of settings is expected', () => {
    for (const [input, value] of [
      [parseConfigText('', 'empty.yaml'), 'null'],
      [parseConfigText('- a\n- b\n', 'list.yaml'), '["a","b"]'],
    ] as const) {
      const problems = problemsOf(input);
      expect(problems).toEqual([
        { path: '(root)', value, message: expect.stringMatching(/must be a mapping with the organisation settings/) },
      ]);
    }
  });

  test('the error message lists source, count, and every path, message and value', () => {
    const error = configError(() => parseOrganization(mutated((c) => set(c, 'accounts[2].id', '12345')), 'org.yaml'));
    expect(error.name).toBe('ConfigError');
    expect(error.source).toBe('org.yaml');
    expect(error.message).toBe(
      'Invalid organisation config in org.yaml: 1 problem\n' +
        '  - accounts[2].id: must be exactly 12 digits, e.g. "123456789012" (quote it so leading zeros survive) (found: "12345")',
    );
  });
});

describe('several problems at once', () => {
  // Field problems of different kinds (format, type, unknown key, unknown enum value, map key) together with
  // cross-field problems: zod skips refinements once a field has a type error or an unknown key, so this checks
  // that the cross-field rules still run and that everything comes back in one error.
  const broken = () =>
    mutated((c) => {
      set(c, 'accounts[2].id', '12345'); // format
      set(c, 'accounts[3].id', 444444444444); // type
      set(c, 'colour', 'blue'); // unknown key
      set(c, 'accounts[3].role', 'networking'); // unknown enum value
      set(c, 'defaultTags.aws:owner', 'me'); // bad map key
      set(c, 'alerts.emails[0]', 'nope'); // format
      set(c, 'homeRegion', 'eu-central-1'); // cross-field: not in allowedRegions
      set(c, 'accounts[4].role', 'management'); // cross-field: second management account
      set(c, 'accounts[5].name', 'network'); // cross-field: duplicate name
    });

  const expectedPaths = [
    'accounts[2].id',
    'accounts[3].id',
    'accounts[3].role',
    'accounts[4].role',
    'accounts[5].name',
    'alerts.emails[0]',
    'colour',
    'defaultTags["aws:owner"]',
    'homeRegion',
  ];

  test('all nine problems are reported in one ConfigError', () => {
    const error = configError(() => parseOrganization(broken(), 'broken.yaml'));
    expect(error.problems).toHaveLength(expectedPaths.length);
    expect(error.problems.map((p) => p.path).sort()).toEqual(expectedPaths);
    expect(error.message).toMatch(/^Invalid organisation config in broken\.yaml: 9 problems\n/);
    for (const p of expectedPaths) expect(error.message).toContain(`  - ${p}: `);
  });

  test('each of them keeps its own value and message', () => {
    const byPath = new Map(problemsOf(broken()).map((p) => [p.path, p]));
    expect(byPath.get('accounts[3].id')).toMatchObject({ value: '444444444444', message: expect.stringMatching(/in quotes/) });
    expect(byPath.get('accounts[3].role')).toMatchObject({ value: '"networking"', message: expect.stringMatching(/"network"/) });
    expect(byPath.get('accounts[4].role')).toMatchObject({ value: '"management"', message: expect.stringMatching(/already has that role/) });
    expect(byPath.get('accounts[5].name')).toMatchObject({ value: '"network"', message: expect.stringMatching(/duplicates accounts\[3\]\.name/) });
    expect(byPath.get('homeRegion')).toMatchObject({ value: '"eu-central-1"', message: expect.stringMatching(/allowedRegions/) });
    expect(byPath.get('colour')).toMatchObject({ value: '"blue"' });
  });
});

describe('config text that is not valid YAML or JSON', () => {
  test('invalid YAML names the file and line', () => {
    const text = EXAMPLE_TEXT.replace('allowedRegions: [us-east-1, eu-west-1]', 'allowedRegions: [us-east-1, eu-west-1');
    const error = configError(() => parseConfigText(text, 'broken.yaml'));
    expect(error.source).toBe('broken.yaml');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.path).toBe('(file)');
    expect(error.problems[0]!.message).toMatch(/^is not valid YAML or JSON: .*at line \d+, column \d+/);
    expect(error.message).toContain('Invalid organisation config in broken.yaml: 1 problem');
  });

  test('a duplicate YAML key is an error that echoes the second occurrence, not a silent override', () => {
    const text = EXAMPLE_TEXT.replace('homeRegion: us-east-1\n', 'homeRegion: us-east-1\nhomeRegion: eu-west-1\n');
    const error = configError(() => parseConfigText(text, 'dup.yaml'));
    expect(error.problems).toEqual([
      {
        path: '(file)',
        value: 'line 9: "homeRegion: eu-west-1"',
        message: expect.stringMatching(/^is not valid YAML or JSON \(each key may appear only once in a mapping\): Map keys must be unique at line 9/),
      },
    ]);
  });

  test('a duplicate nested key (inside an account) is found too', () => {
    const text = EXAMPLE_TEXT.replace('    name: network\n', '    name: network\n    name: networking\n');
    const line = text.split('\n').indexOf('    name: networking') + 1;
    const error = configError(() => parseConfigText(text, 'dup.yaml'));
    expect(line).toBeGreaterThan(1);
    expect(error.problems[0]!.value).toBe(`line ${line}: "name: networking"`);
  });

  test('a duplicate JSON key is an error as well', () => {
    const error = configError(() => parseConfigText('{"name": "a", "name": "b"}', 'dup.json'));
    expect(error.problems[0]!.message).toMatch(/each key may appear only once/);
    expect(error.problems[0]!.value).toContain('"name\\": \\"b\\"');
  });
});

describe('loading a config file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a nonexistent file is a clear error naming the file and the two ways to set it', () => {
    const missing = path.join(dir, 'nope.yaml');
    const error = configError(() => loadOrganization(['--config', missing], {}));
    expect(error.problems).toEqual([
      {
        path: '(file)',
        value: JSON.stringify(missing),
        message: 'does not exist; set BASELINE_CONFIG or --config to an existing YAML or JSON file',
      },
    ]);
    // The same through the environment variable.
    const fromEnv = configError(() => loadOrganization([], { BASELINE_CONFIG: missing }));
    expect(fromEnv.problems[0]!.value).toBe(JSON.stringify(missing));
  });

  test('a folder instead of a file is a clear error, not EISDIR', () => {
    const error = configError(() => loadOrganization([`--config=${dir}`], {}));
    expect(error.problems[0]).toMatchObject({ path: '(file)', value: JSON.stringify(dir), message: expect.stringMatching(/is not a file/) });
  });

  test('--config without a file is an error, not a silent fall-back to the example organisation', () => {
    for (const argv of [['--config'], ['--config='], ['--config', '--verbose']]) {
      const error = configError(() => configPathFrom(argv, { BASELINE_CONFIG: 'ignored.yaml' }));
      expect(error.problems[0]).toMatchObject({ path: '--config', message: expect.stringMatching(/needs a file path, e\.g\. --config path\/to/) });
    }
  });

  test('problems in a file name the file, relative to the working folder', () => {
    const file = path.join(dir, 'org.yaml');
    fs.writeFileSync(file, EXAMPLE_TEXT.replace('organizationId: o-a1b2c3d4e5', 'organizationId: o-SHOUT'));
    const error = configError(() => loadOrganization(['--config', file], {}));
    expect(error.source).toBe(path.relative(process.cwd(), file));
    expect(error.problems).toEqual([
      { path: 'organizationId', value: '"o-SHOUT"', message: 'must be an AWS Organizations id such as "o-a1b2c3d4e5"' },
    ]);
  });
});

describe('main.ts with a bad config (the cdktf app command)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-config-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function runMain(configFile: string, outdir: string) {
    return spawnSync(process.execPath, [...APP_LOADER_ARGS, 'main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BASELINE_CONFIG: configFile, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  test('exits 1, lists every problem on stderr and writes no output folder', () => {
    const config = mutated((c) => {
      set(c, 'accounts[2].id', '12345');
      set(c, 'homeRegion', 'eu-central-1');
    });
    const file = path.join(dir, 'bad-org.yaml');
    fs.writeFileSync(file, toYaml(config));
    const outdir = path.join(dir, 'out');

    const result = runMain(file, outdir);

    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid organisation config in');
    expect(result.stderr).toContain('bad-org.yaml: 2 problems');
    expect(result.stderr).toContain('  - accounts[2].id: must be exactly 12 digits');
    expect(result.stderr).toContain('(found: "12345")');
    expect(result.stderr).toContain('  - homeRegion: must be one of allowedRegions (us-east-1, eu-west-1)');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a list of problems, not a stack trace
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('control: the same command with a valid config does write the output folder', () => {
    const file = path.join(dir, 'good-org.yaml');
    fs.writeFileSync(file, EXAMPLE_TEXT);
    const outdir = path.join(dir, 'out');

    const result = runMain(file, outdir);

    expect(result.stderr).toMatch(/^synthesized 12 stacks into \S+\/out\/stacks\/<stack>\/cdk\.tf\.json from \S+good-org\.yaml\n$/);
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  });
});
