import { Construct } from 'constructs';
import { Inspector2DelegatedAdminAccount } from '@cdktf/provider-aws/lib/inspector2-delegated-admin-account';
import { Inspector2Enabler } from '@cdktf/provider-aws/lib/inspector2-enabler';
import { Inspector2MemberAssociation } from '@cdktf/provider-aws/lib/inspector2-member-association';
import { Inspector2OrganizationConfiguration } from '@cdktf/provider-aws/lib/inspector2-organization-configuration';
import { ValidationError } from '../../core/errors';

/** What Amazon Inspector scans. */
export interface InspectorScans {
  /** EC2 instances (packages and network reachability). */
  readonly ec2: boolean;
  /** ECR container images. */
  readonly ecr: boolean;
  /** Lambda functions' packages. */
  readonly lambda: boolean;
  /** Lambda functions' own code (needs `lambda`). */
  readonly lambdaCode: boolean;
}

/** Inspector's Enable API takes at most 100 account ids per call. */
const MAX_ACCOUNTS_PER_ENABLER = 100;

export const DEFAULT_INSPECTOR_SCANS: InspectorScans = { ec2: true, ecr: true, lambda: true, lambdaCode: false };

export interface InspectorDelegatedAdminProps {
  /** The account that administers Inspector for the organisation (the security account). */
  readonly adminAccountId: string;
}

/** Makes an account Amazon Inspector's delegated administrator in one Region (from the management account). */
export class InspectorDelegatedAdmin extends Construct {
  readonly resource: Inspector2DelegatedAdminAccount;

  constructor(scope: Construct, id: string, props: InspectorDelegatedAdminProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.adminAccountId)) throw new ValidationError(this, 'adminAccountId', props.adminAccountId, 'must be a 12-digit AWS account id');
    this.resource = new Inspector2DelegatedAdminAccount(this, 'Resource', { accountId: props.adminAccountId });
  }
}

export interface InspectorOrganizationProps {
  /** The administrator account (where this runs). */
  readonly adminAccountId: string;
  /** Every other account of the organisation, associated as members and scanned. */
  readonly memberAccountIds: readonly string[];
  /**
   * What is scanned, in every account, and turned on for accounts that join later.
   * @default EC2, ECR and Lambda; not Lambda code
   * Security: known vulnerabilities in instances, images and functions are found without agents to deploy.
   */
  readonly scans?: InspectorScans;
}

/**
 * Amazon Inspector for the whole organisation from its administrator, in one Region: existing accounts associated
 * and scanned, new accounts enabled automatically.
 */
export class InspectorOrganization extends Construct {
  /** The enablers: the administrator's own first, then the members, one per 100 accounts (the most one Enable call takes). */
  readonly enablers: readonly Inspector2Enabler[];

  constructor(scope: Construct, id: string, props: InspectorOrganizationProps) {
    super(scope, id);
    const scans = props.scans ?? DEFAULT_INSPECTOR_SCANS;
    if (scans.lambdaCode && !scans.lambda) throw new ValidationError(this, 'scans.lambdaCode', true, 'needs scans.lambda: code scanning is part of Lambda scanning');
    const types = [scans.ec2 && 'EC2', scans.ecr && 'ECR', scans.lambda && 'LAMBDA', scans.lambdaCode && 'LAMBDA_CODE'].filter((t): t is string => Boolean(t));
    if (types.length === 0) throw new ValidationError(this, 'scans', scans, 'must turn on at least one scan type (or leave Inspector out)');
    for (const account of [props.adminAccountId, ...props.memberAccountIds]) {
      if (!/^\d{12}$/.test(account)) throw new ValidationError(this, 'memberAccountIds', account, 'must list 12-digit AWS account ids');
    }
    const members = props.memberAccountIds.filter((a) => a !== props.adminAccountId);
    const associations = members.map((account) => new Inspector2MemberAssociation(this, `member-${account}`, { accountId: account }));
    // The provider (and Inspector's Enable API) take either the administrator's own account or member accounts in
    // one enabler, never both: with both it fails at plan time once it knows the caller's account ("account_ids can
    // contain either the administrator account or one or more member accounts"). So: one enabler for the
    // administrator, then the members (after their own association and the administrator's own enablement), 100 per
    // call. Each member enabler waits only for the associations of the accounts it enables: at 1,000 accounts a
    // dependency on every association would put 10,000 edges into the graph (and 1 MB into the stack) for nothing.
    const adminEnabler = new Inspector2Enabler(this, 'AdminEnabler', { accountIds: [props.adminAccountId], resourceTypes: types });
    const enablers: Inspector2Enabler[] = [adminEnabler];
    for (let i = 0; i < members.length; i += MAX_ACCOUNTS_PER_ENABLER) {
      const chunk = i / MAX_ACCOUNTS_PER_ENABLER;
      enablers.push(
        new Inspector2Enabler(this, chunk === 0 ? 'Enabler' : `Enabler-${chunk + 1}`, {
          accountIds: members.slice(i, i + MAX_ACCOUNTS_PER_ENABLER),
          resourceTypes: types,
          dependsOn: [adminEnabler, ...associations.slice(i, i + MAX_ACCOUNTS_PER_ENABLER)],
        }),
      );
    }
    this.enablers = enablers;
    new Inspector2OrganizationConfiguration(this, 'Organization', {
      autoEnable: { ec2: scans.ec2, ecr: scans.ecr, lambda: scans.lambda, lambdaCode: scans.lambdaCode },
      dependsOn: enablers,
    });
  }
}
