import { CfnElement, Duration, Stack, aws_ec2 as ec2, aws_iam as iam, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import {
  ApprovedModel, BedrockEndpointService, BedrockLandingZone, BedrockLandingZoneProps, DataRetentionMode, GovernanceProfile,
  IBedrockDataRetention, IBedrockPrivateEndpoints, IModelInvocationLogging, IOpenAiCompatibleProject, OpenAiCompatibleAccessPolicy,
} from '../../src';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, fmArn, profileArn, stackIn } from '../models/fixtures';
import { TemplatePolicies, evaluate, identityPoliciesOf } from '../support/iam';

/**
 * Props take the library's interfaces (issue 34: ref-via-interface), so a part of the user's own
 * replaces the library's: each is held to the same checks and the same access rules.
 */

const REGION = 'eu-central-1';
const EU_PROFILE = profileArn(REGION, `eu.${SONNET_45}`);

/** Endpoints created elsewhere (another team's network stack), known by ID. */
class OwnEndpoints extends Construct implements IBedrockPrivateEndpoints {
  public readonly vpc: ec2.IVpc;
  public readonly runtimeEndpoints: ec2.IVpcEndpoint[];
  public readonly vpcEndpointIds: string[];
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: 'vpc-0own', availabilityZones: ['eu-central-1a'], privateSubnetIds: ['subnet-0own'] });
    this.runtimeEndpoints = [ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(this, 'Runtime', { vpcEndpointId: 'vpce-0own', port: 443 })];
    this.vpcEndpointIds = ['vpce-0own'];
  }
  public endpointFor(_service: BedrockEndpointService): ec2.InterfaceVpcEndpoint | undefined {
    return undefined;
  }
}

/** Invocation logging set up by a central team, described by what it keeps. */
class OwnLogging extends Construct implements IModelInvocationLogging {
  public readonly logBucket?: s3.IBucket;
  public readonly logGroupName?: string;
  public readonly expiration?: Duration;
  constructor(scope: Construct, id: string, public readonly logRetention: logs.RetentionDays, public readonly textDataDelivery = true) {
    super(scope, id);
    this.logGroupName = '/central/bedrock-invocations';
  }
}

class OwnRetention extends Construct implements IBedrockDataRetention {
  constructor(scope: Construct, id: string, public readonly mode: DataRetentionMode) {
    super(scope, id);
  }
}

function landingZone(props: (stack: Stack) => Partial<BedrockLandingZoneProps>) {
  const stack = stackIn(REGION);
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  const lz = new BedrockLandingZone(stack, 'Lz', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    applicationRoles: [role],
    profiles: [GovernanceProfile.HIPAA],
    spend: { monthlyLimitUsd: 1000 },
    ...props(stack),
  });
  return { stack, role, lz };
}

