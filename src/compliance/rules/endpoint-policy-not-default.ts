import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { bedrockServiceOf, isInterfaceEndpoint } from './network-endpoints';
import { statementsOf } from '../private/iam';
import { BedrockRule } from '../private/rule';

/** NW2: a Bedrock endpoint has its own policy, not the default allow-all. */
export const EndpointPolicyNotDefault: BedrockRule = {
  id: 'NW2',
  name: 'EndpointPolicyNotDefault',
  info: 'The Bedrock interface endpoint has no policy, or a policy that allows every action on every resource to every principal without a condition.',
  explanation: 'An interface endpoint without a policy allows everything: any principal, from any account, can use it to reach any model. Give it a ' +
    'policy that limits principals (`aws:PrincipalOrgID` or `aws:PrincipalAccount`) and, for the runtime endpoint, the approved models ' +
    '(`BedrockPrivateEndpoints` does).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  controls: {
    nist80053r5: ['AC-3', 'AC-4', 'SC-7'],
    hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
    pciDss: ['1.2.1', '7.2.1'],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC01'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res || !isInterfaceEndpoint(res) || bedrockServiceOf(res) === undefined) return NagRuleCompliance.NOT_APPLICABLE;
    const document = res.properties.PolicyDocument;
    if (!document) return NagRuleCompliance.NON_COMPLIANT;
    const allowAll = statementsOf(document, res.stack).some(s =>
      s.effect === 'Allow' &&
      (s.actions.includes('*') || s.notActions.length > 0) &&
      (s.resources.includes('*') || s.notResources.length > 0) &&
      (s.principal === '*' || s.principal?.AWS === '*') &&
      Object.keys(s.conditions).length === 0);
    return allowAll ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};
