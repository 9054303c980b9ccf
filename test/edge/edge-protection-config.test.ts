import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, parseConfigText, parseOrganization, type OrganizationInput } from '../../config';
import { exampleOrg } from '../support/orgs';

/**
 * The edge-protection settings as config: off in the example, on in the sample, and every bad input a config error
 * with its path, the value found there and the fix (config/settings/edge-protection.ts and -rules.ts).
 */

const SAMPLE = path.join(__dirname, '..', '..', 'examples', 'configs', 'edge-protection.yaml');

/** The parts of the raw sample these cases change. */
interface RawSample {
  accounts: Array<{ name: string; role: string; regions?: string[]; waf?: { webAcl?: { preset?: string; protectedResourceArns: string[] } } }>;
  detection?: { config?: { enabled?: boolean } };
  edgeProtection: {
    firewallManager: {
      enabled: boolean;
      adminAccount?: string;
      regions?: string[];
      scope: { include?: string[]; exclude?: string[] };
      wafPolicy: { enabled?: boolean; preset?: string; remove?: string[]; capacityLimit?: number };
      securityGroupAudit: { adminPorts?: number[] };
    };
    shieldAdvanced: {
      enabled: boolean;
      acknowledgeCommitment?: boolean;
      protectedResources: Array<{ name: string; arn: string }>;
      proactiveEngagement: { enabled: boolean; emergencyContacts: Array<{ email: string; phone?: string }> };
    };
  };
}

const raw = (): RawSample => JSON.parse(JSON.stringify(parseConfigText(fs.readFileSync(SAMPLE, 'utf8'), SAMPLE))) as RawSample;

