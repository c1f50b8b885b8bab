import { Duration } from 'aws-cdk-lib';
import { IBedrockInvokable } from '../models/invokable';

/**
 * The levels declared for one model: its quota and the token burn you expect.
 */
export interface ModelLimits {
  /**
   * The tokens-per-minute quota of the model in this account and region, as Service Quotas shows it
   * ("On-demand InvokeModel tokens per minute" or "Cross-Region InvokeModel tokens per minute"). The
   * library cannot read it at synth; without it there is no quota alarm.
   *
   * @default - no quota alarm
   */
  readonly tokensPerMinuteQuota?: number;

  /**
   * Alarm when the estimated quota usage is above this percentage of `tokensPerMinuteQuota` in three
   * of five consecutive minutes.
   *
   * @default 80
   */
  readonly quotaUsagePercent?: number;

  /**
   * Alarm when the model's input and output tokens together exceed this number within one
   * `tokenPeriod`: a declared level of burn, not a quota.
   *
   * @default - no token burn alarm
   */
  readonly tokensPerPeriod?: number;

  /**
   * The period `tokensPerPeriod` is counted over: whole minutes, at most one day.
   *
   * @default Duration.hours(1)
   */
  readonly tokenPeriod?: Duration;
}

/**
 * One model and its declared levels.
 */
export interface MonitoredModel extends ModelLimits {
  /** The model, inference profile or application inference profile, as clients pass it as `modelId` */
  readonly model: IBedrockInvokable;
}
