import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isLoggingDestination } from '../private/app-facts';
import { statementsOf } from '../private/iam';
import { decide } from '../private/policy-evaluator';
import { FOREIGN_ACCOUNT, probeScopeOf } from '../private/probes';
import { BedrockRule } from '../private/rule';
import { referenceOf, flatten } from '../private/values';

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
    // Asked as S3 would: every caller's object reads and writes without TLS are explicitly denied.
    const objects = [`<${res.logicalId}.Arn>/probe`, ...(name ? [`arn:aws:s3:::${name}/probe`] : [])];
    const tlsOnly = policies.some(p => {
      const statements = statementsOf(p.properties.PolicyDocument, res.stack);
      return ['s3:GetObject', 's3:PutObject'].every(action => objects.some(resource =>
        [FOREIGN_ACCOUNT, probeScopeOf(res.stack).account].every(account => decide(statements, {
          action, resource, principal: { type: 'AWS', id: `arn:aws:iam::${account}:role/probe`, account }, context: { 'aws:SecureTransport': 'false' },
        }) === 'explicit-deny')));
    });
    return tlsOnly ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};
