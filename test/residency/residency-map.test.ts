import { App, NestedStack, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ApprovedModel, BedrockLandingZone, CrossRegionInferenceProfile, EmbeddingModel, FoundationModel, Geography, GovernanceProfile,
  Guardrail, ModelAccessPolicy, ModelInvocationLogging, OpenAiCompatibleAccessPolicy, OpenAiCompatibleProject, ProvisionedModel,
  ProvisionedThroughput, ProvisionedThroughputModel, ResidencyMap, ResidencyRoute, VectorKnowledgeBase,
} from '../../src';
import { ACCOUNT, EU_DESTINATIONS_FROM_FRANKFURT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn } from '../models/fixtures';
import { evaluate, identityPoliciesOf } from '../support/iam';

const REGION = 'eu-central-1';
const EU_ALLOWED = GovernanceProfile.EU_RESIDENCY.allowedRegions!;
const LOGGED_TO = [
  `CloudWatch Logs /bedrock-landing-zone/model-invocations (${REGION})`,
  `S3 bucket Base/Lz/InvocationLogging/LogBucket, prefix bedrock-invocation-logs/ (${REGION})`,
];

/** A landing zone under EU residency in Frankfurt, with an application role. */
function euLandingZone(app = new App()) {
  const stack = new Stack(app, 'Base', { env: { account: ACCOUNT, region: REGION } });
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const lz = new BedrockLandingZone(stack, 'Lz', {
    profiles: [GovernanceProfile.EU_RESIDENCY],
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    applicationRoles: [role],
  });
  return { app, stack, role, lz };
}

/** A reader role and the managed policy it holds. */
class ManagedPolicyFor {
  public readonly policy: iam.ManagedPolicy;
  constructor(stack: Stack) {
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.policy = new iam.ManagedPolicy(stack, 'ReaderAccess', { roles: [role] });
  }
}

const routeOf = (map: ResidencyMap, principal: string, model: string, grantedBy?: string) => {
  const found = map.routes.filter(r => r.principal === principal && r.model === model && (grantedBy === undefined || r.grantedBy === grantedBy));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('a landing zone under EU residency', () => {
  const { app } = euLandingZone();
  const map = ResidencyMap.of(app);

  test('one route per approved model for the application role, and nothing else', () => {
    expect(map.routes.map(r => `${r.principal} -> ${r.model} (${r.grantedBy})`)).toEqual([
      'Base/App -> amazon.titan-embed-text-v2:0 (managed policy Base/Lz/EmbeddingModelAccess)',
      `Base/App -> ${SONNET_45} (managed policy Base/Lz/ModelAccess)`,
    ]);
  });

  test('the chat model: through the EU profile, processed in the EU destinations, with the guardrail, the endpoint and the logging', () => {
    expect(routeOf(map, 'Base/App', SONNET_45)).toEqual<ResidencyRoute>({
      account: ACCOUNT,
      region: REGION,
      principal: 'Base/App',
      grantedBy: 'managed policy Base/Lz/ModelAccess',
      purpose: undefined,
      model: SONNET_45,
      through: `eu cross-region inference profile eu.${SONNET_45}`,
      processedIn: EU_DESTINATIONS_FROM_FRANKFURT,
      allowedRegions: EU_ALLOWED,
      outsideAllowedRegions: [],
      requiredGuardrail: 'Base/Lz/Guardrail (its published version)',
      enforcedGuardrail: 'Base/Lz/Guardrail (its published version)',
      requiredEndpoints: ['Base/Lz/Endpoints/Runtime'],
      loggedTo: LOGGED_TO,
      loggingGaps: [],
    });
  });

  test('the embedding model: in-region, processed in Frankfurt only; no guardrail (embeddings carry no text to filter)', () => {
    const route = routeOf(map, 'Base/App', TITAN_EMBED_V2);
    expect([route.through, route.processedIn, route.requiredGuardrail, route.enforcedGuardrail, route.requiredEndpoints])
      .toEqual(['in-region (no profile)', [REGION], undefined, undefined, ['Base/Lz/Endpoints/Runtime']]);
  });
});

describe('the map says what the IAM allows', () => {
  // The same grant, read two ways: the regions on the map must be exactly those the role may reach.
  const { app, stack, role } = euLandingZone();
  const route = routeOf(ResidencyMap.of(app), 'Base/App', SONNET_45);
  const guardrailArn = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;
  // What CloudFormation will know at deployment: the guardrail's ARN and version, the endpoint's ID.
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>;
  const idsOf = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type).map(([id]) => id);
  const identity = identityPoliciesOf(role, {
    getAtts: {
      ...Object.fromEntries(idsOf('AWS::Bedrock::Guardrail').map(id => [`${id}.GuardrailArn`, guardrailArn])),
      ...Object.fromEntries(idsOf('AWS::Bedrock::GuardrailVersion').map(id => [`${id}.Version`, '1'])),
      ...Object.fromEntries(idsOf('AWS::KMS::Key').map(id => [`${id}.Arn`, `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`])),
    },
    refs: Object.fromEntries(idsOf('AWS::EC2::VPCEndpoint').map(id => [id, 'vpce-runtime'])),
  });
  const profile = profileArn(REGION, `eu.${SONNET_45}`);
  const call = (region: string) => evaluate({ identity }, {
    action: 'bedrock:InvokeModel',
    resource: fmArn(region, SONNET_45),
    context: {
      'bedrock:InferenceProfileArn': profile,
      'bedrock:GuardrailIdentifier': `${guardrailArn}:1`,
      'aws:SourceVpce': 'vpce-runtime',
      'aws:ViaAWSService': 'false',
    },
  });

  test.each(EU_DESTINATIONS_FROM_FRANKFURT)('processed in %s: on the map, and the profile may reach it', async region => {
    expect(route.processedIn).toContain(region);
    expect(await call(region)).toBe('Allowed');
  });

  test.each(['us-east-1', 'eu-west-2', 'eu-central-2'])('%s: not on the map, and the profile may not reach it', async region => {
    expect(route.processedIn).not.toContain(region);
    expect(await call(region)).toBe('ImplicitlyDenied');
  });
});

