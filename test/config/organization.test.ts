import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { coreExampleInput } from '../support/orgs';
import { ALL_REGIONS } from '../../config/regions';
import { CONFIG_ENV_VAR, EXAMPLE_CONFIG_PATH, configPathFrom, loadOrganization, loadOrganizationFile, parseConfigText } from '../../config/load';
import { accountWithRole, isHomeRegion, parseOrganization, type Organization } from '../../config/organization';

/** Valid configs: the example parses, defaults are applied, and the config file is found and read as YAML or JSON. */

const EXAMPLE_TEXT = fs.readFileSync(EXAMPLE_CONFIG_PATH, 'utf8');

type Raw = Record<string, unknown>;

/** The example as raw input without the modules' settings (see coreExampleInput). */
const example = (): Raw => coreExampleInput() as Raw;

/** The whole example as raw input, module settings included. */
function fullExample(): Raw {
  return JSON.parse(JSON.stringify(parseConfigText(EXAMPLE_TEXT, 'example'))) as Raw;
}

function accountsOf(raw: Raw): Raw[] {
  return raw.accounts as Raw[];
}

function account(org: Organization, name: string) {
  const found = org.accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
}

describe('the example organisation', () => {
  const org = parseOrganization(parseConfigText(EXAMPLE_TEXT, 'example'), 'example');

  test('parses with its settings', () => {
    expect(org.name).toBe('example');
    expect(org.organizationId).toBe('o-a1b2c3d4e5');
    expect(org.partition).toBe('aws');
    expect(org.homeRegion).toBe('us-east-1');
    expect(org.allowedRegions).toEqual(['us-east-1', 'eu-west-1']);
    expect(org.defaultTags).toEqual({ owner: 'platform-security', 'cost-center': 'security-baseline' });
    expect(org.alerts).toEqual({ emails: ['security-alerts@example.com'], httpsEndpoints: ['https://hooks.example.com/aws-security-alerts'] });
    expect(org.state).toEqual({ mode: 'local', directory: 'terraform-state' });
  });

  test('has the six accounts in file order, with ids kept as strings', () => {
    expect(org.accounts.map((a) => [a.name, a.role, a.id])).toEqual([
      ['management', 'management', '111111111111'],
      ['log-archive', 'log-archive', '222222222222'],
      ['security', 'security', '333333333333'],
      ['network', 'network', '444444444444'],
      ['workload-prod', 'workload', '555555555555'],
      ['workload-dev', 'workload', '666666666666'],
    ]);
  });

  test('resolves the YAML alias: every account has the shared security contact', () => {
    for (const a of org.accounts) {
      expect(a.securityContact).toEqual({ name: 'Security Operations', title: 'Security', email: 'secops@example.com', phone: '+1 555 010 0100' });
    }
  });

  test('keeps per-account settings (tags, baselineKey override)', () => {
    expect(account(org, 'workload-prod').tags).toEqual({ environment: 'prod' });
    expect(account(org, 'workload-dev').baselineKey).toEqual({ deletionWindowDays: 7, rotationPeriodDays: 365 });
  });

  test('accountWithRole and isHomeRegion work on it', () => {
    expect(accountWithRole(org, 'log-archive').id).toBe('222222222222');
    expect(accountWithRole(org, 'security').name).toBe('security');
    expect(isHomeRegion(org, 'us-east-1')).toBe(true);
    expect(isHomeRegion(org, 'eu-west-1')).toBe(false);
  });

  test('the example file points editors at the JSON Schema', () => {
    expect(EXAMPLE_TEXT.split('\n')[0]).toBe('# yaml-language-server: $schema=./organization.schema.json');
  });
});

