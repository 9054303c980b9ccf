import type { ModuleDefinition } from './lib/module-definition';
import { guardDutyAlertsModule } from './guardduty-alerts';
import { kmsKeyModule } from './kms-key';
import { secureBucketModule } from './secure-bucket';
import { vpcModule } from './vpc';

/** The modules `npm run export-modules` writes, in README order. */
export const EXPORTED_MODULES: readonly ModuleDefinition[] = [kmsKeyModule, secureBucketModule, vpcModule, guardDutyAlertsModule];
