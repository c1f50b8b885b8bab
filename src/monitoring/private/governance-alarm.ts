import { aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as actions, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { protectTree } from '../../core/protected-resources';

/** What a governance alarm watches and when it fires. */
export interface GovernanceAlarmSpec {
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparisonOperator: cloudwatch.ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** How a period without data counts: each alarm says why it chose what it chose */
  readonly treatMissingData: cloudwatch.TreatMissingData;
  readonly description: string;
  readonly topic: sns.ITopic;
}

/**
 * An alarm that tells the governance topic when it fires and when it clears (an operator must know
 * a control works again, not only that it broke), and carries the protection tag.
 */
export function governanceAlarm(scope: Construct, id: string, spec: GovernanceAlarmSpec): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator,
    evaluationPeriods: spec.evaluationPeriods,
    datapointsToAlarm: spec.datapointsToAlarm,
    treatMissingData: spec.treatMissingData,
    alarmDescription: spec.description,
    actionsEnabled: true,
  });
  const action = new actions.SnsAction(spec.topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  protectTree(alarm);
  return alarm;
}