describe('defaults', () => {
  test('account Regions default to allowedRegions, home Region first', () => {
    const raw = example();
    raw.allowedRegions = ['eu-west-1', 'ap-southeast-2', 'us-east-1'];
    const org = parseOrganization(raw);
    expect(account(org, 'management').regions).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    expect(account(org, 'workload-prod').regions).toEqual(['us-east-1', 'eu-west-1', 'ap-southeast-2']);
  });

  test('explicit account Regions are kept, home Region moved first', () => {
    const raw = example();
    accountsOf(raw)[5]!.regions = ['eu-west-1', 'us-east-1'];
    accountsOf(raw)[4]!.regions = ['eu-west-1'];
    const org = parseOrganization(raw);
    expect(account(org, 'workload-dev').regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(account(org, 'workload-prod').regions).toEqual(['eu-west-1']);
  });

  test('state defaults to local state in terraform-state', () => {
    const raw = example();
    delete raw.state;
    expect(parseOrganization(raw).state).toEqual({ mode: 'local', directory: 'terraform-state' });
    raw.state = { mode: 'local' };
    expect(parseOrganization(raw).state).toEqual({ mode: 'local', directory: 'terraform-state' });
  });

  test('s3 state defaults: per-account layout, lock files', () => {
    const raw = example();
    raw.state = { mode: 's3' };
    expect(parseOrganization(raw).state).toEqual({ mode: 's3', layout: 'per-account', locking: 'lockfile' });
    raw.state = { mode: 's3', layout: 'central', centralAccount: 'log-archive', locking: 'dynamodb' };
    expect(parseOrganization(raw).state).toEqual({ mode: 's3', layout: 'central', centralAccount: 'log-archive', locking: 'dynamodb' });
  });

  test('cloud state defaults to app.terraform.io', () => {
    const raw = example();
    raw.state = { mode: 'cloud', organization: 'example-org' };
    expect(parseOrganization(raw).state).toEqual({ mode: 'cloud', organization: 'example-org', hostname: 'app.terraform.io' });
  });

  test('partition defaults to aws; other partitions work with their own Regions', () => {
    const raw = example();
    delete raw.partition;
    expect(parseOrganization(raw).partition).toBe('aws');

    const gov = example();
    gov.partition = 'aws-us-gov';
    gov.homeRegion = 'us-gov-west-1';
    gov.allowedRegions = ['us-gov-west-1', 'us-gov-east-1'];
    accountsOf(gov)[5]!.regions = ['us-gov-east-1'];
    const org = parseOrganization(gov);
    expect(org.partition).toBe('aws-us-gov');
    expect(account(org, 'management').regions).toEqual(['us-gov-west-1', 'us-gov-east-1']);
  });

  test('baselineKey defaults to a 30-day deletion window and yearly rotation', () => {
    const raw = example();
    for (const a of accountsOf(raw)) delete a.baselineKey;
    const org = parseOrganization(raw);
    for (const a of org.accounts) expect(a.baselineKey).toEqual({ deletionWindowDays: 30, rotationPeriodDays: 365 });
    // The edges of the allowed ranges are accepted.
    accountsOf(raw)[0]!.baselineKey = { deletionWindowDays: 7, rotationPeriodDays: 2560 };
    accountsOf(raw)[1]!.baselineKey = { deletionWindowDays: 30, rotationPeriodDays: 90 };
    const edges = parseOrganization(raw);
    expect(account(edges, 'management').baselineKey).toEqual({ deletionWindowDays: 7, rotationPeriodDays: 2560 });
    expect(account(edges, 'log-archive').baselineKey).toEqual({ deletionWindowDays: 30, rotationPeriodDays: 90 });
  });

  test('the remaining optional settings get their defaults', () => {
    const raw = example();
    delete raw.deployRoleName;
    delete raw.defaultTags;
    delete raw.alerts;
    const contact = { name: 'SecOps', email: 'secops@example.com', phone: '+44 20 7946 0000' };
    for (const a of accountsOf(raw)) {
      delete a.tags;
      a.securityContact = contact;
    }
    const org = parseOrganization(raw);
    expect(org.deployRoleName).toBe('OrganizationAccountAccessRole');
    expect(org.defaultTags).toEqual({});
    expect(org.alerts).toEqual({ emails: [], httpsEndpoints: [] });
    for (const a of org.accounts) {
      expect(a.tags).toEqual({});
      expect(a.securityContact).toEqual({ ...contact, title: 'Security' });
    }
  });

  test('a minimal config (only the required keys) is valid', () => {
    const contact = { name: 'SecOps', email: 'secops@example.com', phone: '+1 555 010 0100' };
    const org = parseOrganization({
      name: 'tiny',
      organizationId: 'o-abcdefghij',
      homeRegion: 'eu-central-1',
      allowedRegions: ['eu-central-1'],
      accounts: [
        { id: '000000000001', name: 'management', role: 'management', securityContact: contact },
        { id: '000000000002', name: 'log-archive', role: 'log-archive', securityContact: contact },
        { id: '000000000003', name: 'security', role: 'security', securityContact: contact },
      ],
    });
    expect(org.accounts.map((a) => a.regions)).toEqual([['eu-central-1'], ['eu-central-1'], ['eu-central-1']]);
    expect(org.accounts[0]!.id).toBe('000000000001');
  });

  test('every known Region is accepted in its own partition', () => {
    // Guards the partition rule: a Region list entry that partitionOfRegion misfiles would fail here.
    for (const region of ALL_REGIONS) {
      const raw = example();
      raw.partition = region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws';
      raw.homeRegion = region;
      raw.allowedRegions = [region];
      for (const a of accountsOf(raw)) delete a.regions;
      expect(parseOrganization(raw).homeRegion).toBe(region);
    }
  });
});

describe('configPathFrom', () => {
  test('--config <file>', () => {
    expect(configPathFrom(['--config', 'orgs/prod.yaml'], {})).toBe('orgs/prod.yaml');
    expect(configPathFrom(['synth', '--verbose', '--config', 'orgs/prod.yaml', '--other'], {})).toBe('orgs/prod.yaml');
  });

  test('--config=<file>', () => {
    expect(configPathFrom(['--config=orgs/prod.yaml'], {})).toBe('orgs/prod.yaml');
    expect(configPathFrom(['--config=a=b.yaml'], {})).toBe('a=b.yaml');
  });

  test(`${CONFIG_ENV_VAR} environment variable`, () => {
    expect(CONFIG_ENV_VAR).toBe('BASELINE_CONFIG');
    expect(configPathFrom([], { BASELINE_CONFIG: 'orgs/env.yaml' })).toBe('orgs/env.yaml');
  });

  test('the flag beats the environment variable', () => {
    expect(configPathFrom(['--config', 'flag.yaml'], { BASELINE_CONFIG: 'env.yaml' })).toBe('flag.yaml');
    expect(configPathFrom(['--config=flag.yaml'], { BASELINE_CONFIG: 'env.yaml' })).toBe('flag.yaml');
  });

  test('nothing named (or a blank variable) means the built-in example', () => {
    expect(configPathFrom([], {})).toBeUndefined();
    expect(configPathFrom(['--configuration', 'x.yaml'], { BASELINE_CONFIG: '  ' })).toBeUndefined();
  });
});

describe('loadOrganization', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'org-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const exampleOrg = () => parseOrganization(parseConfigText(EXAMPLE_TEXT, 'example'), 'example');

  test('without a config it loads the built-in example', () => {
    expect(loadOrganization([], {})).toEqual(exampleOrg());
  });

  test('JSON input works as well as YAML', () => {
    const jsonFile = path.join(dir, 'org.json');
    fs.writeFileSync(jsonFile, JSON.stringify(fullExample(), null, 2));
    expect(loadOrganization(['--config', jsonFile], {})).toEqual(exampleOrg());
    expect(loadOrganizationFile(jsonFile)).toEqual(exampleOrg());
    // parseConfigText reads JSON text as such (YAML is a superset of JSON).
    expect(parseConfigText(JSON.stringify(fullExample()), 'org.json')).toEqual(fullExample());
  });

  test('the environment variable names a YAML file; relative paths resolve against the working folder', () => {
    const raw = fullExample();
    raw.name = 'from-env';
    const file = path.join(dir, 'org.yaml');
    fs.writeFileSync(file, EXAMPLE_TEXT.replace('name: example', 'name: from-env'));
    expect(loadOrganization([], { BASELINE_CONFIG: file }).name).toBe('from-env');
    expect(loadOrganization([], { BASELINE_CONFIG: path.relative(process.cwd(), file) }).name).toBe('from-env');
    expect(loadOrganization([], { BASELINE_CONFIG: file })).toEqual(parseOrganization(raw));
  });

  test('the flag wins over the environment variable when loading too', () => {
    const flagFile = path.join(dir, 'flag.yaml');
    fs.writeFileSync(flagFile, EXAMPLE_TEXT.replace('name: example', 'name: from-flag'));
    expect(loadOrganization([`--config=${flagFile}`], { BASELINE_CONFIG: path.join(dir, 'missing.yaml') }).name).toBe('from-flag');
  });
});
