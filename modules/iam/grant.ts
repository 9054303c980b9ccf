import type { AwsPartition } from '../core/regions';
import { arn } from '../core/arn';
import { Policy } from './policy';
import { Statement } from './statement';

/** Something access can be granted to: an IAM role or user, or an account (its root). */
export interface IGrantable {
  /** The principal's ARN, as a resource policy names it (`Principal: { AWS: ... }`). */
  readonly grantPrincipalArn: string;
}

/** Grantees named by ARN, for principals this app does not create. */
export const Grantee = {
  /** A role, user or account root by ARN. */
  fromArn: (principalArn: string): IGrantable => ({ grantPrincipalArn: principalArn }),
  /** An account: its root principal, i.e. whoever the account's own IAM policies allow. */
  account: (partition: AwsPartition, accountId: string): IGrantable => ({ grantPrincipalArn: arn.accountRoot(partition, accountId) }),
};

/** Actions on resources. */
export interface GrantedAccess {
  readonly actions: readonly string[];
  readonly resourceArns: readonly string[];
}

/**
 * What a `grant*` call gave: the resource's own policy (key policy, bucket policy) now names the grantee; `access`
 * lists the same permissions from the grantee's side. A grantee in another account, or a key that is not created
 * here (whose policy this app cannot change), also needs them in its identity policy: `identityPolicy()`.
 */
export class Grant {
  /** A grant of `access` to `grantee`. */
  static of(grantee: IGrantable, ...access: GrantedAccess[]): Grant {
    return new Grant(grantee, access);
  }

  private constructor(
    readonly grantee: IGrantable,
    readonly access: readonly GrantedAccess[],
  ) {}

  /** This grant and another one of the same grantee (a bucket grant and the grant on the bucket's key). */
  and(other: Grant): Grant {
    if (other.grantee.grantPrincipalArn !== this.grantee.grantPrincipalArn) {
      throw new Error(`Grant.and: grants of different grantees (${this.grantee.grantPrincipalArn}, ${other.grantee.grantPrincipalArn}) cannot be combined`);
    }
    return new Grant(this.grantee, [...this.access, ...other.access]);
  }

  /** The access as identity-policy statements (one per resource set), for the grantee's managed or inline policy. */
  identityPolicy(): Policy {
    return Policy.of(...this.access.map((a) => Statement.allow({ actions: a.actions, resources: a.resourceArns })));
  }
}
