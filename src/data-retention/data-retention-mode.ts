/**
 * Whether Amazon Bedrock or a model provider may keep prompts and answers: the account's data
 * retention mode, per account and region (`PutAccountDataRetention`). A project and a model can
 * narrow it; the mode set is enforced on the Messages, Chat Completions and Responses APIs.
 */
export enum DataRetentionMode {
  /** Zero data retention: nothing is kept. */
  NONE = 'none',
  /** Kept for AWS review only (abuse detection), never shared with the model provider. */
  AWS_REVIEW = 'aws_review',
  /** The model's own data policy: what it keeps is the model's documented default. */
  DEFAULT = 'default',
  /** Shared with the model provider (some models require it). */
  PROVIDER_DATA_SHARE = 'provider_data_share',
  /** The default a new account gets: whatever AWS chooses for it, which may change. */
  INHERIT = 'inherit',
}
