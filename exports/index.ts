import type { ModuleDefinition } from './lib/module-definition';
import { accessAnalyzerModule } from './access-analyzer';
import { accountDefaultsModule } from './account-defaults';
import { alertTopicModule } from './alert-topic';
import { cisAlarmsModule } from './cis-alarms';
import { permissionsBoundaryModule } from './permissions-boundary';
import { securityHubModule } from './security-hub';
import { guardDutyAlertsModule } from './guardduty-alerts';
import { kmsKeyModule } from './kms-key';
import { passwordPolicyModule } from './password-policy';
import { secureBucketModule } from './secure-bucket';
import { vpcModule } from './vpc';

/** The modules `npm run export-modules` writes, in README order. */
export const EXPORTED_MODULES: readonly ModuleDefinition[] = [
  kmsKeyModule,
  secureBucketModule,
  vpcModule,
  guardDutyAlertsModule,
  passwordPolicyModule,
  accessAnalyzerModule,
  accountDefaultsModule,
  permissionsBoundaryModule,
  alertTopicModule,
  cisAlarmsModule,
  securityHubModule,
];
