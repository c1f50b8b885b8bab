import { CfnResource, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { BedrockDataRetention, DataRetentionMode } from '../../src';
import { stackIn } from '../models/fixtures';

const INVOKE = { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:${REGION}::foundation-model/amazon.titan-embed-text-v2:0` };

function retention(stack: Stack): CfnResource {
  return new CfnResource(stack, 'Retention', { type: 'Custom::BedrockDataRetention', properties: { ServiceToken: 'arn', Mode: 'none' } });
}

describe('Bedrock-DR1 DataRetentionConfigured', () => {
  test('an invoke grant with the mode set in the same account and region (another stack of the app): compliant', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Invoke', { policyDocument: { Statement: [INVOKE] } });
    retention(new Stack(stack.node.root, 'Baseline', { env: { account: ACCOUNT, region: REGION } }));
    expect(bedrockFindings(stack, {}, 'DR1')).toEqual([]);
  });

  test('the library\'s construct counts: compliant', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Invoke', { policyDocument: { Statement: [INVOKE] } });
    new BedrockDataRetention(stack, 'Mode', { mode: DataRetentionMode.NONE });
    expect(bedrockFindings(stack, {}, 'DR1')).toEqual([]);
  });

  test('an invoke grant without the mode for its account and region: reported once per resource, unless the account is not governed', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Invoke', { policyDocument: { Statement: [INVOKE, { ...INVOKE, Action: 'bedrock:InvokeModelWithResponseStream' }] } });
    // A wildcard spelling is a door too; a read-only policy is not.
    new iam.CfnManagedPolicy(stack, 'Everything', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] } });
    new iam.CfnManagedPolicy(stack, 'ReadOnly', { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:List*', Resource: '*' }] } });
    retention(new Stack(stack.node.root, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } }));
    expect(bedrockFindings(stack, {}, 'DR1')).toEqual(['Bedrock-DR1 @ Stack/Everything', 'Bedrock-DR1 @ Stack/Invoke']);
    expect(bedrockFindings(stack, { governedAccounts: ['999999999999'] }, 'DR1')).toEqual([]);
  });

  test('a Deny-only policy grants nothing: not applicable', () => {
    const stack = stackIn(REGION);
    new iam.CfnManagedPolicy(stack, 'Deny', { policyDocument: { Statement: [{ ...INVOKE, Effect: 'Deny' }] } });
    expect(bedrockFindings(stack, {}, 'DR1')).toEqual([]);
  });
});
