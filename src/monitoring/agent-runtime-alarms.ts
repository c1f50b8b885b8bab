import { Duration, aws_bedrockagentcore as agentcore, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { shareAlarm } from './private/share-alarm';
import { Problems } from '../core/validation';
import { percentProblems } from './private/percent-problems';
import { verifiedMetric } from './private/verified-metrics';

/**
 * Properties of the alarms for one AgentCore runtime.
 */
export interface AgentRuntimeAlarmsProps {
  /** The governance notifications topic (one per account and region) the alarms publish to */
  readonly topic: sns.ITopic;

  /** The agent runtime; its DEFAULT endpoint is watched */
  readonly runtime: agentcore.IBedrockAgentRuntime;

  /**
   * Alarm when more than this percentage of invocations end in a system (server-side) error, in each
   * of three consecutive five-minute periods.
   *
   * @default 5
   */
  readonly systemErrorPercent?: number;

  /**
   * Alarm when more than this percentage of requests are throttled, in each of three consecutive
   * five-minute periods.
   *
   * @default 5
   */
  readonly throttlePercent?: number;
}

/**
 * Alarms for an AgentCore runtime where agents run: system errors and throttles above a share of
 * invocations. An idle agent publishes nothing and is not broken: missing data is not breaching.
 */
export class AgentRuntimeAlarms extends Construct {
  /** System-error share above `systemErrorPercent` */
  public readonly systemErrors: cloudwatch.Alarm;
  /** Throttled share above `throttlePercent` */
  public readonly throttles: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: AgentRuntimeAlarmsProps) {
    super(scope, id);
    const problems = new Problems();
    percentProblems({ systemErrorPercent: props.systemErrorPercent, throttlePercent: props.throttlePercent }).forEach(p => problems.add(p));
    problems.throwIfAny(this, 'AgentRuntimeAlarms', BedrockLandingZoneErrorCode.MONITORING_PROPS);

    const five = Duration.minutes(5);
    // As AgentCore publishes a runtime's invocation metrics: its DEFAULT endpoint, per operation.
    const dims = {
      Operation: 'InvokeAgentRuntime',
      Resource: props.runtime.agentRuntimeArn,
      Name: `${props.runtime.agentRuntimeName}::DEFAULT`,
    };
    const invocations = verifiedMetric('agentRuntimeInvocations', dims, five);
    const share = (alarmId: string, key: 'agentRuntimeSystemErrors' | 'agentRuntimeThrottles', percent: number, what: string, advice: string) =>
      shareAlarm(this, alarmId, {
        expression: 'IF(inv > 0, 100 * bad / inv, IF(bad > 0, 100, 0))',
        usingMetrics: { inv: invocations, bad: verifiedMetric(key, dims, five) },
        period: five,
        label: `${what} (%)`,
        percent,
        description: `More than ${percent}% of invocations of the AgentCore runtime ${props.runtime.agentRuntimeName} were ${what.toLowerCase()} for 15 minutes. ${advice}`,
        topic: props.topic,
      });
    this.systemErrors = share('SystemErrors', 'agentRuntimeSystemErrors', props.systemErrorPercent ?? 5, 'System errors',
      'Check the runtime\'s logs and the AWS Health Dashboard.');
    this.throttles = share('Throttles', 'agentRuntimeThrottles', props.throttlePercent ?? 5, 'Throttled',
      'Check the AgentCore quotas of this account and region.');
  }
}
