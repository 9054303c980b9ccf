import { Construct } from 'constructs';
import { ShieldDrtAccessRoleArnAssociation } from '@cdktf/provider-aws/lib/shield-drt-access-role-arn-association';
import { ShieldProactiveEngagement } from '@cdktf/provider-aws/lib/shield-proactive-engagement';
import { ShieldProtection } from '@cdktf/provider-aws/lib/shield-protection';
import { ShieldSubscription } from '@cdktf/provider-aws/lib/shield-subscription';
import type { GlobalAccountContext } from '../core/account-context';
import { ValidationError } from '../core/errors';
import { AwsManagedPolicy } from '../iam/managed-policy';
import { Role } from '../iam/role';
import { Trust } from '../iam/trust';
import { SHIELD_RESOURCE_ARN_EXAMPLES, parseShieldResourceArn } from './shield-resource-arn';

/** What a Shield Advanced subscription costs: the figure the acknowledgement is about. */
export const SHIELD_ADVANCED_COST = 'USD 3,000 per month with a 1-year commitment (plus data transfer out fees)';

/** The service principal of the Shield Response Team (SRT, formerly DRT). */
export const SHIELD_RESPONSE_TEAM_PRINCIPAL = 'drt.shield.amazonaws.com';

/** A resource to protect. */
export interface ShieldProtectedResource {
  /** Protection name (1-128 characters, letters, digits, `_` or `-`): also the construct id suffix, so keep it stable. */
  readonly name: string;
  /** ARN of the resource; it must be in this account. */
  readonly resourceArn: string;
}

/** An emergency contact for proactive engagement. */
export interface ShieldEmergencyContact {
  readonly emailAddress: string;
  /** International number starting with "+". @default - none */
  readonly phoneNumber?: string;
  /** @default - none */
  readonly contactNotes?: string;
}

export interface ShieldAdvancedProps extends GlobalAccountContext {
  /**
   * Acknowledges the subscription's cost: USD 3,000 per month with a 1-year commitment. It must be `true`.
   * Security: none; subscribing cannot be undone for a year, so it is never a side effect of another setting.
   */
  readonly acknowledgeCommitment: true;
  /**
   * Renew the subscription at the end of each commitment term.
   * @default true
   * Security: a lapsed subscription silently ends Advanced protection and SRT support.
   */
  readonly autoRenew?: boolean;
  /**
   * Resources of this account to protect.
   * @default []
   * Security: only listed resources get Advanced protection, cost protection and SRT help.
   */
  readonly protectedResources?: readonly ShieldProtectedResource[];
  /**
   * A role the Shield Response Team assumes during an attack (trust `drt.shield.amazonaws.com`, the AWS managed
   * AWSShieldDRTAccessPolicy), associated with the subscription.
   * @default true
   * Security: the SRT can then read logs and change web ACLs of protected resources; without it they can only advise.
   */
  readonly responseTeamAccess?: boolean;
  /**
   * Proactive engagement: the SRT calls these contacts when a protected resource's health check fails in an event.
   * @default - off
   * Security: faster response; needs Route 53 health checks on the protected resources to act on.
   */
  readonly proactiveEngagementContacts?: readonly ShieldEmergencyContact[];
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * AWS Shield Advanced in one account: the subscription (`aws_shield_subscription`), a protection per listed resource
 * (`aws_shield_protection`), the Shield Response Team's access role (`aws_shield_drt_access_role_arn_association`) and
 * optional proactive engagement. Shield's API is global; the provider sends it to us-east-1 whatever the stack Region.
 */
export class ShieldAdvanced extends Construct {
  readonly subscription: ShieldSubscription;
  readonly protections: readonly ShieldProtection[];
  readonly responseTeamRole: Role | undefined;
  readonly proactiveEngagement: ShieldProactiveEngagement | undefined;

  constructor(scope: Construct, id: string, props: ShieldAdvancedProps) {
    super(scope, id);
    if ((props.acknowledgeCommitment as unknown) !== true) {
      throw new ValidationError(this, 'acknowledgeCommitment', props.acknowledgeCommitment, `must be true: a Shield Advanced subscription costs ${SHIELD_ADVANCED_COST}`);
    }
    const resources = props.protectedResources ?? [];
    resources.forEach((resource, i) => {
      if (!/^[\w-]{1,128}$/.test(resource.name)) throw new ValidationError(this, `protectedResources[${i}].name`, resource.name, 'must be 1 to 128 letters, digits, "_" or "-"');
      if (resources.findIndex((r) => r.name === resource.name) !== i) throw new ValidationError(this, `protectedResources[${i}].name`, resource.name, 'is used twice; names must be unique');
      const parsed = parseShieldResourceArn(resource.resourceArn);
      if (!parsed) {
        throw new ValidationError(this, `protectedResources[${i}].resourceArn`, resource.resourceArn, `must be the ARN of a resource Shield Advanced protects, e.g. "${SHIELD_RESOURCE_ARN_EXAMPLES[1]}"`);
      }
      if (parsed.accountId !== props.accountId) {
        throw new ValidationError(this, `protectedResources[${i}].resourceArn`, resource.resourceArn, `is in account ${parsed.accountId}, not ${props.accountId}; protect it from its own account's subscription`);
      }
    });
    const contacts = props.proactiveEngagementContacts;
    if (contacts !== undefined) {
      if (contacts.length < 1 || contacts.length > 10) throw new ValidationError(this, 'proactiveEngagementContacts', contacts.length, 'must list 1 to 10 contacts');
      contacts.forEach((contact, i) => {
        if (!/^\S+@\S+\.\S+$/.test(contact.emailAddress)) throw new ValidationError(this, `proactiveEngagementContacts[${i}].emailAddress`, contact.emailAddress, 'must be an email address');
        if (contact.phoneNumber !== undefined && !/^\+[1-9]\d{1,14}$/.test(contact.phoneNumber)) {
          throw new ValidationError(this, `proactiveEngagementContacts[${i}].phoneNumber`, contact.phoneNumber, 'must be an E.164 number such as "+442079460000"');
        }
      });
    }
    const tags = props.tags ? { ...props.tags } : undefined;

    this.subscription = new ShieldSubscription(this, 'subscription', { autoRenew: (props.autoRenew ?? true) ? 'ENABLED' : 'DISABLED' });
    this.protections = resources.map(
      (resource) => new ShieldProtection(this, `protection-${resource.name}`, { name: resource.name, resourceArn: resource.resourceArn, tags, dependsOn: [this.subscription] }),
    );

    if (props.responseTeamAccess ?? true) {
      this.responseTeamRole = new Role(this, 'response-team-role', {
        roleName: 'shield-response-team',
        description: 'Lets the AWS Shield Response Team help during a DDoS event on protected resources',
        partition: props.partition,
        accountId: props.accountId,
        trust: [Trust.service(SHIELD_RESPONSE_TEAM_PRINCIPAL)],
        managedPolicies: [AwsManagedPolicy.of(props.partition, 'service-role/AWSShieldDRTAccessPolicy')],
        tags,
      });
      new ShieldDrtAccessRoleArnAssociation(this, 'response-team-access', { roleArn: this.responseTeamRole.roleArn, dependsOn: [this.subscription] });
    }
    this.proactiveEngagement =
      contacts !== undefined
        ? new ShieldProactiveEngagement(this, 'proactive-engagement', {
            enabled: true,
            emergencyContact: contacts.map((c) => ({ emailAddress: c.emailAddress, phoneNumber: c.phoneNumber, contactNotes: c.contactNotes })),
            dependsOn: [this.subscription],
          })
        : undefined;
  }
}
