import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Macie2Account } from '@cdktf/provider-aws/lib/macie2-account';
import { Macie2ClassificationJob } from '@cdktf/provider-aws/lib/macie2-classification-job';
import { Macie2OrganizationAdminAccount } from '@cdktf/provider-aws/lib/macie2-organization-admin-account';
import { Macie2OrganizationConfiguration } from '@cdktf/provider-aws/lib/macie2-organization-configuration';
import { ValidationError } from '../../core/errors';
import { FINDING_PUBLISHING_FREQUENCIES, type FindingPublishingFrequency } from '../guardduty/features';

export interface MacieAccountProps {
  /**
   * How often updates of existing findings are published.
   * @default "FIFTEEN_MINUTES"
   * Security: the shortest interval.
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;
}

/** Amazon Macie enabled in one account and Region (CIS 2.1.3). */
export class MacieAccount extends Construct {
  readonly resource: Macie2Account;

  constructor(scope: Construct, id: string, props: MacieAccountProps = {}) {
    super(scope, id);
    const frequency = props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES';
    if (!(FINDING_PUBLISHING_FREQUENCIES as readonly string[]).includes(frequency)) {
      throw new ValidationError(this, 'findingPublishingFrequency', frequency, `must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')}`);
    }
    this.resource = new Macie2Account(this, 'Resource', { status: 'ENABLED', findingPublishingFrequency: frequency });
  }
}

export interface MacieDelegatedAdminProps {
  readonly adminAccountId: string;
  /** This (management) account's Macie, which must be enabled first. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** Makes an account Macie's delegated administrator in one Region (from the management account). */
export class MacieDelegatedAdmin extends Construct {
  readonly resource: Macie2OrganizationAdminAccount;

  constructor(scope: Construct, id: string, props: MacieDelegatedAdminProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.adminAccountId)) throw new ValidationError(this, 'adminAccountId', props.adminAccountId, 'must be a 12-digit AWS account id');
    this.resource = new Macie2OrganizationAdminAccount(this, 'Resource', { adminAccountId: props.adminAccountId, dependsOn: [...props.dependsOn] });
  }
}

/** The administrator's setting that enables Macie for accounts joining the organisation. */
export class MacieOrganizationConfiguration extends Construct {
  readonly resource: Macie2OrganizationConfiguration;

  constructor(scope: Construct, id: string, props: { readonly dependsOn: readonly ITerraformDependable[] }) {
    super(scope, id);
    this.resource = new Macie2OrganizationConfiguration(this, 'Resource', { autoEnable: true, dependsOn: [...props.dependsOn] });
  }
}

export interface MacieClassificationJobProps {
  /** Job name. */
  readonly jobName: string;
  /** The account owning the buckets (this account). */
  readonly accountId: string;
  /** Buckets to classify. */
  readonly bucketNames: readonly string[];
  /**
   * How often the job runs; `ONE_TIME` runs once.
   * @default "WEEKLY"
   * Security: recurring runs find sensitive data added after the first run.
   */
  readonly schedule?: 'ONE_TIME' | 'DAILY' | 'WEEKLY' | 'MONTHLY';
  /**
   * Percentage of eligible objects inspected (1-100).
   * @default 100
   * Security: sampling lowers cost but can miss sensitive objects.
   */
  readonly samplingPercentage?: number;
  /** This account's Macie, which must be enabled first. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** A Macie sensitive-data discovery job over named buckets of one account. */
export class MacieClassificationJob extends Construct {
  readonly resource: Macie2ClassificationJob;

  constructor(scope: Construct, id: string, props: MacieClassificationJobProps) {
    super(scope, id);
    if (!/^[\w.-]{1,500}$/.test(props.jobName)) throw new ValidationError(this, 'jobName', props.jobName, 'must be 1-500 letters, digits, ".", "-" or "_"');
    if (props.bucketNames.length === 0) throw new ValidationError(this, 'bucketNames', props.bucketNames, 'must list at least one bucket');
    const sampling = props.samplingPercentage ?? 100;
    if (!Number.isInteger(sampling) || sampling < 1 || sampling > 100) {
      throw new ValidationError(this, 'samplingPercentage', sampling, 'must be a whole percentage from 1 to 100');
    }
    const schedule = props.schedule ?? 'WEEKLY';
    const frequency =
      schedule === 'DAILY' ? { dailySchedule: true } : schedule === 'WEEKLY' ? { weeklySchedule: 'MONDAY' } : schedule === 'MONTHLY' ? { monthlySchedule: 1 } : undefined;
    this.resource = new Macie2ClassificationJob(this, 'Resource', {
      name: props.jobName,
      jobType: schedule === 'ONE_TIME' ? 'ONE_TIME' : 'SCHEDULED',
      scheduleFrequency: frequency,
      samplingPercentage: sampling,
      s3JobDefinition: { bucketDefinitions: [{ accountId: props.accountId, buckets: [...props.bucketNames] }] },
      dependsOn: [...props.dependsOn],
    });
  }
}
