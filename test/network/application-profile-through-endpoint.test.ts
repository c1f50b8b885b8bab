import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildLandingZone } from '../../examples/app/build';
import { OrganizationStack } from '../../examples/app/organization';
import { ORGANIZATION_ID, ORGANIZATION_ROOT, WORKLOADS_OU } from '../../examples/app/settings';
import { Decision, PolicyDocument, evaluate, resolveCfn } from '../support/iam';

/**
 * The example's claims application calls its own application inference profile through the baseline's
 * runtime endpoint, as its access policy (`ClaimsAccess`) requires. Evaluated with the example's own
 * resolved policies: the application role's managed policies, the runtime endpoint's policy and the
 * organization's SCPs (red team round 3, finding G1: the endpoint policy admitted no application profile).
 * The example admits the profile with `BedrockLandingZone.admitApplicationInferenceProfile`.
 */

const DEV = '111111111111';
const OTHER = '444444444444';
const REGION = 'eu-central-1';
const ENDPOINT_ID = 'vpce-0runtime';
const GUARDRAIL = `arn:aws:bedrock:${REGION}:${DEV}:guardrail/gr123abc`;
const APP_PROFILE = `arn:aws:bedrock:${REGION}:${DEV}:application-inference-profile/claims0001`;
const CHAT = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const CHAT_LEG = `arn:aws:bedrock:${REGION}::foundation-model/${CHAT}`;
const EU_CHAT_PROFILE = `arn:aws:bedrock:${REGION}:${DEV}:inference-profile/eu.${CHAT}`;
const PRINCIPAL = `arn:aws:iam::${DEV}:role/Baseline-dev-${REGION}-ApplicationRole90C00724-A1B2`;

const stacks = buildLandingZone(new App());
const organization = stacks.find((s): s is OrganizationStack => s instanceof OrganizationStack)!;
const baseline = stacks.find(s => s.stackName === `Baseline-dev-${REGION}`)!;
const resources: Record<string, any> = Template.fromStack(baseline).toJSON().Resources;

function scpLevels(stack: Stack): PolicyDocument[][] {
  const byTarget = new Map<string, PolicyDocument[]>();
  for (const r of Object.values<any>(Template.fromStack(stack).toJSON().Resources)) {
    if (r.Type !== 'AWS::Organizations::Policy') continue;
    const content = resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: '999999999999' });
    for (const target of r.Properties.TargetIds as string[]) byTarget.set(target, [...byTarget.get(target) ?? [], content]);
  }
  return [byTarget.get(ORGANIZATION_ROOT)!, byTarget.get(WORKLOADS_OU)!];
}
const SCPS = scpLevels(organization);

