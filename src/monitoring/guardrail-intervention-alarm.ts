import { Duration, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IGuardrail } from '../guardrails/guardrail';
import { shareAlarm } from './private/share-alarm';
import { Problems } from '../core/validation';
import { percentProblems } from './private/percent-problems';
import { verifiedMetric } from './private/verified-metrics';

/**
 * Properties of the alarm on a guardrail's intervention share.
 */
export interface GuardrailInterventionAlarmProps {
  /** The governance notifications topic (one per account and region) the alarm publishes to */
  readonly topic: sns.ITopic;

  /** The guardrail (the version it is applied with) */
  readonly guardrail: IGuardrail;

  /**
   * Alarm when the guardrail intervenes on more than this percentage of its evaluations, in each of
   * three consecutive fifteen-minute periods.
   *
   * @default 20
   */
  readonly interventionPercent?: number;

  /**
   * Periods with fewer evaluations than this count as no intervention: two blocked requests out of
   * three say nothing about a trend.
   *
   * @default 20
   */
  readonly minimumEvaluations?: number;
}

/**
 * Alarms when a guardrail starts intervening on a large share of requests: an attack (prompt
 * injection, data exfiltration attempts), a misbehaving application, or a policy too strict for the
 * work it guards. Each calls for a look, none for silence.
 *
 * A guardrail that is not used publishes nothing: missing data counts as not breaching.
 */
export class GuardrailInterventionAlarm extends Construct {
  /** The alarm */
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: GuardrailInterventionAlarmProps) {
    super(scope, id);
    const problems = new Problems();
    percentProblems({ interventionPercent: props.interventionPercent }).forEach(p => problems.add(p));
    problems.check(props.minimumEvaluations === undefined || (Number.isInteger(props.minimumEvaluations) && props.minimumEvaluations >= 1),
      `minimumEvaluations is ${props.minimumEvaluations}; expected a whole number of at least 1`);
    problems.throwIfAny(this, 'GuardrailInterventionAlarm', BedrockLandingZoneErrorCode.MONITORING_PROPS);

    const percent = props.interventionPercent ?? 20;
    const minimum = props.minimumEvaluations ?? 20;
    const period = Duration.minutes(15);
    const dims = { GuardrailArn: props.guardrail.guardrailArn, GuardrailVersion: props.guardrail.guardrailVersion };
    this.alarm = shareAlarm(this, 'Alarm', {
      expression: `IF(inv >= ${minimum}, 100 * hit / inv, 0)`,
      usingMetrics: {
        inv: verifiedMetric('guardrailInvocations', dims, period),
        hit: verifiedMetric('guardrailInterventions', dims, period),
      },
      period,
      label: 'Guardrail interventions (%)',
      percent,
      description: `The guardrail intervened on more than ${percent}% of its evaluations for 45 minutes. ` +
        'Read the invocation logs for the blocked requests: an attack, a misbehaving application, or a policy too strict for the work.',
      topic: props.topic,
    });
  }
}
