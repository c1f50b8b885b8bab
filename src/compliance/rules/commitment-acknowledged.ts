import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { PROVISIONED_THROUGHPUT_TYPE } from '../private/app-facts';
import { defineRule } from '../private/rule-definition';
import { isTrue } from '../private/values';

/** PT1: a provisioned-throughput commitment is made only with its acknowledgement. */
export const CommitmentAcknowledged = defineRule({
  id: 'PT1',
  name: 'CommitmentAcknowledged',
  info: 'The provisioned throughput has a commitment term without an acknowledgement of its cost.',
  explanation: 'A one- or six-month commitment is billed every hour of the term whether the model is used or not, and the throughput cannot be deleted ' +
    'before the term ends. A `CommitmentDuration` needs `CommitmentAcknowledged: true` (the provisioned-throughput construct\'s acknowledgement prop).',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: [PROVISIONED_THROUGHPUT_TYPE],
  controls: { nist80053r5: ['CM-3', 'SA-2'], hipaa: [], pciDss: [], securityHub: [], wellArchitectedGenAi: ['GENCOST02'] },
  judge(res) {
    const duration = res.properties.CommitmentDuration;
    if (duration === undefined || duration === '' || duration === 'None') return NagRuleCompliance.COMPLIANT;
    return isTrue(res.properties.CommitmentAcknowledged) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