function logicalId(type: string, prefix: string): string {
  const ids = Object.keys(resources).filter(id => resources[id].Type === type && id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${ids.join(', ')}`);
  return ids[0];
}
const endpointId = logicalId('AWS::EC2::VPCEndpoint', 'LandingZoneEndpointsRuntime');
const getAtts: Record<string, string> = {
  [`${logicalId('AWS::Bedrock::Guardrail', 'LandingZoneGuardrail')}.GuardrailArn`]: GUARDRAIL,
  [`${logicalId('AWS::Bedrock::ApplicationInferenceProfile', 'ClaimsAssistantProfile')}.InferenceProfileArn`]: APP_PROFILE,
  [`${logicalId('AWS::KMS::Key', 'LandingZoneGuardrailKey')}.Arn`]: `arn:aws:kms:${REGION}:${DEV}:key/gk`,
};
for (const id of Object.keys(resources)) if (resources[id].Type === 'AWS::Bedrock::GuardrailVersion') getAtts[`${id}.Version`] = '1';
const ENV = { region: REGION, accountId: DEV, refs: { [endpointId]: ENDPOINT_ID }, getAtts };
const ENDPOINT_POLICY: PolicyDocument = resolveCfn(resources[endpointId].Properties.PolicyDocument, ENV);
const ROLE_POLICIES: PolicyDocument[] = ['LandingZoneModelAccess', 'ClaimsAccess']
  .map(prefix => resolveCfn(resources[logicalId('AWS::IAM::ManagedPolicy', prefix)].Properties.PolicyDocument, ENV));

interface Call {
  readonly resource: string;
  readonly profile?: string;
  readonly guardrail?: boolean;
  readonly endpointPolicy?: boolean;
}
function invoke(call: Call): Promise<Decision> {
  const vpcEndpointPolicies = call.endpointPolicy === false ? undefined : [ENDPOINT_POLICY];
  return evaluate({ identity: ROLE_POLICIES, serviceControlPolicies: SCPS, vpcEndpointPolicies }, {
    action: 'bedrock:InvokeModel',
    resource: call.resource,
    principal: PRINCIPAL,
    context: {
      'aws:RequestedRegion': REGION,
      'aws:PrincipalArn': PRINCIPAL,
      'aws:PrincipalAccount': DEV,
      'aws:PrincipalOrgID': ORGANIZATION_ID,
      'aws:ViaAWSService': 'false',
      'aws:SourceVpce': ENDPOINT_ID,
      ...(call.guardrail === false ? {} : { 'bedrock:GuardrailIdentifier': `${GUARDRAIL}:1` }),
      ...(call.profile ? { 'bedrock:InferenceProfileArn': call.profile } : {}),
    },
  });
}

describe('the example application profile through the runtime endpoint', () => {
  test.each<[string, Call]>([
    ['the application profile itself', { resource: APP_PROFILE, profile: APP_PROFILE }],
    ['its foundation-model leg', { resource: CHAT_LEG, profile: APP_PROFILE }],
    ['its system-profile leg', { resource: EU_CHAT_PROFILE, profile: APP_PROFILE }],
    ['the system profile directly (unchanged)', { resource: EU_CHAT_PROFILE, profile: EU_CHAT_PROFILE }],
  ])('%s, with the guardrail, is allowed', async (_name, call) => {
    expect(await invoke(call)).toBe('Allowed');
  });

  test.each<[string, Call]>([
    ['the application profile without the guardrail', { resource: APP_PROFILE, profile: APP_PROFILE, guardrail: false }],
    ['its leg without the guardrail', { resource: CHAT_LEG, profile: APP_PROFILE, guardrail: false }],
  ])('%s is denied by the access policy', async (_name, call) => {
    expect(await invoke(call)).toBe('ExplicitlyDenied');
  });

  test('the endpoint policy is the reason it was denied before: without it, the same calls were allowed', async () => {
    expect(await invoke({ resource: APP_PROFILE, profile: APP_PROFILE, endpointPolicy: false })).toBe('Allowed');
    expect(await invoke({ resource: CHAT_LEG, profile: APP_PROFILE, endpointPolicy: false })).toBe('Allowed');
  });
});

/** A workload administrator (identity: allow everything): what the runtime endpoint's own policy still stops. */
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ADMIN_ARN = `arn:aws:iam::${DEV}:role/Admin`;
const UNAPPROVED = 'anthropic.claude-3-haiku-20240307-v1:0';
const UNAPPROVED_LEG = `arn:aws:bedrock:${REGION}::foundation-model/${UNAPPROVED}`;
const SHADOW_PROFILE = `arn:aws:bedrock:${REGION}:${DEV}:application-inference-profile/shadow0001`;
const OTHER_PROFILE = `arn:aws:bedrock:${REGION}:${OTHER}:application-inference-profile/claims0001`;

interface AdminCall {
  readonly resource: string;
  readonly profile?: string;
  readonly orgId?: string;
}
function throughEndpoint(call: AdminCall): Promise<Decision> {
  return evaluate({ identity: [ADMIN], vpcEndpointPolicies: [ENDPOINT_POLICY] }, {
    action: 'bedrock:InvokeModel',
    resource: call.resource,
    principal: ADMIN_ARN,
    context: {
      'aws:RequestedRegion': REGION,
      'aws:PrincipalArn': ADMIN_ARN,
      'aws:PrincipalAccount': DEV,
      'aws:PrincipalOrgID': call.orgId ?? ORGANIZATION_ID,
      'aws:SourceVpce': ENDPOINT_ID,
      'bedrock:GuardrailIdentifier': `${GUARDRAIL}:1`,
      ...(call.profile ? { 'bedrock:InferenceProfileArn': call.profile } : {}),
    },
  });
}

describe('the runtime endpoint policy against an administrator of the workload account', () => {
  test.each<[string, AdminCall, AdminCall]>([
    ['an unapproved model directly', { resource: UNAPPROVED_LEG }, { resource: APP_PROFILE, profile: APP_PROFILE }],
    ['an application profile\'s leg to an unapproved model', { resource: UNAPPROVED_LEG, profile: APP_PROFILE }, { resource: CHAT_LEG, profile: APP_PROFILE }],
    ['another application profile of the account, not admitted', { resource: SHADOW_PROFILE, profile: SHADOW_PROFILE },
      { resource: APP_PROFILE, profile: APP_PROFILE }],
    ['an approved model\'s leg through a profile not admitted', { resource: CHAT_LEG, profile: SHADOW_PROFILE }, { resource: CHAT_LEG, profile: APP_PROFILE }],
    ['another account\'s application profile', { resource: OTHER_PROFILE, profile: OTHER_PROFILE }, { resource: APP_PROFILE, profile: APP_PROFILE }],
    ['an approved model\'s leg through another account\'s profile', { resource: CHAT_LEG, profile: OTHER_PROFILE }, { resource: CHAT_LEG, profile: APP_PROFILE }],
    ['the application profile by a principal of another organization', { resource: APP_PROFILE, profile: APP_PROFILE, orgId: 'o-outsider999' },
      { resource: APP_PROFILE, profile: APP_PROFILE }],
  ])('%s is denied; its governed counterpart is allowed', async (_name, attack, governed) => {
    expect(await throughEndpoint(attack)).toBe('ImplicitlyDenied');
    expect(await throughEndpoint(governed)).toBe('Allowed');
  });

  // "Characters per VPC endpoint policy: 20,480, not adjustable, including white space":
  // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html
  test('the policy stays within the 20,480 characters a VPC endpoint policy may have', () => {
    expect(JSON.stringify(ENDPOINT_POLICY).length).toBeLessThanOrEqual(20480);
  });
});
