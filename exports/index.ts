import type { ModuleDefinition } from './lib/module-definition';
import { accessAnalyzerModule } from './access-analyzer';
import { accountDefaultsModule } from './account-defaults';
import { alertTopicModule } from './alert-topic';
import { cisAlarmsModule } from './cis-alarms';
import { cloudtrailModule } from './cloudtrail';
import { configRecorderModule } from './config-recorder';
import { permissionsBoundaryModule } from './permissions-boundary';
import { securityGroupModule } from './security-group';
import { securityHubModule } from './security-hub';
import { flowLogModule } from './flow-log';
import { gatewayEndpointsModule } from './gateway-endpoints';
import { githubOidcRoleModule } from './github-oidc-role';
import { guardDutyAlertsModule } from './guardduty-alerts';
import { guardDutyOrganizationModule } from './guardduty-organization';
import { hcpTerraformRoleModule } from './hcp-terraform-role';
import { iamRoleModule } from './iam-role';
import { interfaceEndpointsModule } from './interface-endpoints';
import { kmsKeyModule } from './kms-key';
import { organizationPoliciesModule } from './organization-policies';
import { passwordPolicyModule } from './password-policy';
import { secretModule } from './secret';
import { secureBucketModule } from './secure-bucket';
import { ssmParameterModule } from './ssm-parameter';
import { transitGatewayModule } from './transit-gateway';
import { transitGatewayAttachmentModule } from './transit-gateway-attachment';
import { vpcModule } from './vpc';
import { wafWebAclModule } from './waf-web-acl';

/** The modules `npm run export-modules` writes, in README order. */
export const EXPORTED_MODULES: readonly ModuleDefinition[] = [
  kmsKeyModule,
  secureBucketModule,
  ssmParameterModule,
  secretModule,
  vpcModule,
  flowLogModule,
  securityGroupModule,
  gatewayEndpointsModule,
  interfaceEndpointsModule,
  transitGatewayModule,
  transitGatewayAttachmentModule,
  guardDutyAlertsModule,
  guardDutyOrganizationModule,
  passwordPolicyModule,
  accessAnalyzerModule,
  accountDefaultsModule,
  permissionsBoundaryModule,
  organizationPoliciesModule,
  alertTopicModule,
  cloudtrailModule,
  configRecorderModule,
  cisAlarmsModule,
  securityHubModule,
  wafWebAclModule,
  iamRoleModule,
  githubOidcRoleModule,
  hcpTerraformRoleModule,
];
