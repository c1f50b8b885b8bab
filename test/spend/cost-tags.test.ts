import { aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ModelAccessPolicy } from '../../src/access';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { CrossRegionInferenceProfile, Geography } from '../../src/models';
import { ACCOUNT, SONNET_45, stackIn } from '../models/fixtures';

/**
 * Attribution outside the facade: a ModelAccessPolicy with costTags puts them on the roles and users it
 * is attached to, so a workload's own role (an agent's execution role) is attributed like the landing
 * zone's application roles; a principal it cannot tag is an error at synth, not a silent gap.
 */

const MODEL = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
const TAGS = { Team: 'claims-ai', Workload: 'claims-agent', CostCenter: 'claims' };

test('the tags go on every role and user the policy is attached to here, and on nothing else', () => {
  const stack = stackIn('eu-central-1');
  const role = new iam.Role(stack, 'AgentRole', { assumedBy: new iam.ServicePrincipal('bedrock-agentcore.amazonaws.com') });
  const user = new iam.User(stack, 'Batch');
  const other = new iam.Role(stack, 'Other', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new ModelAccessPolicy(stack, 'Access', { models: [MODEL], roles: [role], users: [user], costTags: TAGS });
  const template = Template.fromStack(stack).toJSON();
  const tagsOf = (c: iam.Role | iam.User) => template.Resources[stack.getLogicalId(c.node.defaultChild as any)].Properties.Tags;
  const expected = [{ Key: 'CostCenter', Value: 'claims' }, { Key: 'Team', Value: 'claims-ai' }, { Key: 'Workload', Value: 'claims-agent' }];
  expect(tagsOf(role)).toEqual(expected);
  expect(tagsOf(user)).toEqual(expected);
  expect(tagsOf(other)).toBeUndefined();
});

test('an imported role or user, or a bad tag, is an error naming the prop, the value and what is allowed', () => {
  const stack = stackIn('eu-central-1');
  const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/agent`);
  const importedUser = iam.User.fromUserName(stack, 'ImportedUser', 'batch');
  expect(() => new ModelAccessPolicy(stack, 'Access', { models: [MODEL], roles: [imported], users: [importedUser], costTags: { 'Team': 'claims-ai', 'aws:x': 'y', 'Owner': 'a|b' } }))
    .toThrow(expect.objectContaining({
      code: Code.MODEL_ACCESS_POLICY_PROPS,
      message: 'ModelAccessPolicy:\n' +
        "  - costTags has the key 'aws:x'; expected 1 to 128 letters, digits, spaces and _.:/=+-@, not starting with aws:\n" +
        "  - costTags.Owner is 'a|b'; expected up to 256 letters, digits, spaces and _.:/=+-@\n" +
        '  - roles[0] (Stack/Imported) is imported, so costTags cannot be put on it: create it in the CDK app, or tag it where it is created and leave it out here\n' +
        '  - users[0] (Stack/ImportedUser) is imported, so costTags cannot be put on it: create it in the CDK app, or tag it where it is created and leave it out here',
    }));
});

test('without costTags an imported role is fine, as before', () => {
  const stack = stackIn('eu-central-1');
  const imported = iam.Role.fromRoleArn(stack, 'Imported', `arn:aws:iam::${ACCOUNT}:role/agent`);
  expect(() => new ModelAccessPolicy(stack, 'Access', { models: [MODEL], roles: [imported] })).not.toThrow();
});
