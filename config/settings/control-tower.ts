import { z } from 'zod';
import { ALL_REGIONS } from '../regions';

/**
 * Control Tower mode (`controlTower`): the organisation runs an AWS Control Tower landing zone, which owns the
 * organisation trail, the AWS Config recorders and aggregator in its governed Regions, its roles
 * (`AWSControlTowerExecution`, ...) and its SCPs. The baseline builds none of those and refuses settings that would
 * fight them; it still delivers every control it can: the CIS 4.x metric filters and alarms on the Control Tower
 * trail's CloudWatch Logs group (management account, home Region), GuardDuty, Security Hub, Inspector and Macie
 * delegated to the audit account, its SCPs next to Control Tower's (within AWS's per-target limit), Access Analyzer
 * and the account defaults.
 */

/** The log group Control Tower's organisation trail delivers to (in the management account, home Region). */
export const CONTROL_TOWER_TRAIL_LOG_GROUP = 'aws-controltower/CloudTrailLogs';

const regionSchema = z.enum(ALL_REGIONS, { error: 'must be a Region code such as "us-east-1"' });

const accountNameSchema = (example: string) =>
  z.string({ error: `must be the name of an account in accounts, e.g. "${example}"` }).min(1, 'must not be empty');

export const controlTowerSchema = z.strictObject(
  {
    /** The landing zone exists and the baseline runs inside it. */
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
    /** The landing zone's home Region (`aws controltower list-landing-zones`, then `get-landing-zone`); must be `homeRegion`. */
    homeRegion: regionSchema,
    /** Regions Control Tower governs: it runs the Config recorders there, so the baseline does not. */
    governedRegions: z.array(regionSchema, { error: 'must be a list of Region codes, e.g. [us-east-1, eu-west-1]' }).min(1, 'must list at least the home Region'),
    /** Control Tower's Audit account: the delegated administrator of the detection services (the `security` account). */
    auditAccount: accountNameSchema('audit'),
    /** Control Tower's Log Archive account (the `log-archive` account). */
    logArchiveAccount: accountNameSchema('log-archive'),
    /** The CloudWatch Logs group of the Control Tower trail, where the CIS 4.x metric filters go. */
    cloudTrailLogGroupName: z
      .string({ error: `must be a CloudWatch Logs group name, e.g. "${CONTROL_TOWER_TRAIL_LOG_GROUP}"` })
      .regex(/^[A-Za-z0-9_./#-]{1,512}$/, `must be a CloudWatch Logs group name (letters, digits and _-./#), e.g. "${CONTROL_TOWER_TRAIL_LOG_GROUP}"`)
      .default(CONTROL_TOWER_TRAIL_LOG_GROUP),
  },
  {
    error:
      'must be a mapping with homeRegion, governedRegions, auditAccount and logArchiveAccount, e.g. ' +
      '{ homeRegion: us-east-1, governedRegions: [us-east-1], auditAccount: audit, logArchiveAccount: log-archive }',
  },
);

export type ControlTowerSettings = z.output<typeof controlTowerSchema>;

/** True when Control Tower owns AWS Config in this Region (it governs the Region). */
export function controlTowerGoverns(settings: ControlTowerSettings | undefined, region: string): boolean {
  return settings !== undefined && settings.enabled && (settings.governedRegions as readonly string[]).includes(region);
}
