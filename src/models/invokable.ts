import { aws_ec2 as ec2, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IGuardrailReference } from './guardrail-reference';
import { ServiceTier } from './service-tier';

/**
 * Conditions an invoke grant can require on top of the model it allows.
 */
export interface InvokeGrantOptions {
  /**
   * Require every invocation to carry this guardrail at this version: the grant allows only requests
   * whose `bedrock:GuardrailIdentifier` is `<guardrailArn>:<version>` and explicitly denies the others
   * (including requests without a guardrail). The grant also includes what applying the guardrail
   * needs (`bedrock:ApplyGuardrail`, and `kms:Decrypt` on its key when it has one).
   *
   * @default - no guardrail is required by IAM
   */
  readonly requireGuardrail?: IGuardrailReference;

  /**
   * Require direct calls to come through one of these VPC endpoints: invocations whose
   * `aws:SourceVpce` is none of them are explicitly denied. Calls that Bedrock makes on the
   * principal's behalf (`aws:ViaAWSService`, e.g. a knowledge base calling its embedding model) are
   * not affected.
   *
   * @default - calls are allowed from any network path
   */
  readonly requireVpcEndpoints?: ec2.IVpcEndpoint[];

  /**
   * Allow only these service tiers (`bedrock:ServiceTier`): invocations that name another tier are
   * explicitly denied, and so are invocations that name none when `ServiceTier.DEFAULT` (the tier a
   * request without one runs on) is not in the list. `ServiceTier.RESERVED` needs
   * `acknowledgeReservedCapacity`.
   *
   * @default - any tier the request names
   */
  readonly allowedServiceTiers?: ServiceTier[];

  /**
   * Acknowledges that reserved capacity is a commitment billed whether used or not: required to
   * allow `ServiceTier.RESERVED`.
   *
   * @default false
   */
  readonly acknowledgeReservedCapacity?: boolean;
}

/**
 * Anything that can be passed as `modelId` to `InvokeModel` / `Converse`: a foundation model, a
 * cross-region or global inference profile, an application inference profile, a provisioned, custom
 * or imported model. Each one knows the exact IAM statements that invoking it needs.
 */
export interface IBedrockInvokable {
  /**
   * The identifier a client passes as `modelId`, from the point of view of the scope's stack
   * (region and account).
   */
  invocationIdentifier(scope: IConstruct): string;

  /**
   * The problems that prevent invoking this from the scope's region (model not offered there, region
   * outside the geography, environment-agnostic stack, ...). Empty when there are none.
   */
  problemsFor(scope: IConstruct): string[];

  /**
   * The least-privilege statements that allow invoking this (both `bedrock:InvokeModel` and
   * `bedrock:InvokeModelWithResponseStream`, which also cover Converse and ConverseStream) from the
   * scope's stack, plus those the options require.
   *
   * Throws one error listing `problemsFor(scope)` when there are any (code
   * `BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE`).
   */
  invokeStatements(scope: IConstruct, options?: InvokeGrantOptions): iam.PolicyStatement[];

  /**
   * Grants the principal permission to invoke this. The grantee must be a construct (a role, user or
   * group, whose default policy gets the statements, or an `iam.ManagedPolicy`, whose document gets
   * them): its stack's region decides the regions the grant names.
   */
  grantInvoke(grantee: iam.IGrantable, options?: InvokeGrantOptions): iam.Grant;
}

/**
 * A foundation model or system-defined inference profile that an application inference profile can
 * copy (its `ModelSource.CopyFrom`).
 */
export interface IInferenceProfileSource extends IBedrockInvokable {
  /** The ARN an application inference profile copies, in the scope's region and account. */
  sourceArn(scope: IConstruct): string;

  /**
   * The statements that allow invoking this only through the given application inference profile:
   * every statement is fenced with `bedrock:InferenceProfileArn = applicationInferenceProfileArn`.
   */
  invokeStatementsThrough(scope: IConstruct, applicationInferenceProfileArn: string): iam.PolicyStatement[];
}
