import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { isLoggingDestination } from '../private/app-facts';
import { documentVariants } from '../private/iam';
import { decide } from '../private/policy-evaluator';
import { FOREIGN_ACCOUNT, PRINCIPAL_KEYS, principalContext, probeScopeOf } from '../private/probes';
import { defineRule } from '../private/rule-definition';
import { referenceOf, flatten } from '../private/values';

/** LG5: the bucket of invocation logs refuses requests without TLS. */
export const LogBucketTlsOnly = defineRule({
  id: 'LG5',
  name: 'LogBucketTlsOnly',
  info: 'The bucket that receives model invocation logs does not deny requests made without TLS.',
  explanation: 'The bucket policy needs a statement that denies `s3:*` to every principal when `aws:SecureTransport` is false, so prompts and answers are ' +
    'never read or written in clear text. (CloudWatch Logs accepts TLS only: log groups need nothing.) The rule asks the policy, as S3 ' +
    'would, whether object reads and writes without TLS are explicitly denied to a principal of the account and of another account, in ' +
    'every `Fn::If` branch; a Deny that also asks for something the caller can avoid, a policy created under a condition, and a second ' +
    'policy resource for the same bucket (`Bedrock-LG5[MultiplePolicies]`: one replaces the other) do not count.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::S3::Bucket'],
  controls: { nist80053r5: ['SC-8', 'SC-8(1)', 'SC-13'], hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)'], pciDss: ['4.1'], securityHub: ['S3.5'], wellArchitectedGenAi: ['GENSEC03'] },
  appliesTo: (res, context) => isLoggingDestination(context, res),
  judge(res) {
    const name = flatten(res.properties.BucketName, res.stack);
    const policies = res.stack.ofType('AWS::S3::BucketPolicy').filter(p => {
      const ref = referenceOf(p.properties.Bucket);
      return ref ? ref.logicalId === res.logicalId : name !== undefined && flatten(p.properties.Bucket, res.stack) === name;
    });
    // A bucket has one policy: two policy resources replace each other, so neither can be counted on.
    if (policies.length > 1) return ['MultiplePolicies'];
    // Asked as S3 would: every caller's object reads and writes without TLS are explicitly denied, in
    // every variant of the policy, whatever else a Deny's conditions ask (a condition the caller can
    // meet does not trigger a Deny). A conditional policy may not exist.
    const objects = [`<${res.logicalId}.Arn>/probe`, `arn:aws:s3:::<${res.logicalId}>/probe`, ...(name ? [`arn:aws:s3:::${name}/probe`] : [])];
    const scope = probeScopeOf(res.stack);
    const tlsOnly = policies.some(p => p.condition === undefined && documentVariants(p.properties.PolicyDocument, res.stack).every(statements =>
      ['s3:GetObject', 's3:PutObject'].every(action => objects.some(resource =>
        [FOREIGN_ACCOUNT, scope.account].every(account => decide(statements, {
          action,
          resource,
          principal: { type: 'AWS', id: `arn:aws:iam::${account}:role/probe`, account },
          context: { ...principalContext(account, 'o-probe'), 'aws:SecureTransport': 'false' },
          decidedKeys: ['aws:SecureTransport', ...PRINCIPAL_KEYS],
        }) === 'explicit-deny')))));
    return tlsOnly ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
});
