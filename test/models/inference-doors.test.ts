import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SONNET_45, TITAN_EMBED_V2 } from './fixtures';
import { ApprovedModel, BedrockOrganizationPolicies, GovernanceProfile } from '../../src';
import { ACTION_GROUPS, compactActions } from '../../src/catalogue/action-groups';
import {
  AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS, AGENTCORE_GATEWAY_TARGET_ACTIONS, AGENTCORE_PAYMENT_ACTIONS, BEARER_TOKEN_ACTIONS,
  GOVERNANCE_SETTING_ACTIONS, INFERENCE_DOORS,
  MODEL_IMPORT_ACTIONS, RESIDENCY_SERVICES,
} from '../../src/catalogue/inference-doors';
import { SERVICE_MODEL_ACTIONS } from '../../src/catalogue/other-services';
import { SERVICE_REFERENCE, actionData } from '../support/service-reference';

/** Every action of the service whose name the IAM wildcard (`*` any characters) matches. */
function actionsMatching(pattern: string): string[] {
  const [service, name] = pattern.split(':');
  const file = path.join(SERVICE_REFERENCE, 'actions', `${service}.json`);
  if (!fs.existsSync(file)) return [];
  const re = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return Object.values<any>(JSON.parse(fs.readFileSync(file, 'utf8'))).map(a => `${service}:${a.name}`).filter(a => re.test(a.split(':')[1]));
}
const resourceTypesOf = (action: string) => (actionData(action).resourceTypes as any[]).map(r => r.name).sort();
const conditionKeysOf = (action: string) => actionData(action).conditionKeys as string[];

