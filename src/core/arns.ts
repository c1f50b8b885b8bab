import { Aws, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Bedrock ARN builders. The partition is always `AWS::Partition` (aws, aws-us-gov, aws-cn), never a
 * hard-coded `aws`.
 */

/** `arn:P:bedrock:REGION::foundation-model/ID`; an empty region gives the region-less (global leg) ARN. */
export function foundationModelArn(region: string, modelId: string): string {
  return `arn:${Aws.PARTITION}:bedrock:${region}::foundation-model/${modelId}`;
}

/** `arn:P:bedrock:REGION:ACCOUNT:<resourceType>/<id>` in the scope's account. */
export function bedrockArn(scope: IConstruct, region: string, resourceType: string, id: string): string {
  return `arn:${Aws.PARTITION}:bedrock:${region}:${Stack.of(scope).account}:${resourceType}/${id}`;
}

/** The parts of a Bedrock ARN known at synth time, or undefined when it is not one. */
export interface ParsedBedrockArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly resourceType: string;
  readonly resourceId: string;
}

const BEDROCK_ARN = /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b):bedrock:([a-z0-9-]*):(\d{12})?:([a-z-]+)\/(.+)$/;

export function parseBedrockArn(arn: string): ParsedBedrockArn | undefined {
  const m = BEDROCK_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], region: m[2], account: m[3] ?? '', resourceType: m[4], resourceId: m[5] };
}
