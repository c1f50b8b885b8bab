import { App, CfnResource, RemovalPolicy, Stack, aws_iam as iam } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode, BedrockLandingZoneErrors } from '../../src/errors';
import { ApplicationInferenceProfile, CrossRegionInferenceProfile, FoundationModel, Geography, ProvisionedModel } from '../../src/models';
import { CommitmentTerm, ProvisionedThroughput, ProvisionedThroughputModel } from '../../src/throughput';
import { ACCOUNT, stackIn } from '../models/fixtures';
import { cfnSchemaFindings, expectValidCloudFormation } from '../support/cfn-schema';
import { errorOf } from '../support/errors';
import { TemplatePolicies, evaluate, identityPoliciesOf } from '../support/iam';
import { checkCompliance } from '../support/nag';

const NOVA_PRO = 'amazon.nova-pro-v1:0';
const model = ProvisionedThroughputModel.foundationModel(FoundationModel.of(NOVA_PRO));

/** The error a function throws (the test fails when it throws nothing). */

function throughputIn(stack: Stack, props: Partial<ConstructorParameters<typeof ProvisionedThroughput>[2]> = {}): ProvisionedThroughput {
  return new ProvisionedThroughput(stack, 'Claims', { model, modelUnits: 2, provisionedModelName: 'claims', ...props });
}

