import { Duration, Token, aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MonitoredModel } from './model-limits';
import { PinnedTokenPrices, TokenPrice } from './token-price';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IGuardrail } from '../guardrails/guardrail';
import { verifiedMetric } from './private/verified-metrics';

/**
 * Properties of the governance dashboard of one account and region.
 */
export interface GovernanceDashboardProps {
  /**
   * The models (foundation models, inference profiles, application inference profiles), with their
   * declared quotas, which the dashboard draws as a line.
   *
   * @default - none
   */
  readonly models?: MonitoredModel[];

  /**
   * The guardrails whose interventions are drawn.
   *
   * @default - none
   */
  readonly guardrails?: IGuardrail[];

  /**
   * The prices the spend estimate uses, matched by model identifier (an inference profile's is the
   * model's, without the profile prefix). A model without a price has no estimate, and the dashboard
   * says so.
   *
   * @default - `PinnedTokenPrices.PRICES`, dated `PinnedTokenPrices.DATE`
   */
  readonly prices?: TokenPrice[];

  /**
   * The date your `prices` were read, shown next to the estimate.
   *
   * @default - `PinnedTokenPrices.DATE` when `prices` is not given; required with `prices`
   */
  readonly pricesDate?: string;

  /**
   * The dashboard's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
}

/**
 * One dashboard per account and region with the governance signals the alarms watch: invocation log
 * delivery, per model requests, throttles, errors, tokens and estimated quota usage, guardrail
 * interventions, and a spend estimate from a dated price table, labelled as an estimate.
 */
export class GovernanceDashboard extends Construct {
  /** The dashboard */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The models without a price, which have no spend estimate */
  public readonly unpricedModels: string[];

  constructor(scope: Construct, id: string, props: GovernanceDashboardProps = {}) {
    super(scope, id);
    const problems = new Problems();
    problems.check(props.prices === undefined || props.pricesDate !== undefined,
      'prices is given without pricesDate: an estimate must say when its prices were read; give the date, e.g. 2026-12-06');
    problems.check(props.pricesDate === undefined || /^\d{4}-\d{2}-\d{2}$/.test(props.pricesDate),
      `pricesDate is '${props.pricesDate}'; expected a date such as 2026-12-06`);
    (props.prices ?? []).forEach((p, i) => problems.check(p.inputPerMillionTokens >= 0 && p.outputPerMillionTokens >= 0,
      `prices[${i}] (${p.modelId}) has a negative price; expected US dollars per million tokens, 0 or more`));
    problems.throwIfAny(this, 'GovernanceDashboard', BedrockLandingZoneErrorCode.MONITORING_PROPS);

    const prices = props.prices ?? PinnedTokenPrices.PRICES;
    const pricesDate = props.pricesDate ?? PinnedTokenPrices.DATE;
    const source = props.prices ? 'prices you declared' : `the library's pinned list prices (${PinnedTokenPrices.SOURCE})`;
    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });

