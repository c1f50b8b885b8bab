import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, Geography, GovernanceProfile, Jurisdiction } from '../../src';
import { HAIKU_45, SONNET_45, TITAN_EMBED_V2, fmArn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { PolicyDocument, evaluate, resolveCfn } from '../support/iam';
import { checkCompliance } from '../support/nag';

const MANAGEMENT = '999999999999';
const MEMBER = '111111111111';
const OU = 'ou-ab12-cd34ef56';

function organizationStack(props: Partial<BedrockOrganizationPoliciesProps> = {}): { stack: Stack; scps: PolicyDocument[] } {
  const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: [OU],
    ...props,
  });
  const template = Template.fromStack(stack).toJSON();
  const scps = Object.values<any>(template.Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .map(r => resolveCfn(r.Properties.Content, { region: 'us-east-1', accountId: MANAGEMENT }));
  return { stack, scps };
}

/** An identity policy that allows everything: only the SCPs can deny. */
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const profile = (region: string, id: string) => `arn:aws:bedrock:${region}:${MEMBER}:inference-profile/${id}`;

describe('SCPs under EU residency, by meaning (an identity policy that allows everything)', () => {
  const { scps } = organizationStack();
  const invoke = (resource: string, context: Record<string, string | string[]> = {}, principal?: string) => evaluate(
    { identity: [ADMIN], serviceControlPolicies: [scps] },
    { action: 'bedrock:InvokeModel', resource, resourceAccount: MEMBER, context, principal },
  );
  const from = (region: string, extra: Record<string, string> = {}) => ({ 'aws:RequestedRegion': region, ...extra });

  test('the approved EU profile and its EU destinations stay allowed', async () => {
    const eu = profile('eu-central-1', `eu.${SONNET_45}`);
    expect(await invoke(eu, from('eu-central-1'))).toBe('Allowed');
    expect(await invoke(fmArn('eu-west-3', SONNET_45), from('eu-central-1', { 'bedrock:InferenceProfileArn': eu }))).toBe('Allowed');
    expect(await invoke(fmArn('eu-central-1', TITAN_EMBED_V2), from('eu-central-1'))).toBe('Allowed');
  });

  test('an unapproved model is denied', async () => {
    expect(await invoke(profile('eu-central-1', `eu.${HAIKU_45}`), from('eu-central-1'))).toBe('ExplicitlyDenied');
    expect(await invoke(fmArn('eu-central-1', 'cohere.embed-english-v3'), from('eu-central-1'))).toBe('ExplicitlyDenied');
  });

  test('global profiles and the region-less model are denied', async () => {
    expect(await invoke(profile('eu-central-1', `global.${SONNET_45}`), from('eu-central-1'))).toBe('ExplicitlyDenied');
    expect(await invoke(fmArn('', SONNET_45), from('unspecified'))).toBe('ExplicitlyDenied');
  });

  test('US profiles and US regions are denied', async () => {
    expect(await invoke(profile('us-east-1', `us.${SONNET_45}`), from('us-east-1'))).toBe('ExplicitlyDenied');
    expect(await invoke(fmArn('us-east-1', TITAN_EMBED_V2), from('us-east-1'))).toBe('ExplicitlyDenied');
  });

  const change = (principal: string) => evaluate(
    { identity: [ADMIN], serviceControlPolicies: [scps] },
    {
      action: 'bedrock:PutModelInvocationLoggingConfiguration',
      resource: '*',
      resourceAccount: MEMBER,
      principal,
      context: { 'aws:PrincipalArn': principal, 'aws:RequestedRegion': 'eu-central-1' },
    },
  );

  test('another role cannot change the logging configuration; the landing zone and the CDK deployment roles can', async () => {
    expect(await change(`arn:aws:iam::${MEMBER}:role/developer`)).toBe('ExplicitlyDenied');
    expect(await change(`arn:aws:iam::${MEMBER}:role/bedrock-landing-zone/Baseline-BedrockLandingZoneContr-AbC123`)).toBe('Allowed');
    expect(await change(`arn:aws:iam::${MEMBER}:role/cdk-hnb659fds-cfn-exec-role-${MEMBER}-eu-central-1`)).toBe('Allowed');
  });

  test('long-term Bedrock API keys cannot be created or used', async () => {
    const credential = (service: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] }, {
      action: 'iam:CreateServiceSpecificCredential',
      resource: `arn:aws:iam::${MEMBER}:user/dev`,
      context: { 'iam:ServiceSpecificCredentialServiceName': service },
    });
    expect(await credential('bedrock.amazonaws.com')).toBe('ExplicitlyDenied');
    expect(await credential('codecommit.amazonaws.com')).toBe('Allowed');
    const bearer = (type: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] }, {
      action: 'bedrock:CallWithBearerToken', resource: '*', resourceAccount: MEMBER, context: { 'bedrock:BearerTokenType': type, 'aws:RequestedRegion': 'eu-central-1' },
    });
    expect(await bearer('LONG_TERM')).toBe('ExplicitlyDenied');
    expect(await bearer('SHORT_TERM')).toBe('Allowed');
  });

  test('provisioned throughput only for approved models', async () => {
    const create = (resource: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] },
      { action: 'bedrock:CreateProvisionedModelThroughput', resource, resourceAccount: MEMBER, context: from('eu-central-1') });
    expect(await create(fmArn('eu-west-3', SONNET_45))).toBe('Allowed');
    expect(await create(fmArn('eu-west-3', HAIKU_45))).toBe('ExplicitlyDenied');
  });
});

