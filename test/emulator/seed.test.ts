import { buildSeed } from '../../scripts/lib/emulator/seed';
import { exampleOrg } from '../support/orgs';

/** The seed the emulator harness writes from the organisation and its synthesized stacks (scripts/lib/emulator/seed.ts). */
describe('emulator seed', () => {
  const stackText = JSON.stringify({
    resource: {
      aws_iam_role_policy_attachment: {
        config: { policy_arn: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWS_ConfigRole' },
        admin: { policy_arn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' },
        again: { policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
        own: { policy_arn: 'arn:aws:iam::111111111111:policy/deploy-boundary' },
      },
      aws_ssoadmin_managed_policy_attachment: { view: { managed_policy_arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' } },
      aws_lambda_permission: { rotation: { function_name: 'arn:aws:lambda:us-east-1:555555555555:function:orders-db-rotation' } },
    },
  });

  it('names each AWS managed policy the stacks attach once, with its path, and no customer managed policy', () => {
    const seed = buildSeed(exampleOrg(), [stackText, stackText]);
    expect(seed.awsManagedPolicies).toEqual(['AdministratorAccess', 'job-function/ViewOnlyAccess', 'service-role/AWS_ConfigRole']);
    expect(seed.lambdaFunctions).toEqual(['arn:aws:lambda:us-east-1:555555555555:function:orders-db-rotation']);
  });

  it('names none when the stacks attach none', () => {
    expect(buildSeed(exampleOrg(), ['{"resource":{}}']).awsManagedPolicies).toEqual([]);
  });
});
