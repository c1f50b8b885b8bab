/**
 * One line of the residency map: a principal that can invoke a model, from one account and region,
 * and where its requests are processed and logged.
 */
export interface ResidencyRoute {
  /** The principal's account (its stack's); `any (environment-agnostic stack)` for a stack without one (a StackSet template) */
  readonly account: string;

  /** The region the principal calls from (its stack's, or the governed region of a StackSet template); `any (environment-agnostic stack)` when not known */
  readonly region: string;

  /**
   * The principal: the construct path of a role, user or group (an imported one too);
   * `(attached to no principal in this app)` for a policy no principal of the app holds
   */
  readonly principal: string;

  /** Where its permission is written: `managed policy <path>`, `inline policy <path>`, or `default policy` (the principal's own inline policy) */
  readonly grantedBy: string;

  /**
   * What a service principal invokes the model for (a knowledge base's embeddings or parsing)
   *
   * @default - an application principal: no purpose recorded
   */
  readonly purpose?: string;

  /** The foundation models the grant reaches, or the ARN or path of a provisioned or custom model */
  readonly model: string;

  /** How the model is reached: in-region, a cross-region or global inference profile, an application inference profile, provisioned throughput */
  readonly through: string;

  /** The regions its requests may be processed in, sorted; `any region` for a global profile; `unknown until deployment` when no region can be read */
  readonly processedIn: string[];

  /**
   * The regions the account and region's landing zone allows
   *
   * @default - not restricted: the app has no landing zone there, or its profiles restrict no region
   */
  readonly allowedRegions?: string[];

  /** The regions of `processedIn` outside `allowedRegions` (empty when inside, or when no region is restricted) */
  readonly outsideAllowedRegions: string[];

  /**
   * The guardrail IAM requires on every call of this principal
   *
   * @default - its grant requires none
   */
  readonly requiredGuardrail?: string;

  /**
   * The guardrail Bedrock enforces on every call of this model in the account and region
   *
   * @default - this app enforces none there on this model
   */
  readonly enforcedGuardrail?: string;

  /** The VPC endpoints direct calls must come through; empty when any network path is allowed */
  readonly requiredEndpoints: string[];

  /** Where the account and region's model invocation logging delivers, as this app configures it; empty when it configures none there */
  readonly loggedTo: string[];

  /** What the logging does not record of these calls (data types it does not deliver, a door it never covers); empty when none */
  readonly loggingGaps: string[];
}
