/**
 * CloudFormation's per-template quotas (AWS CloudFormation User Guide, "CloudFormation quotas",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
 */
export const CLOUDFORMATION_LIMITS = {
  /** Template body uploaded through S3 (what `cdk deploy` and StackSets do), in bytes */
  templateBytes: 1_048_576,
  /** Template body passed directly in the API request, in bytes (for reference; the CDK uploads through S3) */
  templateBodyBytes: 51_200,
  /** Resources per stack */
  resources: 500,
  /** Outputs per stack */
  outputs: 200,
  /** Parameters per stack */
  parameters: 200,
} as const;

/** The budgets of issue 12 that `npm run bench` enforces. */
export const BUDGETS = {
  /** Time per baseline at the largest size at most this many times the time per baseline at the reference size */
  maxPerBaselineGrowth: 1.5,
  /** The sizes the linear-growth budget compares */
  growthReferenceSize: 4,
  growthLargeSize: 64,
  /** Lambda functions allowed in an account baseline stack */
  maxLambdaPerBaseline: 1,
  /** Lambda functions allowed in a knowledge-base stack on the default vector store */
  maxLambdaPerDefaultKnowledgeBase: 0,
  /** Every template stays under this fraction of CloudFormation's size and resource limits */
  maxLimitFraction: 0.5,
} as const;
