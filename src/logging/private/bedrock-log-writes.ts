import { Annotations, aws_iam as iam, aws_kms as kms, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * Lets Bedrock write invocation logs under `keyPrefix` of `bucket` (and encrypt them with `bucketKey`),
 * only for the account's own requests (`conditions`: the confused-deputy fence). An imported bucket's
 * policy cannot be changed here: `scope` then gets a warning with the statements to add.
 */
export function allowBedrockLogWrites(scope: Construct, bucket: s3.IBucket, bucketKey: kms.IKey | undefined, keyPrefix: string,
  account: string, conditions: Record<string, unknown>): void {
  const result = bucket.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AmazonBedrockModelInvocationLogs',
    principals: [new iam.ServicePrincipal('bedrock.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [bucket.arnForObjects(`${keyPrefix}/AWSLogs/${account}/BedrockModelInvocationLogs/*`)],
    conditions,
  }));
  if (!result.statementAdded) {
    Annotations.of(scope).addWarningV2('cdk-bedrock-landing-zone:logBucketPolicy',
      'The log bucket is imported, so its policy cannot be changed here: allow bedrock.amazonaws.com s3:PutObject on ' +
      `${keyPrefix}/AWSLogs/<account>/BedrockModelInvocationLogs/* with aws:SourceAccount and aws:SourceArn conditions; ` +
      'if the bucket is encrypted with a KMS key, its key policy must allow bedrock.amazonaws.com kms:GenerateDataKey under the same conditions.');
  }
  bucketKey?.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AmazonBedrockModelInvocationLogs',
    principals: [new iam.ServicePrincipal('bedrock.amazonaws.com')],
    actions: ['kms:GenerateDataKey'],
    resources: ['*'],
    conditions,
  }));
}
