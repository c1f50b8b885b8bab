import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Lazy, Stack, Validations, aws_bedrock as bedrock, aws_cloudwatch as cloudwatch, aws_ec2 as ec2, aws_iam as iam, aws_lambda as lambda, aws_logs as logs, aws_opensearchserverless as aoss, aws_s3 as s3, aws_s3vectors as s3vectors, aws_bedrockagentcore as agentcore } from 'aws-cdk-lib';
import { NagMessageLevel } from 'cdk-nag';
import { ACCOUNT, REGION, bedrockFindings } from './helpers';
import { renderRulesMarkdown } from '../../scripts/rules-md/render';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { PiiEntityType } from '../../src/guardrails';
import { Geography } from '../../src/models';
import { SONNET_45, stackIn } from '../models/fixtures';
import { checkCompliance } from '../support/nag';

const PROFILE = {
  approvedModels: [SONNET_45],
  // GLOBAL is approved so that the global profile breaks MD3 only (with residency on, MD3 still refuses it).
  approvedGeographies: [Geography.EU, Geography.GLOBAL],
  requiredPiiEntities: [PiiEntityType.CREDIT_DEBIT_CARD_NUMBER],
  requireBudget: true,
};

/** One stack that breaks every rule of the pack once. */
function canary(): Stack {
  const stack = stackIn(REGION);
  const lambdaTrust = { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
  // GR1 (no key), GR2 (no prompt attack filter), GR4 (no PII); GR3 for one category only.
  new bedrock.CfnGuardrail(stack, 'Guardrail', {
    name: 'g',
    blockedInputMessaging: 'n',
    blockedOutputsMessaging: 'n',
    contentPolicyConfig: { filtersConfig: ['SEXUAL', 'VIOLENCE', 'INSULTS', 'MISCONDUCT'].map(type => ({ type, inputStrength: 'HIGH', outputStrength: 'HIGH' })) },
  });
  // AG1 (no guardrail), AG2 (no key), AG3 (no idle timeout)
  new bedrock.CfnAgent(stack, 'Agent', { agentName: 'a', foundationModel: `eu.${SONNET_45}` });
  // GR5: the enforced configuration at DRAFT
  new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'Enforced', {
    guardrailIdentifier: `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/abc`,
    guardrailVersion: 'DRAFT',
    modelEnforcement: { includedModels: ['amazon.titan-text-express-v1'], excludedModels: [] },
  });
  // KB1, KB2, KB3, KB4
  new bedrock.CfnDataSource(stack, 'DataSource', { name: 'ds', knowledgeBaseId: 'KB', dataSourceConfiguration: { type: 'S3', s3Configuration: { bucketArn: 'arn:aws:s3:::docs' } } });
  new s3vectors.CfnVectorBucket(stack, 'Vectors', {});
  new aoss.CfnSecurityPolicy(stack, 'Network', { name: 'n', type: 'network', policy: JSON.stringify([{ Rules: [], AllowFromPublic: true }]) });
  new aoss.CfnSecurityPolicy(stack, 'Encryption', { name: 'e', type: 'encryption', policy: JSON.stringify({ Rules: [], AWSOwnedKey: true }) });
  // MD1 (unapproved model), MD2 (US profile), MD3 (global profile)
  new bedrock.CfnApplicationInferenceProfile(stack, 'Unapproved', { inferenceProfileName: 'u', modelSource: { copyFrom: `arn:aws:bedrock:${REGION}::foundation-model/amazon.nova-pro-v1:0` } });
  new bedrock.CfnApplicationInferenceProfile(stack, 'UsProfile', { inferenceProfileName: 'us', modelSource: { copyFrom: `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/us.${SONNET_45}` } });
  new bedrock.CfnApplicationInferenceProfile(stack, 'GlobalProfile', { inferenceProfileName: 'g', modelSource: { copyFrom: `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/global.${SONNET_45}` } });
  // IAM1, IAM5 (a separate admin role: no invoke grant)
  new iam.CfnRole(stack, 'Admin', {
    assumeRolePolicyDocument: lambdaTrust,
    policies: [{ policyName: 'admin', policyDocument: { Statement: [{ Effect: 'Allow', Action: ['bedrock:PutFoundationModelEntitlement', 'bedrock:CallWithBearerToken'], Resource: '*' }] } }],
  });
  // IAM2 and IAM3 (Resource "*", no guardrail), LG1 and DR1 (no logging, no data retention mode in this account and region); NW1 (the function's VPC has no runtime endpoint)
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
  const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
  const fnRole = new iam.CfnRole(stack, 'FnRole', { assumeRolePolicyDocument: lambdaTrust });
  new iam.CfnPolicy(stack, 'Invoke', {
    policyName: 'invoke',
    roles: [fnRole.ref],
    policyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] },
  });
  new lambda.CfnFunction(stack, 'Fn', { role: fnRole.attrArn, code: { zipFile: 'x' }, runtime: 'nodejs22.x', handler: 'index.handler', vpcConfig: { subnetIds: [subnet.ref] } });
  // IAM4
  new iam.CfnRole(stack, 'KbRole', { assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }] } });
  // NW2 (default policy) on a control-plane endpoint with private DNS
  new ec2.CfnVPCEndpoint(stack, 'ControlPlane', { vpcId: vpc.ref, serviceName: `com.amazonaws.${REGION}.bedrock`, vpcEndpointType: 'Interface', privateDnsEnabled: true });
  // LG2 (text off), LG3, LG4 and LG5 on its bucket, in another account
  const logging = new Stack(stack.node.root, 'Logging', { env: { account: '222222222222', region: REGION } });
  const bucket = new s3.CfnBucket(logging, 'Bucket', {});
  new CfnResource(logging, 'Config', {
    type: 'Custom::BedrockModelInvocationLogging',
    properties: { ServiceToken: 'arn', LoggingConfig: { s3Config: { bucketName: bucket.ref }, textDataDeliveryEnabled: false } },
  });
  new logs.CfnLogGroup(logging, 'NotALogDestination', { retentionInDays: 1 });
  // MN1 (no delivery-failure alarm for the bucket), MN2 (an alarm on a Bedrock metric that tells nobody)
  new cloudwatch.CfnAlarm(logging, 'SilentAlarm', {
    namespace: 'AWS/Bedrock', metricName: 'InvocationThrottles', statistic: 'Sum', period: 300, threshold: 1, comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1,
  });
  // AC1 (public runtime), AC2 (gateway without authorizer), AC3 (memory on an AWS owned key)
  new agentcore.CfnRuntime(stack, 'Runtime', {
    agentRuntimeName: 'r',
    roleArn: 'arn:aws:iam::111111111111:role/r',
    agentRuntimeArtifact: { containerConfiguration: { containerUri: '111111111111.dkr.ecr.eu-central-1.amazonaws.com/agent:1' } },
    networkConfiguration: { networkMode: 'PUBLIC' },
  });
  new agentcore.CfnGateway(stack, 'Gateway', { name: 'g', roleArn: 'arn:aws:iam::111111111111:role/g', authorizerType: 'NONE', kmsKeyArn: 'arn:aws:kms:eu-central-1:111111111111:key/k' });
  new agentcore.CfnMemory(stack, 'Memory', { name: 'm', eventExpiryDuration: 30 });
  // PT1
  new CfnResource(stack, 'Throughput', {
    type: 'Custom::BedrockProvisionedThroughput',
    properties: { ServiceToken: 'arn', ProvisionedModelName: 'pt', ModelId: SONNET_45, ModelUnits: 1, CommitmentDuration: 'SixMonths' },
  });
  // FL1: a flow whose prompt node names no guardrail
  new bedrock.CfnFlow(stack, 'Flow', {
    name: 'f',
    executionRoleArn: 'arn:aws:iam::111111111111:role/f',
    definition: {
      nodes: [{
        name: 'answer',
        type: 'Prompt',
        configuration: {
          prompt: {
            sourceConfiguration: {
              inline: { modelId: `eu.${SONNET_45}`, templateType: 'TEXT', templateConfiguration: { text: { text: '{{q}}' } } },
            },
          },
        },
      }],
    },
  });
  // PK1: a resource whose properties cannot be resolved
  unrenderable(stack, 'Unreadable');
  // SP1 (Amazon Bedrock alone), SP2 (to a clear-text topic), SP3 (the execution role attaches any policy).
  const clearTopic = new CfnResource(stack, 'SpendTopic', { type: 'AWS::SNS::Topic', properties: {} });
  new CfnResource(stack, 'SpendBudget', {
    type: 'AWS::Budgets::Budget',
    properties: {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 100, Unit: 'USD' },
        FilterExpression: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Bedrock'], MatchOptions: ['EQUALS'] } },
      },
      NotificationsWithSubscribers: [{
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80 },
        Subscribers: [{ SubscriptionType: 'SNS', Address: clearTopic.ref }],
      }],
    },
  });
  const stopRole = new iam.CfnRole(stack, 'SpendStopRole', {
    assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: `arn:aws:iam::${ACCOUNT}:role/app` }] } }],
  });
  new CfnResource(stack, 'SpendStop', {
    type: 'AWS::Budgets::BudgetsAction',
    properties: {
      BudgetName: 'b',
      ActionType: 'APPLY_IAM_POLICY',
      NotificationType: 'ACTUAL',
      ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
      ExecutionRoleArn: stopRole.attrArn,
      Definition: { IamActionDefinition: { PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/stop`, Roles: ['app'] } },
      Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }],
    },
  });
  return stack;
}

/** A guardrail whose blocked-input message throws when resolved: nothing of it can be rendered. */
function unrenderable(stack: Stack, id: string): bedrock.CfnGuardrail {
  return new bedrock.CfnGuardrail(stack, id, {
    name: 'u',
    blockedInputMessaging: Lazy.string({ produce: () => { throw new Error('the message is not ready [at synth]'); } }),
    blockedOutputsMessaging: 'n',
  });
}

describe('BedrockGovernanceChecks', () => {
  test('the canary stack breaks every rule once', () => {
    const findings = bedrockFindings(canary(), PROFILE);
    expect(findings).toEqual([
      'Bedrock-AC1[NetworkMode::PUBLIC] @ Stack/Runtime',
      'Bedrock-AC2 @ Stack/Gateway',
      'Bedrock-AC3 @ Stack/Memory',
      'Bedrock-AG1 @ Stack/Agent',
      'Bedrock-AG2 @ Stack/Agent',
      'Bedrock-AG3 @ Stack/Agent',
      'Bedrock-DR1 @ Stack/Invoke',
      'Bedrock-FL1[Node::answer] @ Stack/Flow',
      'Bedrock-GR1 @ Stack/Guardrail',
      'Bedrock-GR2 @ Stack/Guardrail',
      'Bedrock-GR3[HATE] @ Stack/Guardrail',
      'Bedrock-GR4[CREDIT_DEBIT_CARD_NUMBER] @ Stack/Guardrail',
      'Bedrock-GR5 @ Stack/Enforced',
      'Bedrock-IAM1[Statement::1::Action::bedrock:PutFoundationModelEntitlement] @ Stack/Admin',
      'Bedrock-IAM2[Statement::1::Resource::*] @ Stack/Invoke',
      'Bedrock-IAM3[Statement::1::Guardrail::none] @ Stack/Invoke',
      'Bedrock-IAM4[Statement::1] @ Stack/KbRole',
      'Bedrock-IAM5[Statement::1::Action::bedrock:CallWithBearerToken] @ Stack/Admin',
      'Bedrock-KB1 @ Stack/DataSource',
      'Bedrock-KB2 @ Stack/Vectors',
      'Bedrock-KB3 @ Stack/Network',
      'Bedrock-KB4 @ Stack/Encryption',
      'Bedrock-LG1 @ Stack/Invoke',
      'Bedrock-LG2 @ Logging/Config',
      'Bedrock-LG3 @ Logging/Bucket',
      'Bedrock-LG4[DeletionPolicy] @ Logging/Bucket',
      'Bedrock-LG5 @ Logging/Bucket',
      // Resource "*" lets any model through, anywhere: the model and residency rules say so too.
      'Bedrock-MD1[Statement::1::Resource::*] @ Stack/Invoke',
      'Bedrock-MD1[amazon.nova-pro-v1:0] @ Stack/Unapproved',
      'Bedrock-MD2[Geography::us] @ Stack/UsProfile',
      'Bedrock-MD2[Statement::1::Geography::*] @ Stack/Invoke',
      'Bedrock-MD2[Statement::1::Region::*] @ Stack/Invoke',
      `Bedrock-MD3[Profile::global.${SONNET_45}] @ Stack/GlobalProfile`,
      'Bedrock-MD3[Statement::1::Profile::global] @ Stack/Invoke',
      'Bedrock-MD3[Statement::1::RegionlessModel] @ Stack/Invoke',
      'Bedrock-MN1[S3] @ Logging/Config',
      'Bedrock-MN2[NoAction] @ Logging/SilentAlarm',
      'Bedrock-NW1 @ Stack/Fn',
      'Bedrock-NW2 @ Stack/ControlPlane',
      'Bedrock-PK1[Render::the message is not ready (at synth)] @ Stack/Unreadable',
      'Bedrock-PT1 @ Stack/Throughput',
      'Bedrock-SP1 @ Stack/SpendBudget',
      'Bedrock-SP2[Topic::SpendTopic] @ Stack/SpendBudget',
      'Bedrock-SP3[OtherPolicy] @ Stack/SpendStop',
      // The only budget misses Marketplace, so it covers no model access.
      'Bedrock-SP4 @ Stack/Invoke',
    ]);
    const ruleIds = [...new Set(findings.map(f => /^Bedrock-([A-Z]+\d+)/.exec(f)![1]))].sort();
    expect(ruleIds).toEqual(BedrockGovernanceChecks.allRuleIds().sort());
  });

  test('fails closed: a resource it cannot render is an error with its path and the reason, and no other rule passes it', () => {
    const stack = stackIn(REGION);
    unrenderable(stack, 'Unreadable');
    const report = new BedrockGovernanceChecks(undefined, PROFILE).validateScope(stack.node.root);
    expect(report.violations.map(v => ({ rule: v.ruleName, severity: v.severity, paths: v.violatingResources.map(r => r.constructPath) }))).toEqual([
      { rule: 'Bedrock-PK1[Render::the message is not ready (at synth)]', severity: 'error', paths: ['Stack/Unreadable'] },
    ]);
    // The same guardrail, renderable, breaks GR1, GR2 and GR3: PK1 takes their place, it does not hide them silently.
    const control = stackIn(REGION);
    new bedrock.CfnGuardrail(control, 'Readable', { name: 'u', blockedInputMessaging: 'n', blockedOutputsMessaging: 'n' });
    expect(bedrockFindings(control, PROFILE)).toEqual([
      'Bedrock-GR1 @ Stack/Readable', 'Bedrock-GR2 @ Stack/Readable',
      ...['HATE', 'INSULTS', 'MISCONDUCT', 'SEXUAL', 'VIOLENCE'].map(t => `Bedrock-GR3[${t}] @ Stack/Readable`),
      'Bedrock-GR4[CREDIT_DEBIT_CARD_NUMBER] @ Stack/Readable',
    ]);
  });

  test('the library\'s INTERNAL error (aws-cdk-lib no longer renders through _toCloudFormation) stops the validation instead of becoming a finding', () => {
    const stack = stackIn(REGION);
    const guardrail = new bedrock.CfnGuardrail(stack, 'Guardrail', { name: 'g', blockedInputMessaging: 'n', blockedOutputsMessaging: 'n' });
    Object.defineProperty(guardrail, '_toCloudFormation', { value: undefined });
    expect(() => new BedrockGovernanceChecks(undefined, PROFILE).validateScope(stack.node.root))
      .toThrow(/internal: aws-cdk-lib no longer renders Stack\/Guardrail through _toCloudFormation/);
  });

  test('rule levels: each rule\'s default, overridden by ruleLevels (with or without the pack prefix)', () => {
    const stack = stackIn(REGION);
    new bedrock.CfnAgent(stack, 'Agent', { agentName: 'a', guardrailConfiguration: { guardrailIdentifier: 'g', guardrailVersion: '1' } });
    const levels = (props = {}) => Object.fromEntries(new BedrockGovernanceChecks(undefined, props).validateScope(stack.node.root).violations
      .map(v => [v.ruleName, v.severity]));
    expect(levels()).toEqual({ 'Bedrock-AG2': 'error', 'Bedrock-AG3': 'warning' });
    expect(levels({ ruleLevels: { 'AG2': NagMessageLevel.WARN, 'Bedrock-AG3': NagMessageLevel.ERROR } })).toEqual({ 'Bedrock-AG2': 'warning', 'Bedrock-AG3': 'error' });
    expect(() => new BedrockGovernanceChecks(undefined, { ruleLevels: { GR9: NagMessageLevel.WARN } })).toThrow(/ruleLevels names 'GR9', which is not a rule of the pack/);
  });

  test('through the validation framework: findings fail synth, and an acknowledgement in the prefixed form is recorded with its reason', () => {
    const stack = stackIn(REGION);
    const agent = new bedrock.CfnAgent(stack, 'Agent', {
      agentName: 'a', guardrailConfiguration: { guardrailIdentifier: 'g', guardrailVersion: '1' }, idleSessionTtlInSeconds: 600,
    });
    new bedrock.CfnAgent(stack, 'Other', { agentName: 'o', guardrailConfiguration: { guardrailIdentifier: 'g', guardrailVersion: '1' }, idleSessionTtlInSeconds: 600 });
    Validations.of(agent).acknowledge({ id: 'Bedrock::Bedrock-AG2', reason: 'The agent holds no customer data; its key is AWS owned by decision RISK-42.' });
    const result = checkCompliance(stack, [new BedrockGovernanceChecks(stack.node.root)]);
    expect(result.violations.filter(v => v.startsWith('Bedrock-'))).toEqual(['Bedrock-AG2 @ Stack/Other']);
    expect(result.acknowledgements.filter(a => a.id.startsWith('Bedrock::')).map(a => `${a.id} @ ${a.path}: ${a.reason}`)).toEqual([
      'Bedrock::Bedrock-AG2 @ Stack/Agent: The agent holds no customer data; its key is AWS owned by decision RISK-42.',
    ]);
  });

  test('LG1 is acknowledged by its rule ID; a finding that names a statement by its full ID', () => {
    const stack = stackIn(REGION);
    const invoke = { Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' };
    const baseline = new iam.CfnManagedPolicy(stack, 'ByRule', { policyDocument: { Statement: [invoke] } });
    const exact = new iam.CfnManagedPolicy(stack, 'ByFinding', { policyDocument: { Statement: [invoke] } });
    new iam.CfnManagedPolicy(stack, 'NotAcknowledged', { policyDocument: { Statement: [invoke] } });
    Validations.of(baseline).acknowledge({ id: 'Bedrock::Bedrock-LG1', reason: 'Logging is configured by the account-baseline app.' });
    Validations.of(exact).acknowledge({ id: 'Bedrock::Bedrock-IAM2[Sid::Invoke::Resource::*]', reason: 'A break-glass role of the platform team.' });
    const result = checkCompliance(stack, [new BedrockGovernanceChecks(stack.node.root, { requireGuardrailOnInvoke: false })]);
    // LG1 without logging is one finding per resource, so an account baseline of another app is acknowledged by the rule ID.
    expect(result.violations.filter(v => v.startsWith('Bedrock-LG1'))).toEqual(['Bedrock-LG1 @ Stack/ByFinding', 'Bedrock-LG1 @ Stack/NotAcknowledged']);
    // A finding that names a statement is acknowledged by its full ID only.
    expect(result.violations.filter(v => v.startsWith('Bedrock-IAM2'))).toEqual(['Bedrock-IAM2[Sid::Invoke::Resource::*] @ Stack/ByRule', 'Bedrock-IAM2[Sid::Invoke::Resource::*] @ Stack/NotAcknowledged']);
  });

  test('every rule has a unique ID, a one-sentence info, an explanation, resource types and controls', () => {
    const ids = BedrockGovernanceChecks.allRuleIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });

  test('RULES.md is the generated table (run npx tsx scripts/rules-md/generate.ts after changing a rule)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    expect(committed).toEqual(renderRulesMarkdown());
  });
});
