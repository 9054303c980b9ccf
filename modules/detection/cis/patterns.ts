/**
 * CIS AWS Foundations Benchmark v3.0.0, section 4 (Monitoring): the metric filter pattern of each control as the
 * benchmark's remediation gives it, character for character. Where the benchmark offers two patterns (4.2), both are
 * here. Where the benchmark's text does not do what its control says (4.1), the corrected pattern is given next to it
 * and used by default; the verbatim text stays selectable.
 */

/** One CIS 4.x control: what it watches and the benchmark's filter pattern. */
export interface CisMetricFilter {
  /** Control number, e.g. `4.3`. */
  readonly control: string;
  /** The control's title in the benchmark. */
  readonly title: string;
  /** Short name for the metric, filter and alarm (`root-usage`). */
  readonly name: string;
  /** The benchmark's filter pattern, verbatim. */
  readonly pattern: string;
}

export const CIS_V3_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    control: '4.1',
    title: 'Ensure a log metric filter and alarm exist for unauthorized API calls',
    name: 'unauthorized-api-calls',
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") || ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket") }',
  },
  {
    control: '4.2',
    title: 'Ensure a log metric filter and alarm exist for Management Console sign-in without MFA',
    name: 'console-signin-without-mfa',
    pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
  },
  {
    control: '4.3',
    title: "Ensure a log metric filter and alarm exist for usage of 'root' account",
    name: 'root-usage',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    control: '4.4',
    title: 'Ensure a log metric filter and alarm exist for IAM policy changes',
    name: 'iam-policy-changes',
    pattern:
      '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
  },
  {
    control: '4.5',
    title: 'Ensure a log metric filter and alarm exist for CloudTrail configuration changes',
    name: 'cloudtrail-configuration-changes',
    pattern: '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  },
  {
    control: '4.6',
    title: 'Ensure a log metric filter and alarm exist for AWS Management Console authentication failures',
    name: 'console-authentication-failures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    control: '4.7',
    title: 'Ensure a log metric filter and alarm exist for disabling or scheduled deletion of customer created CMKs',
    name: 'cmk-disable-or-deletion',
    pattern: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
  },
  {
    control: '4.8',
    title: 'Ensure a log metric filter and alarm exist for S3 bucket policy changes',
    name: 's3-bucket-policy-changes',
    pattern:
      '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  },
  {
    control: '4.9',
    title: 'Ensure a log metric filter and alarm exist for AWS Config configuration changes',
    name: 'config-configuration-changes',
    pattern:
      '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
  },
  {
    control: '4.10',
    title: 'Ensure a log metric filter and alarm exist for security group changes',
    name: 'security-group-changes',
    pattern:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  },
  {
    control: '4.11',
    title: 'Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL)',
    name: 'nacl-changes',
    pattern:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  },
  {
    control: '4.12',
    title: 'Ensure a log metric filter and alarm exist for changes to network gateways',
    name: 'network-gateway-changes',
    pattern:
      '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  },
  {
    control: '4.13',
    title: 'Ensure route table changes are monitored',
    name: 'route-table-changes',
    pattern:
      '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
  },
  {
    control: '4.14',
    title: 'Ensure a log metric filter and alarm exist for VPC changes',
    name: 'vpc-changes',
    pattern:
      '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  },
  {
    control: '4.15',
    title: 'Ensure a log metric filter and alarm exists for AWS Organizations changes',
    name: 'organizations-changes',
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  },
];

/**
 * CIS 4.2's second pattern, which the benchmark offers "to reduce false positives in case Single Sign-On (SSO) is
 * used": only IAM users' successful sign-ins. Federated sign-ins never report MFA in the event, so with SSO the first
 * pattern alarms on every login.
 */
export const CIS_4_2_IAM_USERS_PATTERN =
  '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }';

/**
 * CIS 4.1 as intended. The v3.0 text ORs the two exclusions (`!= "delivery.logs.amazonaws.com"`, `!= "HeadBucket"`)
 * with the error codes, so it matches nearly every event CloudTrail records and the alarm would sit in ALARM for good,
 * reporting nothing. Earlier benchmark versions state the intent: unauthorized or denied calls, except S3 log
 * delivery and HeadBucket. Same four terms, grouped so they do that.
 */
export const CIS_4_1_CORRECTED_PATTERN =
  '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }';

/** The benchmark's entry for a control (throws for an unknown control number). */
export function cisMetricFilter(control: string): CisMetricFilter {
  const found = CIS_V3_METRIC_FILTERS.find((f) => f.control === control);
  if (!found) throw new Error(`no CIS v3.0 metric filter for control ${JSON.stringify(control)}; controls are 4.1 to 4.15`);
  return found;
}