    const five = Duration.minutes(5);
    const hour = Duration.hours(1);
    const logDelivery = (key: Parameters<typeof verifiedMetric>[0], label: string) => verifiedMetric(key, {}, five, label);
    this.dashboard.addWidgets(new cloudwatch.TextWidget({
      markdown: '# Amazon Bedrock governance\nInvocation log delivery, models, guardrails and an **estimated** spend for this account and region. ' +
        'Every alarm of the landing zone publishes to its governance notifications topic.',
      width: 24,
      height: 2,
    }));
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({
      title: 'Invocation log delivery (any failure is an alarm)',
      left: [
        logDelivery('logS3DeliverySuccesses', 'S3 delivered'),
        logDelivery('logCloudWatchDeliverySuccesses', 'CloudWatch Logs delivered'),
      ],
      right: [
        logDelivery('logS3DeliveryFailures', 'S3 failed'),
        logDelivery('logCloudWatchDeliveryFailures', 'CloudWatch Logs failed'),
        logDelivery('logLargeDataS3DeliveryFailures', 'S3 large payloads failed'),
      ],
      width: 24,
    }));

    const unpriced: string[] = [];
    const spend: cloudwatch.IMetric[] = [];
    (props.models ?? []).forEach(m => {
      const modelId = m.model.invocationIdentifier(this);
      const dims = { ModelId: modelId };
      const quotaLine: cloudwatch.HorizontalAnnotation[] = m.tokensPerMinuteQuota !== undefined
        ? [{ value: m.tokensPerMinuteQuota, label: 'Declared TPM quota' }] : [];
      const name = Token.isUnresolved(modelId) ? 'application inference profile' : modelId;
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${name}: requests`,
          left: [verifiedMetric('modelInvocations', dims, five, 'Invocations')],
          right: [
            verifiedMetric('modelThrottles', dims, five, 'Throttles'),
            verifiedMetric('modelServerErrors', dims, five, 'Server errors'),
            verifiedMetric('modelClientErrors', dims, five, 'Client errors'),
          ],
          width: 8,
        }),
        new cloudwatch.GraphWidget({
          title: `${name}: tokens and latency`,
          left: [verifiedMetric('modelInputTokens', dims, hour, 'Input tokens'), verifiedMetric('modelOutputTokens', dims, hour, 'Output tokens')],
          right: [verifiedMetric('modelLatency', dims, five, 'Latency p90 (ms)')],
          width: 8,
        }),
        new cloudwatch.GraphWidget({
          title: `${name}: estimated TPM quota usage`,
          left: [verifiedMetric('modelEstimatedQuotaUsage', dims, Duration.minutes(1), 'Estimated tokens per minute')],
          leftAnnotations: quotaLine,
          width: 8,
        }),
      );
      const price = Token.isUnresolved(modelId) ? undefined : prices.find(p => modelId === p.modelId || modelId.endsWith(`.${p.modelId}`));
      if (!price) {
        unpriced.push(name);
        return;
      }
      const i = spend.length;
      spend.push(new cloudwatch.MathExpression({
        expression: `(in${i} * ${price.inputPerMillionTokens} + out${i} * ${price.outputPerMillionTokens}) / 1000000`,
        usingMetrics: {
          [`in${i}`]: verifiedMetric('modelInputTokens', dims, Duration.days(1)),
          [`out${i}`]: verifiedMetric('modelOutputTokens', dims, Duration.days(1)),
        },
        period: Duration.days(1),
        label: `${name} (estimate, USD)`,
      }));
    });
    this.unpricedModels = unpriced;

    if ((props.models ?? []).length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.TextWidget({
          markdown: `## Spend: an ESTIMATE, not a bill\nInput and output tokens times ${source}, read on ${pricesDate}. ` +
            'Not included: discounts, prompt caching, batch, the regional endpoint premium, provisioned throughput. ' +
            `For what you pay, see AWS Cost Explorer.${unpriced.length > 0 ? ` No price, no estimate: ${unpriced.join(', ')}.` : ''}`,
          width: 24,
          height: 3,
        }),
        new cloudwatch.GraphWidget({
          title: `Estimated spend per day, USD (list prices of ${pricesDate})`,
          left: spend,
          stacked: true,
          width: 24,
        }),
      );
    }

    for (const guardrail of props.guardrails ?? []) {
      const dims = { GuardrailArn: guardrail.guardrailArn, GuardrailVersion: guardrail.guardrailVersion };
      this.dashboard.addWidgets(new cloudwatch.GraphWidget({
        title: 'Guardrail evaluations and interventions',
        left: [
          verifiedMetric('guardrailInvocations', dims, Duration.minutes(15), 'Evaluations'),
          verifiedMetric('guardrailInterventions', dims, Duration.minutes(15), 'Interventions'),
        ],
        width: 24,
      }));
    }
  }
}
