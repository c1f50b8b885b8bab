import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { invokingRoles } from '../private/iam';
import { isBedrockInterfaceEndpoint, vpcOfSubnet, vpcsWithPrivateRuntime } from '../private/network-endpoints';
import { defineRule } from '../private/rule-definition';
import { asArray, isTrue, referenceOf } from '../private/values';

/** NW1: Bedrock callers in a VPC reach Bedrock through a runtime endpoint with private DNS. */
export const RuntimeEndpointPrivateDns = defineRule({
  id: 'NW1',
  name: 'RuntimeEndpointPrivateDns',
  info: 'A Lambda function in a VPC may invoke models but the VPC has no bedrock-runtime interface endpoint with private DNS, or a Bedrock endpoint has private DNS off.',
  explanation: 'Without a `bedrock-runtime` interface endpoint with private DNS, the SDKs resolve the public Bedrock endpoint and prompts leave the VPC ' +
    'through a NAT or internet gateway. The rule reports a Bedrock interface endpoint with `PrivateDnsEnabled` off, and a VPC-attached Lambda ' +
    'function whose role may invoke models when its VPC (a VPC of the same stack) has no such endpoint (`BedrockPrivateEndpoints` creates one).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::EC2::VPCEndpoint', 'AWS::Lambda::Function'],
  controls: { nist80053r5: ['SC-7', 'SC-7(4)', 'AC-4'], hipaa: ['164.312(e)(1)'], pciDss: ['1.3.1', '1.3.2'], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  judge(res) {
    const stack = res.stack;
    if (res.type === 'AWS::EC2::VPCEndpoint') {
      if (!isBedrockInterfaceEndpoint(res)) return NagRuleCompliance.NOT_APPLICABLE;
      return isTrue(res.properties.PrivateDnsEnabled) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    const subnets = asArray(res.properties.VpcConfig?.SubnetIds);
    const role = referenceOf(res.properties.Role);
    if (subnets.length === 0 || !role || !invokingRoles(stack).has(role.logicalId)) return NagRuleCompliance.NOT_APPLICABLE;
    const vpcs = [...new Set(subnets.map(s => vpcOfSubnet(s, stack)))];
    if (vpcs.some(v => v === undefined)) return NagRuleCompliance.NOT_APPLICABLE;
    const served = vpcsWithPrivateRuntime(stack);
    return vpcs.every(v => served.has(v!)) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
