import { App, Stack, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockDataRetention, BedrockLandingZone, DataRetentionMode, GovernanceProfile, LandingZoneStackProtection, ModelInvocationLogging,
} from '../../src';
import { SONNET_45 } from '../models/fixtures';

/**
 * Issue 34: the stack-wide protected tag is explicit. CloudFormation copies stack tags to every
 * resource it can tag, and the organization policies lock what carries the tag, so tagging the stack
 * from inside a construct locked the user's own resources in that stack.
 */

const stackIn = () => new Stack(new App(), 'Baseline', { env: { account: '111111111111', region: 'eu-central-1' } });
const warningsOf = (stack: Stack, id: string) =>
  Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(id)).map(w => `${w.id} ${w.entry.data}`);

describe('LandingZoneStackProtection', () => {
  test('logging and data retention leave the stack untagged and warn that it is not protected', () => {
    const stack = stackIn();
    new ModelInvocationLogging(stack, 'Logging');
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
    expect(stack.tags.tagValues()).toEqual({});
    expect(LandingZoneStackProtection.isProtected(stack)).toBe(false);
    const unprotected = (what: string) => 'The stack Baseline holds ' + what + ' but is not protected: anyone allowed to update it or run its change sets ' +
      'can change the setting through its CloudFormation role, which the organization policies exempt. ' +
      'Call LandingZoneStackProtection.protect(stack) if the stack holds only the landing zone: CloudFormation copies ' +
      'stack tags to every resource in it, and the organization policies then protect those too. [ack: cdk-bedrock-landing-zone:stackUnprotected]';
    expect(warningsOf(stack, 'stackUnprotected')).toEqual([
      `/Baseline/Logging ${unprotected('model invocation logging')}`,
      `/Baseline/Retention ${unprotected('the account\'s data retention mode')}`,
    ]);
  });

  test('protect() tags the stack, also after the constructs were added, and the warnings go', () => {
    const stack = stackIn();
    new ModelInvocationLogging(stack, 'Logging');
    LandingZoneStackProtection.protect(stack);
    expect(stack.tags.tagValues()).toEqual({ 'bedrock-landing-zone:protected': 'true' });
    expect(LandingZoneStackProtection.isProtected(stack)).toBe(true);
    expect(warningsOf(stack, 'stackUnprotected')).toEqual([]);
  });

  test('a whole landing zone in a protected stack: nothing of the landing zone is reported as locked by the stack tag', () => {
    const stack = stackIn();
    new BedrockLandingZone(stack, 'LandingZone', { profiles: [GovernanceProfile.BASELINE], approvedModels: [ApprovedModel.throughGeography(SONNET_45)] });
    LandingZoneStackProtection.protect(stack);
    expect(warningsOf(stack, 'lockedByStackTag')).toEqual([]);
  });

  test('resources of the user\'s own in a protected stack are named: the stack tag would lock them', () => {
    const stack = stackIn();
    new ModelInvocationLogging(stack, 'Logging');
    new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new s3.Bucket(stack, 'Data');
    LandingZoneStackProtection.protect(stack);
    const locked = (type: string, p: string) => `/Baseline/${p} ${type} Baseline/${p} is in a protected stack: CloudFormation gives it the stack's tag ` +
      'bedrock-landing-zone:protected, and the organization policies then let only the deployment roles change it. ' +
      'Move it to a stack of its own unless that is intended. [ack: cdk-bedrock-landing-zone:lockedByStackTag]';
    expect(warningsOf(stack, 'lockedByStackTag')).toEqual([locked('AWS::IAM::Role', 'AppRole/Resource'), locked('AWS::S3::Bucket', 'Data/Resource')]);
  });
});
