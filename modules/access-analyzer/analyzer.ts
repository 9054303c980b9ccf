import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { ValidationError, requireIntegerInRange } from '../core/errors';

/**
 * What an analyzer looks at: external access to one account's or the whole organisation's resources, or unused
 * roles, keys and permissions (the `*_UNUSED_ACCESS` types are billed per analysed principal).
 */
export enum AnalyzerType {
  ACCOUNT = 'ACCOUNT',
  ORGANIZATION = 'ORGANIZATION',
  ACCOUNT_UNUSED_ACCESS = 'ACCOUNT_UNUSED_ACCESS',
  ORGANIZATION_UNUSED_ACCESS = 'ORGANIZATION_UNUSED_ACCESS',
}

export interface AccessAnalyzerProps {
  /** Analyzer name (letters, digits, `.`, `_`, `-`; up to 255), unique per account and Region. */
  readonly analyzerName: string;
  /**
   * Zone of trust.
   * @default AnalyzerType.ACCOUNT
   * Security: an account analyzer works everywhere; organisation analyzers need the delegated administrator account.
   */
  readonly type?: AnalyzerType;
  /**
   * Days without use after which access counts as unused (1 to 365; unused-access types only).
   * @default 90
   * Security: CIS 1.12 disables credentials unused for 45 days; 90 keeps findings actionable without noise.
   */
  readonly unusedAccessAgeDays?: number;
  /** Tags. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Resources that must exist first (the delegated-administrator registration for organisation analyzers). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** An IAM Access Analyzer analyzer (CIS 1.20: one in every Region in use). */
export class AccessAnalyzer extends Construct {
  readonly resource: AccessanalyzerAnalyzer;
  readonly analyzerArn: string;
  readonly analyzerName: string;

  constructor(scope: Construct, id: string, props: AccessAnalyzerProps) {
    super(scope, id);
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(props.analyzerName)) {
      throw new ValidationError(this, 'analyzerName', props.analyzerName, 'must start with a letter and be up to 255 letters, digits, ".", "_" or "-"');
    }
    const type = props.type ?? AnalyzerType.ACCOUNT;
    const unused = type === AnalyzerType.ACCOUNT_UNUSED_ACCESS || type === AnalyzerType.ORGANIZATION_UNUSED_ACCESS;
    if (!unused && props.unusedAccessAgeDays !== undefined) {
      throw new ValidationError(this, 'unusedAccessAgeDays', props.unusedAccessAgeDays, `only applies to the unused-access analyzer types, not ${type}`);
    }
    const age = props.unusedAccessAgeDays ?? 90;
    if (unused) requireIntegerInRange(this, 'unusedAccessAgeDays', age, 1, 365, 'days');
    this.resource = new AccessanalyzerAnalyzer(this, 'Resource', {
      analyzerName: props.analyzerName,
      type,
      configuration: unused ? { unusedAccess: { unusedAccessAge: age } } : undefined,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
    });
    this.analyzerArn = this.resource.arn;
    this.analyzerName = props.analyzerName;
  }
}
