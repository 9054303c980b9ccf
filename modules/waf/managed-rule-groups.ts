/**
 * AWS Managed Rules rule groups and their capacities.
 *
 * The WCU figures are the capacities AWS publishes for each group in the AWS WAF Developer Guide ("AWS Managed Rules
 * rule groups list": baseline, use-case specific, IP reputation and intelligent threat mitigation groups; for
 * example "VendorName: AWS, Name: AWSManagedRulesCommonRuleSet, WCU: 700"). A managed group's capacity is fixed by its
 * owner, so the table is the figure WAF itself charges against the web ACL. Verified against the guide for the core
 * rule set (700), SQL database (200) and Amazon IP reputation list (25); the others are the published figures as
 * listed in the same guide. When AWS publishes a new figure, change it here and in the tests that pin it.
 */
export const AWS_MANAGED_RULE_GROUP_CAPACITY = {
  // Baseline rule groups
  AWSManagedRulesCommonRuleSet: 700,
  AWSManagedRulesAdminProtectionRuleSet: 100,
  AWSManagedRulesKnownBadInputsRuleSet: 200,
  // Use-case specific rule groups
  AWSManagedRulesSQLiRuleSet: 200,
  AWSManagedRulesLinuxRuleSet: 200,
  AWSManagedRulesUnixRuleSet: 100,
  AWSManagedRulesWindowsRuleSet: 200,
  AWSManagedRulesPHPRuleSet: 100,
  AWSManagedRulesWordPressRuleSet: 100,
  // IP reputation rule groups
  AWSManagedRulesAmazonIpReputationList: 25,
  AWSManagedRulesAnonymousIpList: 50,
  // Intelligent threat mitigation rule groups
  AWSManagedRulesBotControlRuleSet: 50,
  AWSManagedRulesATPRuleSet: 50,
  AWSManagedRulesACFPRuleSet: 50,
} as const;

export type AwsManagedRuleGroupName = keyof typeof AWS_MANAGED_RULE_GROUP_CAPACITY;

/** The capacity of an AWS managed rule group, or undefined for a group outside the table. */
export function awsManagedRuleGroupCapacity(vendor: string, name: string): number | undefined {
  if (vendor !== 'AWS') return undefined;
  return (AWS_MANAGED_RULE_GROUP_CAPACITY as Readonly<Record<string, number>>)[name];
}

/** Bot Control: the group that takes an inspection level. */
export const BOT_CONTROL_GROUP = 'AWSManagedRulesBotControlRuleSet';

/** Known bad inputs: the group that holds the Log4j (CVE-2021-44228) rules. */
export const KNOWN_BAD_INPUTS_GROUP = 'AWSManagedRulesKnownBadInputsRuleSet';

/**
 * The Log4j rules of the known bad inputs group. Counting or allowing them switches off the protection that
 * Checkov's CKV_AWS_192 (and CVE-2021-44228) are about.
 */
export const LOG4J_RULES = ['Log4JRCE_HEADER', 'Log4JRCE_QUERYSTRING', 'Log4JRCE_BODY', 'Log4JRCE_URIPATH', 'Log4JRCE'] as const;

/**
 * Groups that need a configuration this builder does not model (login or registration paths and the fields of the
 * request). Using them here would only fail at apply time, so they are refused at synth with a pointer.
 */
export const GROUPS_NEEDING_CONFIG = ['AWSManagedRulesATPRuleSet', 'AWSManagedRulesACFPRuleSet'] as const;
