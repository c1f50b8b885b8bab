import { CfnElement, Stack, aws_bedrockagentcore as agentcore, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { Guardrail } from '../../src/guardrails';
import { CrossRegionInferenceProfile, Geography } from '../../src/models';
import { BedrockPrivateEndpoints } from '../../src/network';
import { ACCOUNT, EU_DESTINATIONS_FROM_FRANKFURT, SONNET_45, fmArn, profileArn, stackIn } from '../models/fixtures';
import { evaluate, identityPoliciesOf } from '../support/iam';
import { checkCompliance } from '../support/nag';

/**
 * An agent on Amazon Bedrock AgentCore gets model access like any other workload: the L2 `Runtime`
 * is grantable, so `grantInvoke` writes the residency-aware grant with the guardrail and endpoint
 * requirements onto the runtime's execution role. The IAM simulator says what that role can do.
 */
const REGION = 'eu-central-1';
const GUARDRAIL_ARN = `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/gr123`;
const PROFILE = profileArn(REGION, `eu.${SONNET_45}`);

function agent(): { stack: Stack; runtime: agentcore.Runtime; endpoints: BedrockPrivateEndpoints } {
  const stack = stackIn(REGION);
  const model = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
  const guardrail = Guardrail.fromGuardrailAttributes(stack, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '2' });
  const endpoints = new BedrockPrivateEndpoints(stack, 'Endpoints', { models: [model], guardrails: [guardrail] });
  const runtime = new agentcore.Runtime(stack, 'Agent', {
    runtimeName: 'claims_agent',
    agentRuntimeArtifact: agentcore.AgentRuntimeArtifact.fromImageUri(`${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/agent:1`),
    networkConfiguration: agentcore.RuntimeNetworkConfiguration.usingVpc(stack, {
      vpc: endpoints.vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    }),
  });
  model.grantInvoke(runtime, { requireGuardrail: guardrail, requireVpcEndpoints: endpoints.runtimeEndpoints });
  return { stack, runtime, endpoints };
}

describe('an AgentCore runtime\'s model access', () => {
  test('through the EU profile, with the guardrail, through the landing zone\'s endpoint: allowed; without either, or elsewhere: denied', async () => {
    const { stack, runtime, endpoints } = agent();
    const endpointId = stack.resolve((endpoints.runtimeEndpoint.node.defaultChild as CfnElement).logicalId) as string;
    const identity = identityPoliciesOf(runtime.role, { refs: { [endpointId]: 'vpce-0runtime' } });
    // A call of the agent's own (not one AWS makes for it), through the endpoint, with the guardrail.
    const guarded = { 'bedrock:GuardrailIdentifier': `${GUARDRAIL_ARN}:2`, 'aws:SourceVpce': 'vpce-0runtime', 'aws:ViaAWSService': 'false' };
    const ask = (resource: string, context: Record<string, string>) => evaluate({ identity }, { action: 'bedrock:InvokeModel', resource, context });
    expect(await ask(PROFILE, guarded)).toBe('Allowed');
    for (const destination of EU_DESTINATIONS_FROM_FRANKFURT) {
      expect([destination, await ask(fmArn(destination, SONNET_45), { ...guarded, 'bedrock:InferenceProfileArn': PROFILE })]).toEqual([destination, 'Allowed']);
    }
    expect(await ask(PROFILE, { 'aws:SourceVpce': 'vpce-0runtime', 'aws:ViaAWSService': 'false' })).toBe('ExplicitlyDenied');
    expect(await ask(PROFILE, { ...guarded, 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${REGION}:${ACCOUNT}:guardrail/weak:1` })).toBe('ExplicitlyDenied');
    expect(await ask(PROFILE, { ...guarded, 'aws:SourceVpce': 'vpce-0elsewhere' })).toBe('ExplicitlyDenied');
    expect(await ask(fmArn('us-east-1', SONNET_45), { ...guarded, 'bedrock:InferenceProfileArn': profileArn('us-east-1', `us.${SONNET_45}`) })).toBe('ImplicitlyDenied');
    expect(await ask(profileArn(REGION, `global.${SONNET_45}`), guarded)).toBe('ImplicitlyDenied');
  });

  test('the agent passes the Bedrock pack: its grant is judged like any other (IAM2, IAM3, MD1-MD3), its runtime is in VPC mode (AC1)', () => {
    const { stack } = agent();
    const result = checkCompliance(stack, [new BedrockGovernanceChecks(stack.node.root, {
      approvedModels: [SONNET_45], approvedGeographies: [Geography.EU],
    })]);
    // No invocation logging and no data retention setting in this stack (a landing zone has both): the only
    // findings, on the agent's grant.
    expect(result.violations.filter(v => v.startsWith('Bedrock-'))).toEqual([
      'Bedrock-DR1 @ Stack/Agent/ExecutionRole/DefaultPolicy/Resource',
      'Bedrock-LG1 @ Stack/Agent/ExecutionRole/DefaultPolicy/Resource',
    ]);
  });
});
