import { Token, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GuardrailInterventionAlarm } from './guardrail-intervention-alarm';
import { InvocationLoggingAlarms } from './invocation-logging-alarms';
import { InvocationLoggingChangeRule } from './invocation-logging-change-rule';
import { ModelAlarms } from './model-alarms';
import { MonitoredModel } from './model-limits';
import { OpenAiCompatibleAlarms } from './openai-compatible-alarms';
import { Problems, booleanProblems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IGuardrail } from '../guardrails/guardrail';
import { IOpenAiCompatibleProject } from '../models/openai-compatible-project';

/**
 * Properties of the governance alarms of one account and region.
 */
export interface GovernanceAlarmsProps {
  /** The governance notifications topic (one per account and region) every alarm publishes to */
  readonly topic: sns.ITopic;

  /**
   * Whether invocation logs are delivered to S3.
   *
   * @default true
   */
  readonly s3Delivery?: boolean;

  /**
   * Whether invocation logs are delivered to CloudWatch Logs.
   *
   * @default true
   */
  readonly cloudWatchLogsDelivery?: boolean;

  /**
   * The models to alarm on, with their declared levels.
   *
   * @default - none
   */
  readonly models?: MonitoredModel[];

  /**
   * The guardrails to alarm on (their intervention share).
   *
   * @default - none
   */
  readonly guardrails?: IGuardrail[];

  /**
   * The projects of the OpenAI-compatible endpoint to alarm on (their client-error share).
   *
   * @default - none
   */
  readonly openAiCompatibleProjects?: IOpenAiCompatibleProject[];

  /**
   * Whether to create the rule that reports changes of the invocation logging configuration
   * (`InvocationLoggingChangeRule`). Set false where `BedrockDetectiveControls` with its setting-change
   * alerts publishes to the same topic: its Bedrock settings rule matches the same calls, and each
   * change would be notified twice.
   *
   * @default true
   */
  readonly reportLoggingChanges?: boolean;
}

/**
 * Every governance alarm of one account and region, on one topic: invocation log delivery failures,
 * changes of the logging configuration (unless the detective controls report them), and per model and
 * per guardrail alarms.
 */
export class GovernanceAlarms extends Construct {
  /** Invocation log delivery failures */
  public readonly logging: InvocationLoggingAlarms;
  /** Changes and deletion of the invocation logging configuration, unless `reportLoggingChanges` is false */
  public readonly loggingChanges?: InvocationLoggingChangeRule;
  /** Per model, in the order given */
  public readonly models: ModelAlarms[];
  /** Per guardrail, in the order given */
  public readonly guardrails: GuardrailInterventionAlarm[];
  /** Per project of the OpenAI-compatible endpoint, in the order given */
  public readonly openAiCompatibleProjects: OpenAiCompatibleAlarms[];

  constructor(scope: Construct, id: string, props: GovernanceAlarmsProps) {
    super(scope, id);
    const problems = new Problems();
    booleanProblems(props, ['reportLoggingChanges']).forEach(p => problems.add(p));
    // Named by the project's construct ID, so adding or reordering projects keeps the other alarms.
    const projectIds = (props.openAiCompatibleProjects ?? []).map(p => p.node.id);
    const clashes = projectIds.filter((projectId, i) => projectIds.indexOf(projectId) !== i);
    problems.check(clashes.length === 0, `openAiCompatibleProjects has two projects with the construct ID ${clashes.join(', ')}; ` +
      'their alarms are named by it: give each project a distinct ID');
    problems.throwIfAny(this, 'GovernanceAlarms', BedrockLandingZoneErrorCode.MONITORING_PROPS);
    this.logging = new InvocationLoggingAlarms(this, 'Logging', {
      topic: props.topic,
      s3Delivery: props.s3Delivery,
      cloudWatchLogsDelivery: props.cloudWatchLogsDelivery,
    });
    if (props.reportLoggingChanges ?? true) {
      this.loggingChanges = new InvocationLoggingChangeRule(this, 'LoggingChanges', { topic: props.topic });
    }
    this.models = (props.models ?? []).map((m, i) => {
      const modelId = m.model.invocationIdentifier(this);
      // Named by the model where it is known at synth, so adding or reordering models keeps the other alarms.
      const childId = Token.isUnresolved(modelId) ? `Model${i}` : `Model-${modelId.replace(/\//g, '-')}`;
      return new ModelAlarms(this, childId, { topic: props.topic, ...m });
    });
    this.guardrails = (props.guardrails ?? []).map((guardrail, i) =>
      new GuardrailInterventionAlarm(this, i === 0 ? 'Guardrail' : `Guardrail${i}`, { topic: props.topic, guardrail }));
    this.openAiCompatibleProjects = (props.openAiCompatibleProjects ?? []).map(project =>
      new OpenAiCompatibleAlarms(this, `OpenAiCompatible-${project.node.id}`, { topic: props.topic, project }));
  }
}