describe('options', () => {
  test('requireGuardrail denies invocations without one, except Bedrock\'s own calls', async () => {
    const { scps } = organizationStack({ requireGuardrail: true });
    const eu = profile('eu-central-1', `eu.${SONNET_45}`);
    const invoke = (context: Record<string, string>) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] },
      { action: 'bedrock:InvokeModel', resource: eu, resourceAccount: MEMBER, context: { 'aws:RequestedRegion': 'eu-central-1', ...context } });
    expect(await invoke({ 'aws:ViaAWSService': 'false' })).toBe('ExplicitlyDenied');
    expect(await invoke({ 'aws:ViaAWSService': 'false', 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:eu-central-1:${MEMBER}:guardrail/g:1` }))
      .toBe('Allowed');
    expect(await invoke({ 'aws:ViaAWSService': 'true' })).toBe('Allowed');
  });

  test('without residency, global profiles of approved models are allowed and several geographies are named', async () => {
    const { scps } = organizationStack({
      profiles: [GovernanceProfile.BASELINE],
      geographies: [Geography.US, Geography.EU],
      approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.global(HAIKU_45)],
    });
    const invoke = (resource: string, region: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] },
      { action: 'bedrock:InvokeModel', resource, resourceAccount: MEMBER, context: { 'aws:RequestedRegion': region } });
    expect(await invoke(profile('us-east-1', `us.${SONNET_45}`), 'us-east-1')).toBe('Allowed');
    expect(await invoke(profile('eu-central-1', `eu.${SONNET_45}`), 'eu-central-1')).toBe('Allowed');
    expect(await invoke(profile('us-east-1', `global.${HAIKU_45}`), 'us-east-1')).toBe('Allowed');
    expect(await invoke(fmArn('', HAIKU_45), 'unspecified')).toBe('Allowed');
    expect(await invoke(profile('us-east-1', `global.${SONNET_45}`), 'us-east-1')).toBe('ExplicitlyDenied');
  });
});

describe('size', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => ApprovedModel.throughGeography(`vendor.model-number-${i}-v1:0`));

  test('statements are packed into several policies when one is not enough, each under 5,120 characters', () => {
    const { stack, scps } = organizationStack({ approvedModels: [ApprovedModel.throughGeography(SONNET_45), ...many(20)] });
    expect(scps.length).toBe(4);
    for (const scp of scps) expect(JSON.stringify(scp).replace(/arn:aws:/g, 'arn:aws-us-gov:').length).toBeLessThanOrEqual(5120);
    expect(scps.flatMap(s => s.Statement.map((st: any) => st.Sid)).sort()).toEqual([
      'DenyAgentCoreBuiltInTools', 'DenyAgentCoreGatewaysWithoutAuthorizer', 'DenyAgentCoreHarnesses', 'DenyAgentCoreJwtRuntimes', 'DenyAgentCoreMemoryWithoutKey', 'DenyAgentCoreOutsideVpc', 'DenyAgentCorePayments',
      'DenyAgentCoreWebAccessTools', 'DenyBedrockOutsideAllowedRegions', 'DenyGovernedDataCopies', 'DenyKnowledgeBasesOutsideAws', 'DenyLeavingTheOrganization', 'DenyLongTermBearerTokens',
      'DenyLongTermBearerTokens2', 'DenyLongTermBedrockApiKeys', 'DenyModelCustomizationAndImport', 'DenyModelsThroughOtherServices', 'DenyMonitoringLinksOutsideOrganization', 'DenyPassingExemptRoles', 'DenyProvisionedThroughputForUnapprovedModels', 'DenyReservedCapacity',
      'DenyUnapprovedModels', 'DenyUnapprovedServiceTiers', 'DenyUngovernedInference', 'ProtectConfigRecording', 'ProtectExemptRoles', 'ProtectGovernanceControls',
      'ProtectGovernanceResources', 'ProtectGovernanceSettings', 'ProtectInvocationLogStreams',
    ]);
    Template.fromStack(stack).resourceCountIs('AWS::Organizations::Policy', 4);
  });

  test('an oversized model list fails synth, naming the statement and what to do', () => {
    expect(() => organizationStack({ approvedModels: many(60) })).toThrow(
      'BedrockOrganizationPolicies: statement DenyUnapprovedModels is 9465 characters, more than one service control policy holds ' +
      '(5081 after the policy envelope); it cannot be split, because a Deny with NotResource must list every approved ARN at once. ' +
      'Approve fewer models or geographies in one policy set: use one BedrockOrganizationPolicies per group of OUs');
  });
});

describe('validation and compliance', () => {
  test('bad input is reported together', () => {
    expect(() => organizationStack({
      targetIds: ['ou-bad', '12345'],
      approvedModels: [ApprovedModel.global(SONNET_45)],
      geographies: [Geography.US],
    })).toThrow([
      'BedrockOrganizationPolicies:',
      '  - geographies us are not allowed by profile eu-residency; allowed: eu',
      `  - approvedModels: global.${SONNET_45} may route to any commercial region, which profile eu-residency does not allow`,
      "  - targetIds: 'ou-bad' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID",
      "  - targetIds: '12345' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID",
    ].join('\n'));
  });

  test('a model whose profile routes out of the jurisdiction is refused, naming the source and the destinations', () => {
    const noParis = GovernanceProfile.of('no-paris', { allowedGeographies: [Geography.EU], jurisdiction: Jurisdiction.of('no-paris', ['eu-central-1', 'eu-west-1']) });
    expect(() => organizationStack({ profiles: [noParis], approvedModels: [ApprovedModel.throughGeography(SONNET_45)] })).toThrow(
      `  - approvedModels: ${SONNET_45} through the eu profile may route requests from eu-central-1 to eu-north-1, eu-south-1, eu-south-2, eu-west-3, ` +
      'outside jurisdiction no-paris (eu-central-1, eu-west-1); approve it in-region, or choose a jurisdiction that includes those regions');
    expect(() => organizationStack({ profiles: [noParis], approvedModels: [ApprovedModel.inRegion(TITAN_EMBED_V2)] })).not.toThrow();
  });

  test('the perimeter options are checked, together', () => {
    expect(() => organizationStack({
      governedRegions: ['eu-west-2', 'Frankfurt'],
      cdkBootstrapQualifier: 'Landing-Zone',
      guardrailAccounts: ['12345'],
    })).toThrow([
      'BedrockOrganizationPolicies:',
      "  - guardrailAccounts: '12345' is not an account ID (12 digits)",
      '  - guardrailAccounts is given but requireGuardrail is not true: the accounts only widen the guardrail requirement; set requireGuardrail: true or leave guardrailAccounts out',
      '  - governedRegions: eu-west-2 is outside the regions profile eu-residency allows (eu-central-1, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-3)',
      "  - governedRegions: 'Frankfurt' is not a region name (e.g. eu-central-1)",
      "  - cdkBootstrapQualifier: 'Landing-Zone' is not a CDK bootstrap qualifier (1 to 10 lowercase letters and digits)",
    ].join('\n'));
    expect(() => organizationStack({ deploymentPrincipalArnPatterns: ['arn:aws:iam::*:role/pipeline'] })).toThrow(
      'BedrockOrganizationPolicies: deploymentPrincipalArnPatterns is given but cdkBootstrapQualifier is not: only the roles of a named qualifier ' +
      'are fenced; give cdkBootstrapQualifier or leave the patterns out');
    expect(() => organizationStack({ governedRegions: [] })).toThrow(
      'BedrockOrganizationPolicies: governedRegions is empty: name the regions the landing zones govern, or leave it out');
  });

  test('the second ring\'s options are checked, together', () => {
    expect(() => organizationStack({
      deploymentAssetBucketNames: ['Assets_Bucket', 'bedrock-lz-assets-*'],
      governAgentCore: false,
      allowAgentCorePayments: true,
      allowAgentCoreGatewayTargets: false,
    })).toThrow([
      'BedrockOrganizationPolicies:',
      "  - deploymentAssetBucketNames: 'Assets_Bucket' is not an S3 bucket name (lowercase letters, digits, dots and hyphens, 3 to 63 characters; * matches any characters)",
      '  - deploymentAssetBucketNames is given but cdkBootstrapQualifier is not: the buckets are protected with the CDK asset bucket of a named qualifier; ' +
      'give cdkBootstrapQualifier or leave them out',
      '  - allowAgentCorePayments and allowAgentCoreGatewayTargets given but governAgentCore is false: AgentCore is not governed at all, so there is ' +
      'nothing to allow; leave them out or govern AgentCore',
    ].join('\n'));
    expect(() => organizationStack({ cdkBootstrapQualifier: 'blz', deploymentAssetBucketNames: ['bedrock-lz-assets-*', 'pinned-assets'] })).not.toThrow();
  });

  test('deploymentAssetBucketNames: a pattern covers its objects, a plain name gets its objects added', () => {
    const { scps } = organizationStack({ cdkBootstrapQualifier: 'blz', deploymentAssetBucketNames: ['bedrock-lz-assets-*', 'pinned-assets'] });
    const assets = scps.flatMap(p => p.Statement).find((st: any) => st.Sid === 'ProtectDeploymentAssets');
    expect(assets.Resource.filter((r: string) => r.startsWith('arn:aws:s3:::'))).toEqual([
      'arn:aws:s3:::cdk-blz-assets-*', 'arn:aws:s3:::bedrock-lz-assets-*', 'arn:aws:s3:::pinned-assets', 'arn:aws:s3:::pinned-assets/*',
    ]);
  });

  test('no geography without residency is an error that says what to give', () => {
    expect(() => organizationStack({ profiles: [GovernanceProfile.BASELINE] })).toThrow(
      'BedrockOrganizationPolicies: geographies is empty: name the geographies the landing zones operate in (e.g. [Geography.US, Geography.EU])');
  });

  test('the four cdk-nag packs find nothing; the CloudFormation schema validator finds nothing', () => {
    expect(checkCompliance(organizationStack().stack)).toEqual({ violations: [], acknowledgements: [] });
    expect(() => expectValidCloudFormation(organizationStack().stack)).not.toThrow();
  });
});

describe('the exemption cannot be borrowed', () => {
  const { scps } = organizationStack();
  const iamAs = (action: string, role: string, principal: string) => evaluate({ identity: [ADMIN], serviceControlPolicies: [scps] }, {
    action, resource: `arn:aws:iam::${MEMBER}:role/${role}`, principal, context: { 'aws:PrincipalArn': principal },
  });

  test('nobody but the deployment roles may create or change a role on the exempt path or with the exempt name', async () => {
    const developer = `arn:aws:iam::${MEMBER}:role/developer`;
    expect(await iamAs('iam:CreateRole', 'bedrock-landing-zone/borrowed', developer)).toBe('ExplicitlyDenied');
    expect(await iamAs('iam:PutRolePolicy', 'cdk-x-cfn-exec-role-y', developer)).toBe('ExplicitlyDenied');
    expect(await iamAs('iam:CreateRole', 'bedrock-landing-zone/Baseline-Provider', `arn:aws:iam::${MEMBER}:role/cdk-hnb659fds-cfn-exec-role-${MEMBER}-eu-central-1`))
      .toBe('Allowed');
    expect(await iamAs('iam:CreateRole', 'bedrock-landing-zone/Baseline-Provider', `arn:aws:iam::${MEMBER}:role/stacksets-exec-0123abcd`)).toBe('Allowed');
    expect(await iamAs('iam:CreateRole', 'app-role', developer)).toBe('Allowed');
  });

  test('model customization and import are denied unless allowed', async () => {
    const job = (policies: PolicyDocument[]) => evaluate({ identity: [ADMIN], serviceControlPolicies: [policies] },
      { action: 'bedrock:CreateModelImportJob', resource: '*', resourceAccount: MEMBER, context: { 'aws:RequestedRegion': 'eu-central-1' } });
    expect(await job(scps)).toBe('ExplicitlyDenied');
    expect(await job(organizationStack({ allowModelCustomization: true }).scps)).toBe('Allowed');
  });
});

describe('deployBefore: the baselines wait for the policies', () => {
  const props: BedrockOrganizationPoliciesProps = {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45)], geographies: [Geography.EU], targetIds: [OU],
  };
  /** The stacks the CDK CLI deploys before the named stack (asset manifests left out). */
  const stackDependencies = (app: App, name: string) =>
    app.synth().getStackByName(name).dependencies.map(d => d.id).filter(id => !id.endsWith('.assets'));

  test('a resource of the same stack (a StackSet) comes after every policy; a baseline stack of the app is deployed after this stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
    const baselineStack = new Stack(app, 'Baseline', { env: { account: MEMBER, region: 'eu-central-1' } });
    new CfnResource(baselineStack, 'Anything', { type: 'AWS::SNS::Topic' });
    const stackSet = new CfnResource(stack, 'BaselineStackSet', { type: 'AWS::CloudFormation::StackSet', properties: { StackSetName: 'baseline' } });
    const policies = new BedrockOrganizationPolicies(stack, 'Scps', { ...props, protectionTargetIds: ['r-ab12'] });
    policies.deployBefore(stackSet, baselineStack);
    const template = Template.fromStack(stack);
    const policyIds = Object.keys(template.findResources('AWS::Organizations::Policy')).sort();
    expect(policyIds.length).toBe(policies.policies.length);
    expect(policyIds.length).toBe(4);
    expect([...template.toJSON().Resources.BaselineStackSet.DependsOn].sort()).toEqual(policyIds);
    expect(Object.values(template.findResources('AWS::Organizations::Policy')).map(r => (r.DependsOn ?? []).includes('BaselineStackSet')))
      .toEqual([false, false, false, false]);
    expect(stackDependencies(app, 'Baseline')).toEqual(['Organization']);
    expect(stackDependencies(app, 'Organization')).toEqual([]);
  });

  test('without it, nothing waits', () => {
    const app = new App();
    const stack = new Stack(app, 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
    new BedrockOrganizationPolicies(stack, 'Scps', props);
    const resources = Template.fromStack(stack).findResources('AWS::Organizations::Policy');
    expect(Object.values(resources).map(r => r.DependsOn)).toEqual([undefined]);
    expect(stackDependencies(app, 'Organization')).toEqual([]);
  });

  test('a baseline that is not a construct (a jsii caller\'s ARN string) is an error naming it', () => {
    const stack = new Stack(new App(), 'Organization', { env: { account: MANAGEMENT, region: 'us-east-1' } });
    const policies = new BedrockOrganizationPolicies(stack, 'Scps', props);
    expect(() => policies.deployBefore('arn:aws:cloudformation:us-east-1:999999999999:stackset/baseline' as any)).toThrow(
      "BedrockOrganizationPolicies.deployBefore: baselines[0] is the string 'arn:aws:cloudformation:us-east-1:999999999999:stackset/baseline'; " +
      'allowed: a construct (a StackSet or a stack of this app)');
  });
});
