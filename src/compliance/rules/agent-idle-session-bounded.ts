import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule } from '../private/rule-definition';
import { numberOf, referenceOf } from '../private/values';

/** AG3: an agent's idle session timeout is set and bounded. */
export const AgentIdleSessionBounded = defineRule({
  id: 'AG3',
  name: 'AgentIdleSessionBounded',
  info: 'The agent\'s idle session timeout is not set, or is longer than the governance profile allows.',
  explanation: 'An agent keeps a session\'s conversation for `IdleSessionTTLInSeconds` after the last message. Set it explicitly and no longer than ' +
    'the pack\'s `maximumAgentIdleSession` (default 15 minutes, PCI DSS 8.1.8), so an abandoned session cannot be resumed by someone else.',
  defaultLevel: NagMessageLevel.WARN,
  resourceTypes: ['AWS::Bedrock::Agent'],
  controls: { nist80053r5: ['AC-12', 'SC-10'], hipaa: ['164.312(a)(2)(iii)'], pciDss: ['8.1.8'], securityHub: [], wellArchitectedGenAi: ['GENSEC05'] },
  judge(res, context) {
    const value = res.properties.IdleSessionTTLInSeconds;
    if (value === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const seconds = numberOf(value);
    if (seconds === undefined) {
      // A parameter or an import cannot be known at synth.
      return referenceOf(value) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    return seconds <= context.settings.maximumAgentIdleSessionSeconds ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
