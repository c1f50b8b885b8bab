import { Duration, aws_cloudwatch as cloudwatch, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IOpenAiCompatibleProject } from '../models/openai-compatible-project';
import { shareAlarm } from './private/share-alarm';
import { Problems } from '../core/validation';
import { verifiedMetric } from './private/verified-metrics';

/**
 * Properties of the alarms for one project of the OpenAI-compatible endpoint.
 */
export interface OpenAiCompatibleAlarmsProps {
  /** The governance notifications topic (one per account and region) the alarm publishes to */
  readonly topic: sns.ITopic;

  /** The project of the OpenAI-compatible endpoint (`bedrock-mantle`) whose requests are watched */
  readonly project: IOpenAiCompatibleProject;

  /**
   * Alarm when more than this percentage of the project's requests fail with a client (4xx) error,
   * in each of three consecutive five-minute periods.
   *
   * @default 10
   */
  readonly clientErrorPercent?: number;
}

/**
 * Alarms for a project of Amazon Bedrock's OpenAI-compatible endpoint (`AWS/BedrockMantle`). The endpoint
 * publishes completed inferences and client (4xx) errors, not server errors or throttles as separate
 * metrics, so the alarm watches the share of failed requests: denied by a policy, an unapproved model,
 * an exhausted token quota, a malformed request. A project nobody calls publishes nothing and is not
 * broken: missing data is not breaching.
 */
export class OpenAiCompatibleAlarms extends Construct {
  /** Client-error share above `clientErrorPercent` */
  public readonly clientErrors: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OpenAiCompatibleAlarmsProps) {
    super(scope, id);
    const percent = props.clientErrorPercent;
    const problems = new Problems();
    problems.check(percent === undefined || (percent > 0 && percent <= 100),
      `clientErrorPercent is ${percent}; expected a percentage above 0 and at most 100`);
    problems.throwIfAny(this, 'OpenAiCompatibleAlarms', BedrockLandingZoneErrorCode.MONITORING_PROPS);

    const five = Duration.minutes(5);
    const dims = { Project: props.project.projectId };
    const threshold = percent ?? 10;
    this.clientErrors = shareAlarm(this, 'ClientErrors', {
      // The page does not say whether Inferences counts the failed requests too; the share of both is then a
      // lower bound, never a false alarm.
      expression: 'IF(done + failed > 0, 100 * failed / (done + failed), 0)',
      usingMetrics: {
        done: verifiedMetric('openAiProjectInferences', dims, five),
        failed: verifiedMetric('openAiProjectClientErrors', dims, five),
      },
      period: five,
      label: 'Client errors (%)',
      percent: threshold,
      description: `More than ${threshold}% of the requests to the OpenAI-compatible endpoint on project ${props.project.node.path} ` +
        'failed with a client error for 15 minutes. Check the callers\' access (policies, approved models) and the endpoint\'s token quotas.',
      topic: props.topic,
    });
  }
}
