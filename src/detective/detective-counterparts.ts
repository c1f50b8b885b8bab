/**
 * A synth-time rule of the Bedrock pack and what detects the same problem after deploy.
 */
export interface DetectiveCounterpart {
  /** The pack's rule ID, without the `Bedrock-` prefix (`KB1`) */
  readonly ruleId: string;
  /**
   * The detective controls that find the same problem in a deployed account, or `none exists` when
   * neither AWS Config, Security Hub nor an event of the account's settings can see it.
   */
  readonly counterpart: string;
}

/** What the answer is when nothing detects a problem after deploy. */
const NO_COUNTERPART = 'none exists';

const SETTINGS_EVENTS = 'EventBridge rule on CloudTrail events (BedrockDetectiveControls)';

/**
 * For each rule of the Bedrock pack (`BedrockGovernanceChecks`), its detective counterpart: the AWS
 * Config rule, Security Hub control or setting-change alert of `BedrockDetectiveControls` that reports
 * the same problem when the resource was made outside CDK or changed after deploy, or `none exists`.
 * Config and Security Hub do not record guardrails, agents, S3 Vectors or IAM policies in a Bedrock-aware
 * way, and no managed rule exists for them: those rules are enforced at synth and by the organization
 * policies only.
 */
export class DetectiveCounterparts {
  /** The counterpart of a rule that nothing detects after deploy */
  public static readonly NONE = NO_COUNTERPART;

  /** Every rule of the pack with its counterpart, in RULES.md order. */
  public static all(): DetectiveCounterpart[] {
    return Object.entries(COUNTERPARTS).map(([ruleId, counterpart]) => ({ ruleId, counterpart }));
  }

  /**
   * The counterpart of one rule, or undefined when the rule is not in the table (a rule added to the
   * pack without deciding its counterpart).
   *
   * @param ruleId the rule ID, with or without the `Bedrock-` prefix
   */
  public static of(ruleId: string): string | undefined {
    return COUNTERPARTS[ruleId.replace(/^Bedrock-/, '')];
  }

  private constructor() {}
}

const COUNTERPARTS: { [ruleId: string]: string } = {
  GR1: NO_COUNTERPART,
  GR2: NO_COUNTERPART,
  GR3: NO_COUNTERPART,
  GR4: NO_COUNTERPART,
  GR5: NO_COUNTERPART,
  AG1: NO_COUNTERPART,
  AG2: NO_COUNTERPART,
  AG3: NO_COUNTERPART,
  AC1: 'AWS Config BEDROCKAGENTCORE_RUNTIME_PRIVATE_NETWORK_REQUIRED, BEDROCKAGENTCORE_BROWSERCUSTOM_NETWORK_MODE_NOT_PUBLIC, ' +
    'BEDROCKAGENTCORE_CODEINTERPRETER_NETWORKMODE_CHECK (stricter: sandbox mode also fails); Security Hub BedrockAgentCore.1, BedrockAgentCore.5, ' +
    'BedrockAgentCore.7. Harnesses: none exists',
  AC2: 'AWS Config BEDROCKAGENTCORE_GATEWAY_AUTHORIZER_ENABLED; Security Hub BedrockAgentCore.2',
  AC3: 'AWS Config BEDROCK_AGENTCORE_MEMORY_ENCRYPTION_ENABLED (where offered; a Guard rule elsewhere), ' +
    'BEDROCKAGENTCORE_GATEWAY_ENCRYPTION_ENABLED; Security Hub BedrockAgentCore.3, BedrockAgentCore.4',
  KB1: 'AWS Config BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED; Security Hub Bedrock.1',
  KB2: NO_COUNTERPART,
  KB3: NO_COUNTERPART,
  KB4: NO_COUNTERPART,
  MD1: 'Data sources only: Guard rule DataSourceParsingModelApproved (with approvedModels). Other resources: none exists',
  MD2: 'Data sources only: Guard rule DataSourceParsingModelApproved (with approvedGeographies). Other resources: none exists',
  MD3: NO_COUNTERPART,
  IAM1: `Switching governance off, not the grant: ${SETTINGS_EVENTS} on invocation logging, enforced guardrail and data retention changes`,
  IAM2: NO_COUNTERPART,
  IAM3: `Removal of the enforced guardrail: ${SETTINGS_EVENTS} on Put/DeleteEnforcedGuardrailConfiguration`,
  IAM4: NO_COUNTERPART,
  IAM5: NO_COUNTERPART,
  LG1: `${SETTINGS_EVENTS} on Put/DeleteModelInvocationLoggingConfiguration`,
  DR1: `${SETTINGS_EVENTS} on PutAccountDataRetention (bedrock and bedrock-mantle)`,
  LG2: `${SETTINGS_EVENTS} on PutModelInvocationLoggingConfiguration`,
  LG3: NO_COUNTERPART,
  LG4: NO_COUNTERPART,
  LG5: NO_COUNTERPART,
  NW1: NO_COUNTERPART,
  NW2: NO_COUNTERPART,
  PT1: NO_COUNTERPART,
  // The pack's own completeness: a property of the synthesized app, not of a deployed resource.
  PK1: NO_COUNTERPART,
  FL1: NO_COUNTERPART,
  SP1: NO_COUNTERPART,
  SP2: NO_COUNTERPART,
  SP3: NO_COUNTERPART,
  SP4: NO_COUNTERPART,
  MN1: NO_COUNTERPART,
  MN2: NO_COUNTERPART,
};
