import { DataRetentionMode as SdkDataRetentionMode } from '@aws-sdk/client-bedrock';
import { PolicyType } from '@aws-sdk/client-organizations';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SONNET_45, TITAN_EMBED_V2 } from './fixtures';
import {
  ApprovedModel, BedrockDataRetention, BedrockOrganizationPolicies, DataRetentionMode, GovernanceProfile, Guardrail, GuardrailPreset,
  OpenAiCompatibleAccessPolicy, OpenAiCompatibleProject, OrganizationGuardrailPolicy, ServiceTier,
} from '../../src';
import { actionData, referenceFile } from '../support/service-reference';

/**
 * The facts the account controls rely on, pinned to the Service Authorization Reference shipped with
 * the IAM simulator and to the SDK clients' own types: every action a statement names exists, and
 * every service condition key it uses is a key of at least one of its actions (a key IAM never sets
 * on a request would make a Deny match always, or an Allow never).
 */

/** The actions of the reference an action names: itself, or every action a wildcard in its name matches. */
function matchingActions(action: string): string[] {
  if (!action.includes('*')) return actionData(action) ? [action] : [];
  const [service, name] = action.split(':');
  const pattern = new RegExp(`^${name.toLowerCase().replace(/\*/g, '.*')}$`);
  return Object.keys(referenceFile('actions', service)).filter(a => pattern.test(a)).map(a => `${service}:${a}`);
}
const conditionKeysOf = (action: string) => matchingActions(action).flatMap(a => actionData(a).conditionKeys as string[]);

/** Statements whose action or service condition key the reference does not know. */
/**
 * Keys AWS documents on an action that the IAM data does not attach to it, each with its source. The
 * statements that use them are tested with the pack's evaluator instead of the simulator.
 */
const DOCUMENTED_KEYS: Record<string, string> = {
  // AgentCore developer guide, security-gateway-condition-keys: on CreateGateway and UpdateGateway.
  'bedrock-agentcore:GatewayAuthorizerType': 'bedrock-agentcore:CreateGateway',
};

function unknownFacts(statements: any[]): string[] {
  return statements.flatMap(s => {
    const actions = [s.Action].flat().filter((a: string) => !a.endsWith(':*')) as string[];
    // A wildcard names the actions it matches (the organization policies compact their lists): known when it matches one.
    const missing = actions.filter(a => matchingActions(a).length === 0).map(a => `${s.Sid ?? '?'}: action ${a}`);
    const keys = Object.values<Record<string, unknown>>(s.Condition ?? {}).flatMap(c => Object.keys(c)).filter(k => !k.startsWith('aws:'));
    // A documented key is known on its action, named or matched by a wildcard (`*ateGateway`, round 4).
    const documentedOn = (k: string, a: string) => matchingActions(a).some(m => m.toLowerCase() === DOCUMENTED_KEYS[k]?.toLowerCase());
    const unknownKeys = keys.filter(k => !actions.some(a => conditionKeysOf(a).includes(k) || documentedOn(k, a)))
      .map(k => `${s.Sid ?? '?'}: key ${k}`);
    return [...missing, ...unknownKeys];
  });
}

function statementsOf(stack: Stack): any[] {
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources).flatMap(r => {
    if (r.Type === 'AWS::Organizations::Policy' && r.Properties.Type === 'SERVICE_CONTROL_POLICY') return r.Properties.Content.Statement;
    if (r.Type === 'AWS::IAM::ManagedPolicy') return r.Properties.PolicyDocument.Statement;
    if (r.Type === 'AWS::IAM::Role') return (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement);
    return [];
  });
}

describe('the account controls name only what IAM and the SDKs know', () => {
  test('the SCPs with the OpenAI-compatible endpoint governed and tiers restricted', () => {
    const stack = new Stack(new App(), 'Org', { env: { account: '999999999999', region: 'us-east-1' } });
    new BedrockOrganizationPolicies(stack, 'Scps', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
      profiles: [GovernanceProfile.EU_RESIDENCY],
      allowOpenAiCompatibleEndpoint: true,
      allowedServiceTiers: [ServiceTier.FLEX],
      targetIds: ['ou-ab12-cd34ef56'],
    });
    const statements = statementsOf(stack);
    expect(statements.map(s => s.Sid)).toEqual(expect.arrayContaining([
      'DenyUnapprovedModelsOnOpenAiEndpoint', 'DenyProjectDataRetention', 'DenyUnapprovedServiceTiers', 'DenyUnapprovedServiceTiersOnOpenAiEndpoint',
      'DenyReservedCapacity',
    ]));
    expect(unknownFacts(statements)).toEqual([]);
  });

  test('the grants and the control-plane roles of data retention, the OpenAI-compatible endpoint and the organization-wide guardrail', () => {
    const stack = new Stack(new App(), 'Management', { env: { account: '999999999999', region: 'eu-west-1' } });
    new BedrockDataRetention(stack, 'Retention', { mode: DataRetentionMode.NONE });
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new OpenAiCompatibleAccessPolicy(stack, 'Access', {
      project: new OpenAiCompatibleProject(stack, 'Project', { projectName: 'p' }),
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      allowedServiceTiers: [ServiceTier.DEFAULT],
      roles: [role],
    });
    new OrganizationGuardrailPolicy(stack, 'OrgGuardrail', {
      guardrail: new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] }),
      organizationId: 'o-exampleorg1',
      rootId: 'r-ab12',
      targetIds: ['r-ab12'],
    });
    const statements = statementsOf(stack);
    expect(statements.map(s => s.Sid ?? [s.Action].flat().join(','))).toEqual([
      'bedrock:GetAccountDataRetention,bedrock:PutAccountDataRetention', 'organizations:ListRoots', 'organizations:EnablePolicyType',
      'OpenAiCompatibleInference', 'OpenAiCompatibleResponses', 'DenyOtherServiceTiers',
    ]);
    expect(unknownFacts(statements)).toEqual([]);
  });

  test('the bedrock keys of the tiers and of retention are the actions\' own', () => {
    expect(conditionKeysOf('bedrock:InvokeModel')).toContain('bedrock:ServiceTier');
    expect(conditionKeysOf('bedrock:InvokeModelWithResponseStream')).toContain('bedrock:ServiceTier');
    expect(conditionKeysOf('bedrock-mantle:CreateInference')).toEqual(['bedrock-mantle:Model', 'bedrock-mantle:ServiceTier']);
    expect(conditionKeysOf('bedrock-mantle:CreateProject')).toEqual(['bedrock-mantle:DataRetentionMode']);
    expect(conditionKeysOf('bedrock-mantle:UpdateProject')).toEqual(['bedrock-mantle:DataRetentionMode']);
    expect(conditionKeysOf('organizations:EnablePolicyType')).toEqual(['organizations:PolicyType']);
  });

  test('the modes are the SDK\'s, the policy type is the Organizations client\'s', () => {
    expect(DataRetentionMode.all().map(m => m.value).sort()).toEqual(Object.values(SdkDataRetentionMode).sort());
    expect(Object.values(PolicyType)).toContain('BEDROCK_POLICY');
  });
});

test('the documented keys the IAM data does not attach: the key exists in the service, on no action of the data', () => {
  for (const [key, action] of Object.entries(DOCUMENTED_KEYS)) {
    expect([key, actionData(action) !== undefined, conditionKeysOf(action).includes(key)]).toEqual([key, true, false]);
  }
});
