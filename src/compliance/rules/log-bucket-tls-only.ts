import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isLoggingDestination } from '../private/app-facts';
import { globMatches, statementsOf } from '../private/iam';
import { BedrockRule } from '../private/rule';
import { isFalse, referenceOf, flatten } from '../private/values';

/** LG5: the bucket of invocation logs refuses requests without TLS. */
export const LogBucketTlsOnly: BedrockRule = {
  id: 'LG5',
  name: 'LogBucketTlsOnly',
  info: 'The bucket that receives model invocation logs does not deny requests made without TLS.',
  explanation: 'The bucket policy needs a statement that denies `s3:*` to every principal when `aws:SecureTransport` is false, so prompts and answers are ' +
    'never read or written in clear text. (CloudWatch Logs accepts TLS only: log groups need nothing.)',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  controls: {
    nist80053r5: ['SC-8', 'SC-8(1)', 'SC-13'],
    hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)'],
    pciDss: ['4.1'],
    securityHub: ['S3.5'],
    wellArchitectedGenAi: ['GENSEC03'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res || !isLoggingDestination(context, res)) return NagRuleCompliance.NOT_APPLICABLE;
    const name = flatten(res.properties.BucketName, res.stack);
    const policies = res.stack.ofType('AWS::S3::BucketPolicy').filter(p => {
      const ref = referenceOf(p.properties.Bucket);
      return ref ? ref.logicalId === res.logicalId : name !== undefined && flatten(p.properties.Bucket, res.stack) === name;
    });
    const tlsOnly = policies.some(p => statementsOf(p.properties.PolicyDocument, res.stack).some(s =>
      s.effect === 'Deny' &&
      s.actions.some(a => globMatches(a, 's3:GetObject') && globMatches(a, 's3:PutObject')) &&
      (s.principal === '*' || s.principal?.AWS === '*') &&
      Object.entries(s.conditions).some(([op, keys]) => op === 'Bool' && (keys['aws:securetransport'] ?? []).some(isFalse))));
    return tlsOnly ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