describe('a landing zone built on parts of the user\'s own', () => {
  const { stack, role, lz } = landingZone(s => ({
    endpoints: new OwnEndpoints(s, 'Network'),
    invocationLogging: new OwnLogging(s, 'Logging', logs.RetentionDays.SIX_YEARS),
    dataRetention: new OwnRetention(s, 'Retention', DataRetentionMode.NONE),
  }));
  const template = Template.fromStack(stack).toJSON();
  const ids = (type: string) => Object.keys(template.Resources).filter(id => template.Resources[id].Type === type);
  const guardrailArn = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr1`;
  const identity = new TemplatePolicies(template, {
    region: REGION,
    accountId: ACCOUNT,
    getAtts: {
      [`${ids('AWS::Bedrock::Guardrail')[0]}.GuardrailArn`]: guardrailArn,
      [`${ids('AWS::Bedrock::GuardrailVersion')[0]}.Version`]: '1',
      [`${ids('AWS::KMS::Key').find(i => i.startsWith('LzGuardrailKey'))}.Arn`]: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k1`,
    },
  }).identityPoliciesOf(stack.getLogicalId(role.node.defaultChild as CfnElement));
  const invoke = (vpce?: string) => evaluate({ identity }, {
    action: 'bedrock:InvokeModel',
    resource: EU_PROFILE,
    context: { 'aws:ViaAWSService': 'false', 'bedrock:GuardrailIdentifier': `${guardrailArn}:1`, ...(vpce ? { 'aws:SourceVpce': vpce } : {}) },
  });

  test('uses them instead of creating its own', () => {
    expect([lz.endpoints.node.path, lz.invocationLogging.node.path, lz.dataRetention.node.path]).toEqual(['Stack/Network', 'Stack/Logging', 'Stack/Retention']);
    const synthesized = Template.fromStack(stack);
    synthesized.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    synthesized.resourceCountIs('Custom::BedrockModelInvocationLogging', 0);
    synthesized.resourceCountIs('Custom::BedrockDataRetention', 0);
  });

  test('the access policy holds the application role to the user\'s endpoint: another endpoint or the public path is denied', async () => {
    expect(await invoke('vpce-0own')).toBe('Allowed');
    expect(await invoke('vpce-0other')).toBe('ExplicitlyDenied');
    expect(await invoke(undefined)).toBe('ExplicitlyDenied');
    const embed = (vpce?: string) => evaluate({ identity }, {
      action: 'bedrock:InvokeModel', resource: fmArn(REGION, TITAN_EMBED_V2), context: { 'aws:ViaAWSService': 'false', ...(vpce ? { 'aws:SourceVpce': vpce } : {}) },
    });
    expect(await embed('vpce-0own')).toBe('Allowed');
    expect(await embed('vpce-0other')).toBe('ExplicitlyDenied');
  });
});

describe('parts of the user\'s own are held to the profile like the library\'s', () => {
  test('logging kept shorter than the profile requires, or without text, fails synth', () => {
    expect(() => landingZone(s => ({ invocationLogging: new OwnLogging(s, 'Logging', logs.RetentionDays.ONE_MONTH) }))).toThrow(
      /invocationLogging keeps its log group 30 days, but profile hipaa requires at least \d+ days/);
    expect(() => landingZone(s => ({ invocationLogging: new OwnLogging(s, 'Logging', logs.RetentionDays.SIX_YEARS, false) }))).toThrow(
      /invocationLogging does not deliver text \(textDataDelivery: false\), but profile hipaa requires prompts and answers to be logged/);
  });

  test('a retention mode the profile does not allow fails synth', () => {
    expect(() => landingZone(s => ({ dataRetention: new OwnRetention(s, 'Retention', DataRetentionMode.DEFAULT) })))
      .toThrow("BedrockLandingZone: dataRetention sets mode 'default', but profile hipaa allows at most 'aws_review'");
  });

  test('endpoints of the user\'s own without AgentCore, when agentCore is asked: an error that says what to do', () => {
    expect(() => landingZone(s => ({ endpoints: new OwnEndpoints(s, 'Network'), agentCore: true })))
      .toThrow(/agentCore is true but the endpoints given have no AgentCore endpoint/);
  });
});

describe('OpenAiCompatibleAccessPolicy on a project created elsewhere', () => {
  const OWN_PROJECT = `arn:aws:bedrock-mantle:${REGION}:${ACCOUNT}:project/proj_own123`;
  const stack = stackIn(REGION);
  const role = new iam.Role(stack, 'App', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  class ExistingProject extends Construct implements IOpenAiCompatibleProject {
    public readonly projectArn = OWN_PROJECT;
    public readonly projectId = 'proj_own123';
  }
  new OpenAiCompatibleAccessPolicy(stack, 'Access', {
    project: new ExistingProject(stack, 'Project'),
    approvedModels: [ApprovedModel.throughGeography(SONNET_45)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    roles: [role],
  });
  const identity = identityPoliciesOf(role);
  const infer = (resource: string) => evaluate({ identity }, {
    action: 'bedrock-mantle:CreateInference', resource, context: { 'bedrock-mantle:Model': `eu.${SONNET_45}` },
  });

  test('inference on that project with an approved model is allowed; on another project of the account it is not', async () => {
    expect(await infer(OWN_PROJECT)).toBe('Allowed');
    expect(await infer(OWN_PROJECT.replace('proj_own123', 'default'))).toBe('ImplicitlyDenied');
  });
});
