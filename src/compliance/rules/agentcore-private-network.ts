import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { flatten, hasPlaceholder } from '../private/values';

/** The network modes each AgentCore resource type may use: VPC, or (for a code interpreter) a sandbox with no network at all. */
const ALLOWED_MODES: Record<string, string[]> = {
  'AWS::BedrockAgentCore::Runtime': ['VPC'],
  'AWS::BedrockAgentCore::Harness': ['VPC'],
  'AWS::BedrockAgentCore::CodeInterpreterCustom': ['VPC', 'SANDBOX'],
  'AWS::BedrockAgentCore::BrowserCustom': ['VPC'],
};

/** AC1: AgentCore runtimes, harnesses, code interpreters and browsers run in VPC mode. */
export const AgentCorePrivateNetwork = defineRule({
  id: 'AC1',
  name: 'AgentCorePrivateNetwork',
  info: 'The AgentCore runtime, harness, code interpreter or browser does not run in VPC network mode (a code interpreter may also use the sandbox).',
  explanation: 'In PUBLIC network mode an agent runtime, its harness, code interpreter or browser reaches the internet directly, outside the ' +
    'VPC\'s security groups, endpoints and flow logs, and the prompts and tool data it handles can leave the governed network. Set ' +
    '`NetworkConfiguration.NetworkMode` to `VPC` with the landing zone\'s private subnets (a code interpreter may instead use `SANDBOX`, which ' +
    'has no network access). A missing network configuration is PUBLIC. The finding names the mode: `Bedrock-AC1[NetworkMode::PUBLIC]`. The ' +
    'synth-time counterpart of Security Hub control BedrockAgentCore.1 (Config rule bedrockagentcore-runtime-private-network-required), ' +
    'extended to the tools.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: Object.keys(ALLOWED_MODES),
  controls: { nist80053r5: ['SC-7', 'SC-7(4)', 'AC-4'], hipaa: ['164.312(e)(1)'], pciDss: ['1.3.1', '1.3.2'], securityHub: ['BedrockAgentCore.1'], wellArchitectedGenAi: ['GENSEC01', 'GENSEC05'] },
  judge(res) {
    // A harness holds its runtime's network under Environment.AgentCoreRuntimeEnvironment.
    const network = res.type === 'AWS::BedrockAgentCore::Harness'
      ? res.properties.Environment?.AgentCoreRuntimeEnvironment?.NetworkConfiguration : res.properties.NetworkConfiguration;
    const mode = flatten(network?.NetworkMode, res.stack) ?? 'PUBLIC';
    if (hasPlaceholder(mode)) return NagRuleCompliance.COMPLIANT;
    return ALLOWED_MODES[res.type].includes(mode) ? NagRuleCompliance.COMPLIANT : [`NetworkMode::${mode}`];
  },
});