describe('grants outside the landing zone\'s policies', () => {
  test('a global profile granted to a role directly: any region, outside EU residency, in the default policy', () => {
    const { app, stack } = euLandingZone();
    const other = new iam.Role(stack, 'Other', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    CrossRegionInferenceProfile.of(Geography.GLOBAL, SONNET_45).grantInvoke(other);
    const route = routeOf(ResidencyMap.of(app), 'Base/Other', SONNET_45);
    const { grantedBy, through, processedIn, outsideAllowedRegions, requiredGuardrail, requiredEndpoints, loggedTo } = route;
    expect([grantedBy, through, processedIn, outsideAllowedRegions, requiredGuardrail, requiredEndpoints, loggedTo])
      .toEqual(['default policy', `global inference profile global.${SONNET_45}`, ['any region'], ['any region'], undefined, [], LOGGED_TO]);
  });

  test('a stack of another account with no landing zone: not restricted, not logged by this app', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: '222222222222', region: 'us-east-1' } });
    const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    CrossRegionInferenceProfile.of(Geography.US, SONNET_45).grantInvoke(role);
    expect(ResidencyMap.of(app).routes).toEqual<ResidencyRoute[]>([{
      account: '222222222222',
      region: 'us-east-1',
      principal: 'Loose/App',
      grantedBy: 'default policy',
      purpose: undefined,
      model: SONNET_45,
      through: `us cross-region inference profile us.${SONNET_45}`,
      processedIn: ['us-east-1', 'us-east-2', 'us-west-2'],
      allowedRegions: undefined,
      outsideAllowedRegions: [],
      requiredGuardrail: undefined,
      enforcedGuardrail: undefined,
      requiredEndpoints: [],
      loggedTo: [],
      loggingGaps: [],
    }]);
  });

  test('a knowledge base\'s role: its embedding model, for the knowledge base', () => {
    const { app, stack } = euLandingZone();
    new VectorKnowledgeBase(stack, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable() });
    const route = routeOf(ResidencyMap.of(app), 'Base/Kb/Role', TITAN_EMBED_V2);
    expect([route.purpose, route.grantedBy, route.processedIn, route.loggedTo]).toEqual(['embeddings of Base/Kb', 'managed policy Base/Kb/RolePolicy', [REGION], LOGGED_TO]);
  });

  test('a caller granted Retrieve: its queries are embedded by the knowledge base\'s model, where that model runs', () => {
    const { app, stack } = euLandingZone();
    const kb = new VectorKnowledgeBase(stack, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable() });
    const reader = new ManagedPolicyFor(stack);
    kb.grantRetrieve(reader.policy);
    const route = routeOf(ResidencyMap.of(app), 'Base/Reader', TITAN_EMBED_V2);
    expect([route.grantedBy, route.through, route.processedIn, route.loggedTo])
      .toEqual(['managed policy Base/ReaderAccess', 'knowledge base Base/Kb (Retrieve: the query is embedded there), in-region (no profile)', [REGION], LOGGED_TO]);
  });

  test('a provisioned model: named by its ARN, processed in its region', () => {
    const { app, stack, role } = euLandingZone();
    const arn = `arn:aws:bedrock:${REGION}:${ACCOUNT}:provisioned-model/pt123`;
    ProvisionedModel.fromProvisionedModelArn(stack, 'Pt', arn).grantInvoke(role);
    const route = routeOf(ResidencyMap.of(app), 'Base/App', arn);
    expect([route.through, route.processedIn, route.outsideAllowedRegions]).toEqual([`provisioned throughput ${arn}`, [REGION], []]);
  });

  test('an access policy attached to no one says so; a managed policy of the app\'s own names its roles', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: ACCOUNT, region: REGION } });
    new ModelAccessPolicy(stack, 'Unattached', { models: [FoundationModel.of(TITAN_EMBED_V2)] });
    const own = new iam.ManagedPolicy(stack, 'Own', { roles: [new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() })] });
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(own);
    expect(ResidencyMap.of(app).routes.map(r => `${r.principal} | ${r.grantedBy}`)).toEqual([
      '(attached to no principal in this app) | managed policy Loose/Unattached',
      'Loose/App | managed policy Loose/Own',
    ]);
  });

  test('however a policy is attached (props, addManagedPolicy, managedPolicies, from another stack), its principals are named', () => {
    const app = new App();
    const env = { account: ACCOUNT, region: REGION };
    const stack = new Stack(app, 'Loose', { env });
    const policy = new ModelAccessPolicy(stack, 'Access', { models: [FoundationModel.of(TITAN_EMBED_V2)] });
    new iam.Role(stack, 'Listed', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [policy] });
    new iam.Role(stack, 'Added', { assumedBy: new iam.AccountRootPrincipal() }).addManagedPolicy(policy);
    new iam.User(stack, 'Analyst').addManagedPolicy(policy);
    // Same logical ID as a role of the first stack, not attached: must not be mistaken for it.
    new iam.Role(new Stack(app, 'Twin', { env }), 'Listed', { assumedBy: new iam.AccountRootPrincipal() });
    const workload = new Stack(app, 'Workload', { env });
    new iam.Role(workload, 'Cross', { assumedBy: new iam.AccountRootPrincipal() }).addManagedPolicy(policy);
    app.synth();
    expect(ResidencyMap.of(app).routes.map(r => r.principal)).toEqual(['Loose/Added', 'Loose/Analyst', 'Loose/Listed', 'Workload/Cross']);
    // The principal's stack is enough to find the route.
    expect(ResidencyMap.of(workload).routes.map(r => r.principal)).toEqual(['Workload/Cross']);
  });

  test('an inline policy as the grantee: its roles, granted by that policy', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: ACCOUNT, region: REGION } });
    const inline = new iam.Policy(stack, 'Inline', { roles: [new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() })] });
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(inline);
    expect(ResidencyMap.of(app).routes.map(r => `${r.principal} | ${r.grantedBy}`)).toEqual(['Loose/App | inline policy Loose/Inline']);
  });

  test('imported roles, users and groups of the account: their grants and policies are on the map', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: ACCOUNT, region: REGION } });
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(iam.Role.fromRoleName(stack, 'ByName', 'app'));
    const policy = new ModelAccessPolicy(stack, 'Access', { models: [FoundationModel.of(TITAN_EMBED_V2)] });
    policy.attachToRole(iam.Role.fromRoleArn(stack, 'ByArn', `arn:aws:iam::${ACCOUNT}:role/ops`));
    policy.attachToUser(iam.User.fromUserName(stack, 'Alice', 'alice'));
    policy.attachToGroup(iam.Group.fromGroupName(stack, 'Analysts', 'analysts'));
    app.synth();
    expect(ResidencyMap.of(app).routes.map(r => `${r.principal} | ${r.grantedBy}`)).toEqual([
      'Loose/Alice | managed policy Loose/Access',
      'Loose/Analysts | managed policy Loose/Access',
      'Loose/ByArn | managed policy Loose/Access',
      'Loose/ByName | default policy',
    ]);
  });

  test('a Retrieve caller\'s line is where the knowledge base runs and logs, not where the caller is', () => {
    const app = new App();
    const eu = new Stack(app, 'Eu', { env: { account: ACCOUNT, region: REGION } });
    const us = new Stack(app, 'Us', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const kb = new VectorKnowledgeBase(eu, 'Kb', { embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable() });
    new ModelInvocationLogging(us, 'Logging');
    kb.grantRetrieve(new iam.Role(us, 'Reader', { assumedBy: new iam.AccountRootPrincipal(), roleName: 'reader' }));
    const route = routeOf(ResidencyMap.of(app), 'Us/Reader', TITAN_EMBED_V2);
    expect([route.region, route.processedIn, route.loggedTo]).toEqual([REGION, [REGION], []]);
  });

  test('an immutable role keeps no statement (aws-cdk-lib drops it, Allow and Deny alike): no line for it', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: ACCOUNT, region: REGION } });
    const foreign = iam.Role.fromRoleArn(stack, 'Foreign', 'arn:aws:iam::222222222222:role/app');
    const frozen = new iam.Role(stack, 'Frozen', { assumedBy: new iam.AccountRootPrincipal() }).withoutPolicyUpdates();
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(foreign);
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(frozen);
    const guardrail = Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`, guardrailVersion: '2' });
    CrossRegionInferenceProfile.of(Geography.EU, SONNET_45).grantInvoke(foreign, { requireGuardrail: guardrail });
    expect(ResidencyMap.of(app).routes).toEqual([]);
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Policy'))).toEqual([]);
  });

  test('the OpenAI-compatible endpoint: on the map, with its project, its regions, and never in the invocation logs', () => {
    const { app, stack, role } = euLandingZone();
    new OpenAiCompatibleAccessPolicy(stack, 'OpenAi', {
      project: new OpenAiCompatibleProject(stack, 'Project', { projectName: 'claims' }),
      approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
      profiles: [GovernanceProfile.EU_RESIDENCY],
      roles: [role],
    });
    const route = routeOf(ResidencyMap.of(app), 'Base/App', SONNET_45, 'managed policy Base/OpenAi');
    expect([route.through, route.processedIn, route.loggedTo, route.loggingGaps, route.requiredGuardrail, route.enforcedGuardrail]).toEqual([
      `OpenAI-compatible endpoint (bedrock-mantle), project Base/Project, eu cross-region inference profile eu.${SONNET_45}`,
      EU_DESTINATIONS_FROM_FRANKFURT, [],
      ['invocation logging does not cover the OpenAI-compatible endpoint (CloudTrail records the calls, not their prompts)'],
      undefined, undefined,
    ]);
  });

  test('provisioned throughput created here: processed in its stack\'s region', () => {
    const { app, stack, role } = euLandingZone();
    new ProvisionedThroughput(stack, 'Pt', {
      provisionedModelName: 'claims-pt', model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(TITAN_EMBED_V2)), modelUnits: 1,
    }).grantInvoke(role);
    const route = routeOf(ResidencyMap.of(app), 'Base/App', 'Base/Pt', 'default policy');
    expect([route.through, route.processedIn, route.outsideAllowedRegions]).toEqual(['provisioned throughput Base/Pt', [REGION], []]);
  });

  test('logging that leaves out data types says so on every line', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: ACCOUNT, region: REGION } });
    new ModelInvocationLogging(stack, 'Logging', { textDataDelivery: false, embeddingDataDelivery: false });
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(ResidencyMap.of(app).routes.map(r => r.loggingGaps)).toEqual([['not delivered: text, embedding data']]);
  });

  test('a nested stack deploys where its parent does: the parent\'s logging and landing zone apply', () => {
    const app = new App();
    const parent = new Stack(app, 'Agnostic');
    BedrockLandingZone.governRegion(parent, REGION);
    new ModelInvocationLogging(parent, 'Logging');
    const nested = new NestedStack(parent, 'Nested');
    FoundationModel.of(TITAN_EMBED_V2, { region: REGION }).grantInvoke(new iam.Role(nested, 'App', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(ResidencyMap.of(app).routes.map(r => [r.principal, r.loggedTo.length])).toEqual([['Agnostic/Nested/App', 2]]);
  });

  test('a ModelAccessPolicy attached later, to a role and a user, names both', () => {
    const app = new App();
    const stack = new Stack(app, 'Loose', { env: { account: ACCOUNT, region: REGION } });
    const policy = new ModelAccessPolicy(stack, 'Access', { models: [FoundationModel.of(TITAN_EMBED_V2)] });
    policy.attachToRole(new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() }));
    policy.attachToUser(new iam.User(stack, 'Analyst'));
    expect(ResidencyMap.of(app).routes.map(r => r.principal)).toEqual(['Loose/Analyst', 'Loose/App']);
  });

  test('a profile\'s own ARN routes; only the regions of its models process: US GovCloud from us-gov-east-1', () => {
    const app = new App();
    const stack = new Stack(app, 'Gov', { env: { account: ACCOUNT, region: 'us-gov-east-1' } });
    CrossRegionInferenceProfile.of(Geography.US_GOV, SONNET_45).grantInvoke(new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(ResidencyMap.of(app).routes.map(r => r.processedIn)).toEqual([['us-gov-west-1']]);
  });

  test('of(stack) holds that stack\'s grants only', () => {
    const { app } = euLandingZone();
    const stack = new Stack(app, 'Other', { env: { account: ACCOUNT, region: REGION } });
    FoundationModel.of(TITAN_EMBED_V2).grantInvoke(new iam.Role(stack, 'App', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(ResidencyMap.of(stack).routes.map(r => r.principal)).toEqual(['Other/App']);
    expect(ResidencyMap.of(app).routes.map(r => r.principal)).toEqual(['Base/App', 'Base/App', 'Other/App']);
  });
});

describe('rendered', () => {
  const route: ResidencyRoute = {
    account: ACCOUNT,
    region: REGION,
    principal: 'Base/App',
    grantedBy: 'managed policy Base/Access',
    model: SONNET_45,
    through: `global inference profile global.${SONNET_45}`,
    processedIn: ['any region'],
    allowedRegions: ['eu-central-1'],
    outsideAllowedRegions: ['any region'],
    requiredGuardrail: 'Base/Guardrail (version 2)',
    requiredEndpoints: ['vpce-0runtime'],
    loggedTo: [],
    loggingGaps: [],
  };

  test('as a Mermaid flowchart: the account and region, the principal to the model to where it is processed, and its logging', () => {
    expect(ResidencyMap.fromRoutes([route]).toMermaid().split('\n')).toEqual([
      'flowchart LR',
      `  subgraph env0["account ${ACCOUNT} · ${REGION}"]`,
      '    p0["Base/App"]',
      `    m0["${SONNET_45}<br>global inference profile global.${SONNET_45}"]`,
      '    log0[("NOT LOGGED by this app")]',
      '  end',
      '  r0["processed in<br>any region"]',
      '  p0 -->|"guardrail required, private endpoint only"| m0',
      '  m0 -->|"OUTSIDE allowed regions: any region"| r0',
      '  m0 -.- log0',
    ]);
  });

  test('as a table, one line per route', () => {
    expect(ResidencyMap.fromRoutes([route]).toMarkdownTable().split('\n')).toEqual([
      '| account | region | principal | granted by | model | through | processed in | allowed regions | guardrail | endpoints | logged to |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      `| ${ACCOUNT} | ${REGION} | Base/App | managed policy Base/Access | ${SONNET_45} | global inference profile global.${SONNET_45} | ` +
      'any region **outside the allowed regions: any region** | eu-central-1 | required: Base/Guardrail (version 2) | vpce-0runtime | **not logged by this app** |',
    ]);
  });

  test('a quote, a bar, a line break or markup in a name cannot end a label, a cell or a row', () => {
    const odd = { ...route, principal: 'Base/"App"|x\n<img src=x>#1' };
    const map = ResidencyMap.fromRoutes([odd]);
    expect(map.toMermaid()).toContain('p0["Base/#quot;App#quot;|x &lt;img src=x&gt;#35;1"]');
    expect(map.toMarkdownTable()).toContain('| Base/"App"\\|x &lt;img src=x&gt;#1 |');
  });

  test('two routes to one model that go to other regions are two nodes', () => {
    const west = { ...route, principal: 'Base/West', processedIn: ['eu-west-1'], outsideAllowedRegions: ['eu-west-1'] };
    const mermaid = ResidencyMap.fromRoutes([route, west]).toMermaid();
    expect(mermaid).toContain('  p1 -->|"guardrail required, private endpoint only"| m1');
    expect(mermaid).toContain('  m1 -->|"OUTSIDE allowed regions: eu-west-1"| r1');
  });
});
