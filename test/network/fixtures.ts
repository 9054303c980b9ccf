import type { Construct } from 'constructs';
import { EncryptionKey, cloudWatchLogsKeyGrant } from '../../modules/kms';
import { FlowLogDestination, Vpc, type VpcProps } from '../../modules/network';
import { TEST_ACCOUNT_ID, TEST_REGION } from '../support/synth';

export const ORG_ID = 'o-a1b2c3d4e5';

/** A flow-log key CloudWatch Logs may use for this test account's log groups. */
export function flowLogKey(scope: Construct): EncryptionKey {
  return new EncryptionKey(scope, 'flow-log-key', {
    accountId: TEST_ACCOUNT_ID,
    partition: 'aws',
    region: TEST_REGION,
    aliasName: 'test/flow-logs',
    description: 'flow logs',
    serviceGrants: [cloudWatchLogsKeyGrant({ partition: 'aws', region: TEST_REGION, accountId: TEST_ACCOUNT_ID })],
  });
}

/** A VPC in the test account with a CloudWatch flow log; `overrides` change any prop. */
export function testVpc(scope: Construct, overrides: Partial<VpcProps> = {}, id = 'vpc'): Vpc {
  return new Vpc(scope, id, {
    name: 'test',
    cidr: '10.10.0.0/16',
    region: TEST_REGION,
    partition: 'aws',
    accountId: TEST_ACCOUNT_ID,
    flowLog: { destination: FlowLogDestination.cloudWatchLogs({ encryptionKey: flowLogKey(scope) }) },
    ...overrides,
  });
}
