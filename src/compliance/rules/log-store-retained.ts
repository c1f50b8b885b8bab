import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isLoggingDestination } from '../private/app-facts';
import { defineRule } from '../private/rule-definition';
import { asArray, numberOf } from '../private/values';

/** LG4: the stores of invocation logs are retained on deletion and keep logs long enough. */
export const LogStoreRetained = defineRule({
  id: 'LG4',
  name: 'LogStoreRetained',
  info: 'The bucket or log group that receives model invocation logs is deleted with the stack, or keeps logs for less than the minimum retention.',
  explanation: 'Audit logs must outlive the stack that wrote them and be kept at least the pack\'s `minimumLogRetention` (default 365 days, PCI DSS 10.7). ' +
    'The store needs `DeletionPolicy: Retain`; a log group\'s `RetentionInDays` and a bucket\'s enabled lifecycle expirations must be at least the ' +
    'minimum. Findings read `Bedrock-LG4[DeletionPolicy]` or `Bedrock-LG4[Retention]`.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::S3::Bucket', 'AWS::Logs::LogGroup'],
  controls: { nist80053r5: ['AU-11', 'AU-9', 'SI-12'], hipaa: ['164.316(b)(2)(i)', '164.312(b)'], pciDss: ['10.7'], securityHub: ['CloudWatch.16'], wellArchitectedGenAi: ['GENSEC03'] },
  appliesTo: (res, context) => isLoggingDestination(context, res),
  judge(res, context) {
    const minimum = context.settings.minimumLogRetentionDays;
    const findings: string[] = [];
    if (res.deletionPolicy !== 'Retain' && res.deletionPolicy !== 'RetainExceptOnCreate') findings.push('DeletionPolicy');
    const tooShort = (days: unknown) => {
      const n = numberOf(days);
      return n !== undefined && n < minimum;
    };
    if (res.type === 'AWS::Logs::LogGroup') {
      if (tooShort(res.properties.RetentionInDays)) findings.push('Retention');
    } else {
      const rules = asArray(res.properties.LifecycleConfiguration?.Rules).filter((r: any) => r.Status !== 'Disabled');
      if (rules.some((r: any) => tooShort(r.ExpirationInDays) || tooShort(r.NoncurrentVersionExpiration?.NoncurrentDays) ||
        tooShort(r.NoncurrentVersionExpirationInDays))) {
        findings.push('Retention');
      }
    }
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
});