describe('the inference catalogue matches the Service Authorization Reference', () => {
  test.each(INFERENCE_DOORS.map(d => [d.action, d]))('%s: its resource types and condition keys', (action, door) => {
    expect(actionData(action as string)).toBeDefined();
    expect(resourceTypesOf(action as string)).toEqual([...(door as any).resourceTypes].sort());
    if ((door as any).modelKey) expect(conditionKeysOf(action as string)).toContain((door as any).modelKey);
    if ((door as any).guardrail === 'key') expect(conditionKeysOf(action as string)).toContain('bedrock:GuardrailIdentifier');
    else expect(conditionKeysOf(action as string)).not.toContain('bedrock:GuardrailIdentifier');
  });

  test('every action that runs a model or processes prompt data by its name is a door of the catalogue', () => {
    // A new action with one of these names fails here until it is classified (model fence, guardrail).
    const pattern = /^(invoke|retrieve|converse|optimize|generate|rerank|apply|count|agentic|evaluate|startbatchevaluation|startrecommendation|startpolicygeneration|startautomatedreasoningpolicy|startmemoryextraction|createonlineevaluation)/;
    const unclassified = ['bedrock', 'bedrock-agentcore', 'bedrock-mantle']
      .flatMap(service => Object.values<any>(JSON.parse(fs.readFileSync(path.join(SERVICE_REFERENCE, 'actions', `${service}.json`), 'utf8')))
        .filter(a => pattern.test(a.name.toLowerCase()) || a.name === 'CreateInference')
        .map(a => `${service}:${a.name}`))
      .filter(action => !INFERENCE_DOORS.some(d => d.action === action));
    expect(unclassified).toEqual([]);
  });

  test('bidirectional streaming has no action of its own: InvokeModel authorizes it', () => {
    expect(actionData('bedrock:InvokeModelWithBidirectionalStream')).toBeUndefined();
    expect(INFERENCE_DOORS.find(d => d.action === 'bedrock:InvokeModel')!.apis).toContain('InvokeModelWithBidirectionalStream');
  });

  test('bedrock:ModelArn is a key of InvokeModel only (project-scoped invocations), so no door uses it as a model filter', () => {
    expect(conditionKeysOf('bedrock:InvokeModel')).toContain('bedrock:ModelArn');
    expect(conditionKeysOf('bedrock:InvokeModelWithResponseStream')).not.toContain('bedrock:ModelArn');
    expect(INFERENCE_DOORS.map(d => d.modelKey)).not.toContain('bedrock:ModelArn');
  });

  test('the other action lists name real actions, and the bearer-token keys are their actions\' own', () => {
    const missing = [...MODEL_IMPORT_ACTIONS, ...GOVERNANCE_SETTING_ACTIONS].filter(action => actionData(action) === undefined);
    expect(missing).toEqual([]);
    for (const { action, typeKey } of BEARER_TOKEN_ACTIONS) expect(conditionKeysOf(action)).toEqual([typeKey]);
    expect(conditionKeysOf('bedrock:PutAccountDataRetention')).toEqual(['bedrock:DataRetentionMode']);
    expect(conditionKeysOf('bedrock-mantle:PutAccountDataRetention')).toEqual(['bedrock-mantle:DataRetentionMode']);
    for (const service of RESIDENCY_SERVICES) expect(fs.existsSync(path.join(SERVICE_REFERENCE, 'actions', `${service}.json`))).toBe(true);
  });

  test('every action the organization policies name exists (wildcards aside)', () => {
    const stack = new Stack(new App(), 'Org', { env: { account: '999999999999', region: 'us-east-1' } });
    new BedrockOrganizationPolicies(stack, 'Scps', {
      approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
      profiles: [GovernanceProfile.EU_RESIDENCY],
      requireGuardrail: true,
      targetIds: ['ou-ab12-cd34ef56'],
    });
    const actions = Object.values<any>(Template.fromStack(stack).toJSON().Resources)
      .flatMap(r => r.Properties.Content.Statement).flatMap((s: any) => [s.Action].flat()) as string[];
    // A wildcard must match at least one action of its service, or it is a typo.
    const missing = [...new Set(actions)].filter(a => !a.endsWith(':*') && (a.includes('*') ? actionsMatching(a).length === 0 : actionData(a) === undefined));
    expect(missing).toEqual([]);
  });

  test('each action group\'s wildcard matches exactly its actions, and compacting replaces only whole groups', () => {
    for (const group of ACTION_GROUPS) {
      expect([group.wildcard, actionsMatching(group.wildcard).sort()]).toEqual([group.wildcard, [...group.actions].sort()]);
    }
    expect(compactActions(['bedrock:InvokeModel', 'bedrock:CountTokens', 'bedrock:InvokeModelWithResponseStream'])).toEqual(['bedrock:InvokeModel*', 'bedrock:CountTokens']);
    expect(compactActions(['bedrock:InvokeModel', 'bedrock:CountTokens'])).toEqual(['bedrock:InvokeModel', 'bedrock:CountTokens']);
  });

  test('the second ring\'s lists name real actions: other services\' generative features, AgentCore payments and gateway targets', () => {
    expect(SERVICE_MODEL_ACTIONS.filter(a => actionsMatching(a).length === 0)).toEqual([]);
    // The wildcards of Q in Connect reach its AI agents and prompts, nothing else.
    expect(actionsMatching('wisdom:*AIAgent*').concat(actionsMatching('wisdom:*AIPrompt*')).filter(a => !/AIAgent|AIPrompt/.test(a))).toEqual([]);
    expect(actionsMatching(AGENTCORE_PAYMENT_ACTIONS[0]).sort()).toEqual(actionsMatching('bedrock-agentcore:*').filter(a => a.includes('Payment')).sort());
    expect(actionsMatching(AGENTCORE_PAYMENT_ACTIONS[0])).toContain('bedrock-agentcore:ProcessPayment');
    expect(AGENTCORE_GATEWAY_TARGET_ACTIONS.filter(a => actionData(a) === undefined)).toEqual([]);
    expect(AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS.filter(a => actionData(a) === undefined)).toEqual([]);
    // No condition key of a credential provider's requests names the provider's endpoint: only deployers may make one (round 3).
    expect(AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS.map(a => [a, actionData(a).conditionKeys.filter((k: string) => !k.startsWith('aws:'))])).toEqual(
      AGENTCORE_CREDENTIAL_PROVIDER_ACTIONS.map(a => [a, []]));
  });

  test('a door that creates a resource names its CloudFormation type exactly when CloudFormation has one (its calls are forward sessions)', () => {
    const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString());
    const types = new Set(Object.values<any>(db.schema.resource.entities).map(r => r.cloudFormationType as string));
    const namespace: Record<string, string> = { 'bedrock': 'Bedrock', 'bedrock-agentcore': 'BedrockAgentCore', 'bedrock-mantle': 'BedrockMantle' };
    // Creating or updating the resource (a stack update, Cloud Control API) is the same door (rt3 P2-6).
    const expected = INFERENCE_DOORS.filter(d => d.guardrail === 'cannot-carry' && /^(Create|Update)/.test(d.action.split(':')[1]) && namespace[d.action.split(':')[0]])
      .map(d => [d.action, `AWS::${namespace[d.action.split(':')[0]]}::${d.action.split(':')[1].replace(/^(Create|Update)/, '')}`])
      .filter(([, type]) => types.has(type));
    expect(INFERENCE_DOORS.filter(d => d.cloudFormationType).map(d => [d.action, d.cloudFormationType])).toEqual(expected);
    expect(expected).toEqual([
      ['bedrock-agentcore:CreateOnlineEvaluationConfig', 'AWS::BedrockAgentCore::OnlineEvaluationConfig'],
      ['bedrock-agentcore:UpdateOnlineEvaluationConfig', 'AWS::BedrockAgentCore::OnlineEvaluationConfig'],
    ]);
  });

  test('the vendor platforms that run the same models outside Bedrock are in the catalogue as ungoverned', () => {
    // Claude Platform on AWS is the only such service in the Service Authorization Reference (2026-09): a new
    // aws-external-* service fails here until it is classified.
    const external = fs.readdirSync(path.join(SERVICE_REFERENCE, 'actions')).map(f => f.replace(/\.json$/, '')).filter(s => s.startsWith('aws-external-'));
    expect(external).toEqual(['aws-external-anthropic']);
    const fenced = [...new Set(INFERENCE_DOORS.filter(d => d.modelFence === 'ungoverned').map(d => d.action.split(':')[0]))].sort();
    expect(fenced).toEqual(['aws-external-anthropic', 'nova-act']);
  });
});