function problems(change: (input: RawSample) => void): Array<{ path: string; value: string; message: string }> {
  const input = raw();
  change(input);
  try {
    parseOrganization(input as unknown as OrganizationInput, 'test');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => ({ path: p.path, value: p.value, message: p.message }));
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const FMS = 'edgeProtection.firewallManager';
const SHIELD = 'edgeProtection.shieldAdvanced';

describe('edge-protection config', () => {
  it('is off in the example organisation', () => {
    const org = exampleOrg();
    expect(org.edgeProtection.firewallManager.enabled).toBe(false);
    expect(org.edgeProtection.shieldAdvanced.enabled).toBe(false);
  });

  it('is on in the sample, with report-only policies and the security account as administrator by default', () => {
    const org = parseOrganization(raw() as unknown as OrganizationInput, SAMPLE);
    const fms = org.edgeProtection.firewallManager;
    expect(fms.adminAccount).toBeUndefined();
    expect(fms).toMatchObject({ enabled: true, wafPolicy: { enabled: true, remediation: false }, securityGroupAudit: { enabled: true, remediation: false } });
    expect(org.edgeProtection.shieldAdvanced).toMatchObject({ enabled: true, acknowledgeCommitment: true, autoRenew: true });
  });

  describe('the conflict rule: a Firewall Manager WAF policy and accounts[].waf on the same account', () => {
    it('refuses an in-scope account that associates its own web ACL, naming both paths and both fixes', () => {
      const found = problems((input) => { input.edgeProtection.firewallManager.scope = {}; });
      expect(found).toEqual([
        {
          path: 'accounts[4].waf.webAcl.protectedResourceArns',
          value: expect.stringContaining('["arn:aws:elasticloadbalancing:eu-west-1:230000000005:loadbalancer/app/legacy'),
          message: expect.stringMatching(
            /Firewall Manager WAF policy \(edgeProtection\.firewallManager\.scope\).*Exclude the account from the policy \(edgeProtection\.firewallManager\.scope\.exclude: \[workload-legacy\]\) or drop accounts\[4\]\.waf\.webAcl\.protectedResourceArns/,
          ),
        },
      ]);
    });

    it('refuses it when an include list names the account, or names an OU that may hold it', () => {
      expect(problems((input) => { input.edgeProtection.firewallManager.scope = { include: ['workload-prod', 'workload-legacy'] }; })[0]).toMatchObject({
        path: 'accounts[4].waf.webAcl.protectedResourceArns',
        message: expect.stringContaining('edgeProtection.firewallManager.scope.include'),
      });
      expect(problems((input) => { input.edgeProtection.firewallManager.scope = { include: ['ou-ab12-cdef3456'] }; })[0]!.path).toBe('accounts[4].waf.webAcl.protectedResourceArns');
    });

    it('accepts it when the account is out of scope, the WAF policy is off, or the account only has an unassociated ACL', () => {
      const ok = (change: (input: RawSample) => void) => {
        const input = raw();
        change(input);
        return () => parseOrganization(input as unknown as OrganizationInput, 'test');
      };
      expect(ok(() => undefined)).not.toThrow();
      expect(ok((input) => { input.edgeProtection.firewallManager.scope = { include: ['workload-prod'] }; })).not.toThrow();
      expect(ok((input) => { input.edgeProtection.firewallManager.scope = {}; input.edgeProtection.firewallManager.wafPolicy.enabled = false; })).not.toThrow();
      expect(ok((input) => { input.edgeProtection.firewallManager.scope = {}; input.accounts[4]!.waf!.webAcl!.protectedResourceArns = []; })).not.toThrow();
    });
  });

  describe('Firewall Manager prerequisites', () => {
    it('refuses Firewall Manager when AWS Config is off (it needs the recorder in every covered account)', () => {
      expect(problems((input) => { input.detection = { config: { enabled: false } }; })).toEqual([
        { path: `${FMS}.enabled`, value: 'true', message: expect.stringMatching(/needs AWS Config recording in every account it covers, but detection\.config\.enabled is false \(and Control Tower does not record in eu-west-1\); turn AWS Config on or Firewall Manager off/) },
      ]);
    });

    it('accepts AWS Config off under Control Tower only for the Regions Control Tower governs (it runs the recorders there)', () => {
      const towerFile = path.join(__dirname, '..', '..', 'examples', 'configs', 'control-tower.yaml');
      const tower = (change: (input: Record<string, unknown>) => void) => {
        const input = JSON.parse(JSON.stringify(parseConfigText(fs.readFileSync(towerFile, 'utf8'), towerFile))) as Record<string, unknown>;
        (input.detection as Record<string, unknown>).config = { enabled: false };
        change(input);
        return () => parseOrganization(input, 'test');
      };
      expect(tower((input) => { input.edgeProtection = { firewallManager: { enabled: true, regions: ['us-east-1'] } }; })).not.toThrow();
      expect(tower((input) => { input.edgeProtection = { firewallManager: { enabled: true } }; })).toThrow(/edgeProtection\.firewallManager\.enabled: needs AWS Config.*Control Tower does not record in us-west-2/);
    });

    it('refuses an administrator that is not an account of the config, or is the management account', () => {
      expect(problems((input) => { input.edgeProtection.firewallManager.adminAccount = 'secops'; })).toEqual([
        { path: `${FMS}.adminAccount`, value: '"secops"', message: expect.stringMatching(/names no account of accounts; use one of "management", "log-archive", "security"/) },
      ]);
      expect(problems((input) => { input.edgeProtection.firewallManager.adminAccount = 'management'; })).toEqual([
        { path: `${FMS}.adminAccount`, value: '"management"', message: expect.stringMatching(/is the management account; Firewall Manager administration belongs in a member account/) },
      ]);
    });

    it('refuses a policy Region the administrator does not run in, a scope entry naming no account, and include with exclude', () => {
      expect(problems((input) => { input.edgeProtection.firewallManager.regions = ['us-east-1']; })).toEqual(
        expect.arrayContaining([{ path: `${FMS}.regions[0]`, value: '"us-east-1"', message: expect.stringMatching(/is not a Region of the administrator account security \(eu-west-1\)/) }]),
      );
      expect(problems((input) => { input.edgeProtection.firewallManager.scope = { exclude: ['workload-legacy', 'workload-old'] }; })).toEqual([
        { path: `${FMS}.scope.exclude[1]`, value: '"workload-old"', message: expect.stringMatching(/names no account; use an account name of accounts/) },
      ]);
      expect(problems((input) => { input.edgeProtection.firewallManager.scope = { include: ['workload-prod'], exclude: ['workload-legacy'] }; })).toEqual([
        { path: `${FMS}.scope.exclude`, value: '["workload-legacy"]', message: expect.stringMatching(/cannot be used with include: Firewall Manager ignores the exclude map/) },
      ]);
    });

    it('refuses removing the Log4j rule group, and a preset group the preset does not have', () => {
      expect(problems((input) => { input.edgeProtection.firewallManager.wafPolicy.remove = ['known-bad-inputs']; })).toEqual([
        { path: `${FMS}.wafPolicy.remove[0]`, value: '"known-bad-inputs"', message: expect.stringMatching(/known-bad-inputs carries the Log4j rules and stays/) },
      ]);
      expect(problems((input) => { input.edgeProtection.firewallManager.wafPolicy = { preset: 'api', remove: ['anonymous-ip'] }; })).toEqual([
        { path: `${FMS}.wafPolicy.remove[0]`, value: '"anonymous-ip"', message: 'is not in the api preset (only web has anonymous-ip)' },
      ]);
    });
  });

  describe('Shield Advanced', () => {
    it('refuses a subscription without the cost acknowledgement, naming the cost', () => {
      expect(problems((input) => { delete input.edgeProtection.shieldAdvanced.acknowledgeCommitment; })[0]).toMatchObject({ path: `${SHIELD}.acknowledgeCommitment`, value: '(missing)' });
      expect(problems((input) => { input.edgeProtection.shieldAdvanced.acknowledgeCommitment = false; })).toEqual([
        {
          path: `${SHIELD}.acknowledgeCommitment`,
          value: 'false',
          message: expect.stringMatching(/must be true to subscribe: Shield Advanced costs USD 3,000 per month with a 1-year commitment.*set acknowledgeCommitment: true or turn shieldAdvanced off/),
        },
      ]);
    });

    it('refuses an ARN that is not a protectable resource, a resource of an unknown account, and a repeated name', () => {
      expect(problems((input) => { input.edgeProtection.shieldAdvanced.protectedResources[0]!.arn = 'arn:aws:s3:::public-site'; })).toEqual([
        { path: `${SHIELD}.protectedResources[0].arn`, value: '"arn:aws:s3:::public-site"', message: expect.stringMatching(/must be the ARN of a CloudFront distribution, ALB\/NLB, Classic Load Balancer, Global Accelerator or Elastic IP allocation/) },
      ]);
      expect(
        problems((input) => {
          input.edgeProtection.shieldAdvanced.protectedResources.push({ name: 'prod-cdn', arn: 'arn:aws:ec2:eu-west-1:230000000004:eip-allocation/eipalloc-0123456789abcdef0' });
        }),
      ).toEqual([{ path: `${SHIELD}.protectedResources[2].name`, value: '"prod-cdn"', message: expect.stringMatching(/repeats name "prod-cdn" of item 1/) }]);
      // The account rule runs once the fields are valid.
      expect(problems((input) => { input.edgeProtection.shieldAdvanced.protectedResources[1]!.arn = 'arn:aws:cloudfront::999999999999:distribution/E2QWRUHEXAMPLE'; })).toEqual([
        { path: `${SHIELD}.protectedResources[1].arn`, value: '"arn:aws:cloudfront::999999999999:distribution/E2QWRUHEXAMPLE"', message: expect.stringMatching(/is in account 999999999999, which is not in accounts; add the account or remove the resource/) },
      ]);
    });

    it('refuses proactive engagement without contacts, and a contact phone that is not E.164', () => {
      expect(problems((input) => { input.edgeProtection.shieldAdvanced.proactiveEngagement.emergencyContacts = []; })).toEqual([
        { path: `${SHIELD}.proactiveEngagement.emergencyContacts`, value: '[]', message: 'must list at least one contact when proactive engagement is enabled' },
      ]);
      expect(problems((input) => { input.edgeProtection.shieldAdvanced.proactiveEngagement.emergencyContacts[0]!.phone = '+44 20 7946 0000'; })).toEqual([
        { path: `${SHIELD}.proactiveEngagement.emergencyContacts[0].phone`, value: '"+44 20 7946 0000"', message: expect.stringMatching(/must be an E\.164 phone number/) },
      ]);
    });
  });
});