describe('ProvisionedThroughput', () => {
  test('declares the reservation through the waiter provider, named with its units, tagged', () => {
    const stack = stackIn('us-east-1');
    throughputIn(stack, { tags: { Team: 'claims', CostCenter: 'cc-42' } });
    const template = Template.fromStack(stack);
    template.hasResource('Custom::BedrockProvisionedThroughput', {
      Properties: {
        ProvisionedModelName: 'claims-2mu-589252',
        ModelId: NOVA_PRO,
        ModelUnits: 2,
        CommitmentDuration: Match.absent(),
        CommitmentAcknowledged: Match.absent(),
        Tags: [{ key: 'CostCenter', value: 'cc-42' }, { key: 'Team', value: 'claims' }],
        ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BedrockLandingZoneWaiterProviderframeworkonEvent'), 'Arn'] },
      },
      DeletionPolicy: 'Delete',
    });
    // The Provider framework's waiter polls isComplete once a minute for up to two hours.
    const machine = Object.values<any>(template.findResources('AWS::StepFunctions::StateMachine'))[0];
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain('\\"IntervalSeconds\\":60,\\"MaxAttempts\\":120');
    expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    template.resourceCountIs('AWS::Lambda::Function', 5);
  });

  test('a change of model, units or term gives a new name, so a replacement never collides with the old reservation', () => {
    const names = [
      { modelUnits: 2 }, { modelUnits: 3 }, { commitment: CommitmentTerm.ONE_MONTH, acknowledgeCommitmentCost: true },
      { model: ProvisionedThroughputModel.foundationModel(FoundationModel.of('amazon.nova-lite-v1:0')) },
    ].map(props => throughputIn(stackIn('us-east-1'), props).provisionedModelName);
    expect(names).toEqual(['claims-2mu-589252', 'claims-3mu-589252', 'claims-2mu-e753a3', expect.stringMatching(/^claims-2mu-[0-9a-f]{6}$/)]);
    expect(new Set(names).size).toBe(4);
  });

  test('two reservations in a stack share one waiter provider', () => {
    const stack = stackIn('us-east-1');
    throughputIn(stack);
    new ProvisionedThroughput(stack, 'Other', { model, modelUnits: 1 });
    Template.fromStack(stack).resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 5);
  });

  test('a commitment is refused without its acknowledgement, with the estimated cost', () => {
    expect(() => throughputIn(stackIn('us-east-1'), { commitment: CommitmentTerm.SIX_MONTHS, hourlyPricePerModelUnit: 21.18 })).toThrow(
      'ProvisionedThroughput: commitment SixMonths is billed whether the reservation is used or not: about $185536.80 ' +
      '(2 unit(s) x $21.18/hour x 4380 hours). Set acknowledgeCommitmentCost: true to buy it, or remove commitment for hourly billing');
    expect(() => throughputIn(stackIn('us-east-1'), { commitment: CommitmentTerm.ONE_MONTH })).toThrow(
      'ProvisionedThroughput: commitment OneMonth is billed whether the reservation is used or not: ' +
      '2 unit(s) x the hourly price x 730 hours (pass hourlyPricePerModelUnit for the amount).');
  });

  test('an acknowledged commitment is declared and retained on deletion by default', () => {
    const stack = stackIn('us-east-1');
    throughputIn(stack, { commitment: CommitmentTerm.ONE_MONTH, acknowledgeCommitmentCost: true });
    Template.fromStack(stack).hasResource('Custom::BedrockProvisionedThroughput', {
      Properties: Match.objectLike({ CommitmentDuration: 'OneMonth', CommitmentAcknowledged: 'true' }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('removalPolicy overrides the default', () => {
    const stack = stackIn('us-east-1');
    throughputIn(stack, { removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource('Custom::BedrockProvisionedThroughput', { DeletionPolicy: 'Retain' });
  });

  test('bad props are reported together', () => {
    expect(() => throughputIn(stackIn('us-east-1'), {
      modelUnits: 1.5, provisionedModelName: 'no spaces', hourlyPricePerModelUnit: -1, acknowledgeCommitmentCost: true,
    })).toThrow([
      'ProvisionedThroughput:',
      '  - modelUnits is 1.5; a whole number of at least 1 is required',
      "  - provisionedModelName 'no spaces' is not allowed: letters, digits, '_' and '-' (not two in a row), at most 50 characters " +
      '(the deployed name adds -<units>mu-<digest>)',
      '  - hourlyPricePerModelUnit is -1; a positive price in US dollars is required',
      '  - acknowledgeCommitmentCost is true but there is no commitment: remove it, or set commitment',
    ].join('\n'));
  });

  test('an info annotation estimates the hourly and monthly cost', () => {
    const stack = stackIn('us-east-1');
    throughputIn(stack, { hourlyPricePerModelUnit: 21.18, commitment: CommitmentTerm.ONE_MONTH, acknowledgeCommitmentCost: true });
    Annotations.fromStack(stack).hasInfo('/Stack/Claims', 'Provisioned throughput claims-2mu-e753a3: 2 model unit(s) x $21.18/hour = $42.36/hour, ' +
      'about $30922.80 a month; the OneMonth commitment is about $30922.80, spent whether used or not.');
    const other = stackIn('us-east-1');
    throughputIn(other);
    Annotations.fromStack(other).hasInfo('/Stack/Claims', Match.stringLikeRegexp('pass hourlyPricePerModelUnit'));
  });

  describe('IAM, by meaning', () => {
    const stack = stackIn('us-east-1');
    const throughput = throughputIn(stack);
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    throughput.grantInvoke(role);
    const crId = stack.resolve((throughput.resource.node.defaultChild as CfnResource).logicalId);
    const pmArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc123`;

    test('grantInvoke allows both invoke actions on the reservation only', async () => {
      const identity = identityPoliciesOf(role, { getAtts: { [`${crId}.ProvisionedModelArn`]: pmArn } });
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: pmArn })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModelWithResponseStream', resource: pmArn })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: pmArn.replace('abc123', 'other') })).toBe('ImplicitlyDenied');
      expect(await evaluate({ identity }, { action: 'bedrock:InvokeModel', resource: `arn:aws:bedrock:us-east-1::foundation-model/${NOVA_PRO}` }))
        .toBe('ImplicitlyDenied');
    });

    test('the handler may create a reservation of this model only, and manage reservations of this account and region only', async () => {
      const template = Template.fromStack(stack).toJSON();
      const policies = new TemplatePolicies(template, {
        region: 'us-east-1',
        accountId: ACCOUNT,
        getAtts: { 'BedrockLandingZoneWaiterProviderLogsA541F153.Arn': `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:waiter` },
      });
      const handlerRole = policies.logicalIdsOfType('AWS::IAM::Role').find(id => id.startsWith('BedrockLandingZoneWaiterProviderHandlerRole'))!;
      const identity = policies.identityPoliciesOf(handlerRole);
      const fm = (id: string) => `arn:aws:bedrock:us-east-1::foundation-model/${id}`;
      expect(await evaluate({ identity }, { action: 'bedrock:CreateProvisionedModelThroughput', resource: fm(NOVA_PRO) })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'bedrock:CreateProvisionedModelThroughput', resource: fm('amazon.nova-lite-v1:0') }))
        .toBe('ImplicitlyDenied');
      expect(await evaluate({ identity }, { action: 'bedrock:DeleteProvisionedModelThroughput', resource: pmArn })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'bedrock:DeleteProvisionedModelThroughput', resource: pmArn.replace('us-east-1', 'eu-west-1') }))
        .toBe('ImplicitlyDenied');
      expect(await evaluate({ identity }, { action: 'bedrock:DeleteCustomModel', resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model/x` }))
        .toBe('ImplicitlyDenied');
    });
  });

  test('is valid CloudFormation by aws-cdk-lib\'s schema validator', () => {
    expect(() => expectValidCloudFormation(throughputIn(stackIn('us-east-1')))).not.toThrow();
  });

  test('the four cdk-nag packs: no violation; each acknowledgement is the Provider framework\'s or the unnameable reservation ARN', () => {
    const stack = stackIn('us-east-1');
    throughputIn(stack);
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    const w = 'Stack/BedrockLandingZoneWaiterProvider';
    const fw = (f: string) => `${w}/Provider/framework-${f}`;
    const byRule = new Map<string, string[]>();
    for (const a of result.acknowledgements) byRule.set(a.id, [...(byRule.get(a.id) ?? []), a.path]);
    const ids = (...l: string[]) => l.sort();
    const inline = ids(...['isComplete', 'onEvent', 'onTimeout'].map(f => `${fw(f)}/ServiceRole/DefaultPolicy/Resource`), `${w}/Provider/waiter-state-machine/Role/DefaultPolicy/Resource`);
    const functions = ids(`${w}/IsComplete/Resource`, `${w}/OnEvent/Resource`, ...['isComplete', 'onEvent', 'onTimeout'].map(f => `${fw(f)}/Resource`));
    const frameworkPolicies = ids(...['isComplete', 'onEvent', 'onTimeout'].map(f => `${fw(f)}/ServiceRole/DefaultPolicy/Resource`));
    const stateMachinePolicy = [`${w}/Provider/waiter-state-machine/Role/DefaultPolicy/Resource`];
    expect(Object.fromEntries(byRule)).toEqual({
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        ids(...['isComplete', 'onEvent', 'onTimeout'].map(f => `${fw(f)}/ServiceRole/Resource`)),
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]': stateMachinePolicy,
      'AwsSolutions::AwsSolutions-IAM5[Resource::<BedrockLandingZoneWaiterProviderframeworkisCompleteA33A41CD.Arn>:*]': stateMachinePolicy,
      'AwsSolutions::AwsSolutions-IAM5[Resource::<BedrockLandingZoneWaiterProviderframeworkonTimeout5498FEC9.Arn>:*]': stateMachinePolicy,
      'AwsSolutions::AwsSolutions-IAM5[Resource::<BedrockLandingZoneWaiterProviderIsComplete1B324328.Arn>:*]': frameworkPolicies,
      'AwsSolutions::AwsSolutions-IAM5[Resource::<BedrockLandingZoneWaiterProviderOnEventC77397A1.Arn>:*]': frameworkPolicies,
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:us-east-1:111111111111:provisioned-model/*]': [`${w}/HandlerPolicy/Resource`],
      'AwsSolutions::AwsSolutions-SF2': [`${w}/Provider/waiter-state-machine/Resource`],
      'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy': inline,
      'HIPAA.Security::HIPAA.Security-LambdaConcurrency': functions,
      'HIPAA.Security::HIPAA.Security-LambdaDLQ': functions,
      'HIPAA.Security::HIPAA.Security-LambdaInsideVPC': functions,
      'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy': inline,
      'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency': functions,
      'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ': functions,
      'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC': functions,
      'PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy': inline,
      'PCI.DSS.321::PCI.DSS.321-LambdaInsideVPC': functions,
    });
    expect(result.acknowledgements.filter(a => a.reason.length < 100)).toEqual([]);
  });
});

describe('what a JavaScript caller can pass untyped, and values Bedrock refuses at deploy', () => {
  test('an inference profile where a foundation model belongs is an error: it would silently reserve the bare model', () => {
    const error = () => ProvisionedThroughputModel.foundationModel(CrossRegionInferenceProfile.of(Geography.US, NOVA_PRO) as any);
    expect(error).toThrow('ProvisionedThroughputModel.foundationModel: model is a CrossRegionInferenceProfile; expected a FoundationModel: ' +
      `provisioned throughput reserves a model in the stack's region, not an inference profile: ProvisionedThroughputModel.foundationModel(FoundationModel.of('${NOVA_PRO}'))`);
    expect(BedrockLandingZoneErrors.codeOf(errorOf(error))).toBe(BedrockLandingZoneErrorCode.PROVISIONED_THROUGHPUT_MODEL_KIND);
  });

  test('any other non-foundation model is an error too: a provisioned model, an application profile, a model ID string', () => {
    const stack = stackIn('us-east-1');
    const provisioned = ProvisionedModel.fromProvisionedModelArn(stack, 'Pm', `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/pm1`);
    const profile = new ApplicationInferenceProfile(stack, 'App', { modelSource: FoundationModel.of(NOVA_PRO) });
    expect(() => ProvisionedThroughputModel.foundationModel(provisioned as any)).toThrow(
      `ProvisionedThroughputModel.foundationModel: model is a ${provisioned.constructor.name}; expected a FoundationModel: FoundationModel.of(modelId)`);
    expect(() => ProvisionedThroughputModel.foundationModel(profile as any)).toThrow(
      'ProvisionedThroughputModel.foundationModel: model is a ApplicationInferenceProfile; expected a FoundationModel: FoundationModel.of(modelId)');
    expect(() => ProvisionedThroughputModel.foundationModel(NOVA_PRO as any)).toThrow(
      `ProvisionedThroughputModel.foundationModel: model is the string '${NOVA_PRO}'; expected a FoundationModel: FoundationModel.of('${NOVA_PRO}')`);
  });

  test('a foundation model fixed to another region is an error: the reservation is made in the stack\'s region', () => {
    expect(() => throughputIn(stackIn('us-east-1'), { model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(NOVA_PRO, { region: 'us-west-2' })) }))
      .toThrow(`ProvisionedThroughput: model ${NOVA_PRO} is fixed to us-west-2, but provisioned throughput is reserved in the stack region us-east-1; ` +
        `allowed: FoundationModel.of('${NOVA_PRO}') or a model fixed to us-east-1`);
  });

  test('a custom model ARN that is not one, or of another region or account, is an error', () => {
    const error = () => ProvisionedThroughputModel.customModel(`arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model-deployment/abc`);
    expect(error).toThrow(`ProvisionedThroughputModel.customModel: customModelArn 'arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model-deployment/abc' ` +
      'is not a custom model ARN; allowed: arn:<partition>:bedrock:<region>:<account>:custom-model/<id>');
    expect(BedrockLandingZoneErrors.codeOf(errorOf(error))).toBe(BedrockLandingZoneErrorCode.PROVISIONED_THROUGHPUT_MODEL_KIND);
    expect(() => ProvisionedThroughputModel.customModel('')).toThrow(
      "ProvisionedThroughputModel.customModel: customModelArn '' is not a custom model ARN; allowed: arn:<partition>:bedrock:<region>:<account>:custom-model/<id>");
    expect(() => ProvisionedThroughputModel.customModel({ customModelArn: 'x' } as any)).toThrow(
      'ProvisionedThroughputModel.customModel: customModelArn is an object; allowed: a custom model ARN string, arn:<partition>:bedrock:<region>:<account>:custom-model/<id>');
    const elsewhere = ProvisionedThroughputModel.customModel('arn:aws:bedrock:eu-west-1:222222222222:custom-model/amazon.nova-pro-v1:0:300k/abc123def456');
    expect(() => throughputIn(stackIn('us-east-1'), { model: elsewhere })).toThrow([
      'ProvisionedThroughput:',
      '  - model arn:aws:bedrock:eu-west-1:222222222222:custom-model/amazon.nova-pro-v1:0:300k/abc123def456 is in eu-west-1, but provisioned throughput is ' +
      'reserved in the stack region us-east-1; allowed: a custom model of us-east-1',
      `  - model arn:aws:bedrock:eu-west-1:222222222222:custom-model/amazon.nova-pro-v1:0:300k/abc123def456 is of account 222222222222, but the stack account is ${ACCOUNT}; ` +
      `allowed: a custom model of account ${ACCOUNT}`,
    ].join('\n'));
    const here = ProvisionedThroughputModel.customModel(`arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model/amazon.nova-pro-v1:0:300k/abc123def456`);
    expect(() => throughputIn(stackIn('us-east-1'), { model: here })).not.toThrow();
  });

  test('a commitment term that is not one of the enum\'s, and tags Bedrock refuses, are errors', () => {
    expect(() => throughputIn(stackIn('us-east-1'), {
      commitment: 'OneYear' as CommitmentTerm,
      acknowledgeCommitmentCost: true,
      tags: { 'cost center!': 'x', 'team': 'a'.repeat(257), 'units': 3 as any },
    })).toThrow([
      'ProvisionedThroughput:',
      "  - commitment is the string 'OneYear'; allowed: CommitmentTerm.NONE, CommitmentTerm.ONE_MONTH, CommitmentTerm.SIX_MONTHS",
      "  - tags key 'cost center!' is not allowed: 1 to 128 letters, digits, spaces and . _ : / = + @ -",
      `  - tags['team'] value '${'a'.repeat(257)}' is not allowed: up to 256 letters, digits, spaces and . _ : / = + @ -`,
      "  - tags['units'] is the number 3; allowed: a string",
    ].join('\n'));
  });
});

describe('application inference profiles cannot copy a provisioned model', () => {
  test('CloudFormation accepts only foundation-model and inference-profile ARNs as the source (schema validator)', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: ACCOUNT, region: 'us-east-1' } });
    new CfnResource(stack, 'Profile', {
      type: 'AWS::Bedrock::ApplicationInferenceProfile',
      properties: { InferenceProfileName: 'p', ModelSource: { CopyFrom: `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc123` } },
    });
    expect(cfnSchemaFindings(stack)).toEqual([expect.stringMatching(
      /^F3018 @ Stack\/Profile: ModelSource: .*provisioned-model\/abc123' does not match pattern .*\(inference-profile\|foundation-model\)/)]);
  });
});
