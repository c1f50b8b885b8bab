import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { LOGGING_TYPE } from '../private/app-facts';
import { defineRule } from '../private/rule-definition';
import { isTrue } from '../private/values';

/** LG2: invocation logging delivers text to at least one destination. */
export const InvocationLoggingDelivery = defineRule({
  id: 'LG2',
  name: 'InvocationLoggingDelivery',
  info: 'The model invocation logging configuration does not deliver text data, or has no destination.',
  explanation: 'Prompts and completions are text: with `textDataDeliveryEnabled` off the log records only metadata. The configuration needs ' +
    '`textDataDeliveryEnabled: true` and an `s3Config` or a `cloudWatchConfig`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: [LOGGING_TYPE],
  controls: { nist80053r5: ['AU-2', 'AU-3', 'AU-12'], hipaa: ['164.312(b)'], pciDss: ['10.2', '10.3'], securityHub: [], wellArchitectedGenAi: ['GENSEC03', 'GENOPS03'] },
  judge(res) {
    const config = res.properties.LoggingConfig ?? {};
    const destination = config.s3Config?.bucketName !== undefined || config.cloudWatchConfig?.logGroupName !== undefined;
    return destination && isTrue(config.textDataDeliveryEnabled) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
