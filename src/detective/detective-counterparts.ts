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
/** The opt-in restore that follows the alert for the settings the control-plane handler writes. */
const RESTORED = 'put back by BedrockSettingRestore when the landing zone\'s restoreChangedSettings is on';
/** Account-wide controls: they judge every bucket, log group or topic of the account, so the detective controls do not create them. */
const ACCOUNT_WIDE = 'account-wide, not created by BedrockDetectiveControls';

/**
 * For each rule of the Bedrock pack (`BedrockGovernanceChecks`), its detective counterpart: the AWS
 * Config rule, Security Hub control or setting-change alert of `BedrockDetectiveControls` that reports
 * the same problem when the resource was made outside CDK or changed after deploy, or `none exists`.
 * Config and Security Hub do not record guardrails, agents, S3 Vectors or IAM policies in a Bedrock-aware
 * way, and no managed rule exists for them: those rules are enforced at synth and by the organization
 * policies only. A rule whose metadata maps a Security Hub control names it here, even where that control
 * judges the whole account and the detective controls leave it to the account's own standards.
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
  IAM1: `Wildcard grants: Security Hub IAM.1 (full "*" administration) and IAM.21 (service wildcards such as bedrock:*), ${ACCOUNT_WIDE}. ` +
    `A named administration action: none exists. Switching governance off, not the grant: ${SETTINGS_EVENTS} on invocation logging, ` +
    'enforced guardrail and data retention changes',
  IAM2: `Service wildcards (bedrock:*): Security Hub IAM.21, ${ACCOUNT_WIDE}. Unnamed models or unfenced regions: none exists`,
  IAM3: `Removal of the enforced guardrail: ${SETTINGS_EVENTS} on Put/DeleteEnforcedGuardrailConfiguration`,
  IAM4: NO_COUNTERPART,
  IAM5: `Long-lived IAM user keys: Security Hub IAM.3 (access keys rotated within 90 days), ${ACCOUNT_WIDE}. ` +
    'The Amazon Bedrock API keys themselves: none exists',
  LG1: `${SETTINGS_EVENTS} on Put/DeleteModelInvocationLoggingConfiguration; ${RESTORED}`,
  DR1: `${SETTINGS_EVENTS} on PutAccountDataRetention (bedrock and bedrock-mantle); Bedrock's ${RESTORED}, bedrock-mantle's is not`,
  LG2: `${SETTINGS_EVENTS} on PutModelInvocationLoggingConfiguration; ${RESTORED}`,
  LG3: `Security Hub S3.17 (buckets encrypted with a KMS key) and AWS Config CLOUDWATCH_LOG_GROUP_ENCRYPTED (log groups), ${ACCOUNT_WIDE}. ` +
    'That the key is customer-managed: none exists',
  LG4: `Security Hub CloudWatch.16 and AWS Config CW_LOGGROUP_RETENTION_PERIOD_CHECK (log group retention), ${ACCOUNT_WIDE}. ` +
    'A store deleted with its stack: none exists',
  LG5: `Security Hub S3.5 and AWS Config S3_BUCKET_SSL_REQUESTS_ONLY, ${ACCOUNT_WIDE}`,
  NW1: NO_COUNTERPART,
  NW2: NO_COUNTERPART,
  PT1: NO_COUNTERPART,
  // The pack's own completeness: a property of the synthesized app, not of a deployed resource.
  PK1: NO_COUNTERPART,
  FL1: NO_COUNTERPART,
  SP1: NO_COUNTERPART,
  SP2: `Security Hub SNS.1 (topics encrypted with a KMS key), ${ACCOUNT_WIDE}`,
  SP3: NO_COUNTERPART,
  SP4: NO_COUNTERPART,
  MN1: NO_COUNTERPART,
  MN2: `An unencrypted topic: Security Hub SNS.1, ${ACCOUNT_WIDE}. An alarm that notifies nobody: none exists`,
};
