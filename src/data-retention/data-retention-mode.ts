import { ExtensibleValue } from '../core/extensible-value';
import { LOWER_SNAKE_CASE, ValueSetNames } from '../core/value-set-names';

const names = new ValueSetNames<DataRetentionMode>('DataRetentionMode', LOWER_SNAKE_CASE, 'a data retention mode');

/**
 * Whether Amazon Bedrock or a model provider may keep prompts and answers: the account's data
 * retention mode, per account and region (`PutAccountDataRetention`). A project and a model can
 * narrow it; the mode set is enforced on the Messages, Chat Completions and Responses APIs. AWS adds
 * modes: `DataRetentionMode.of(name)` names one this release has no constant for. Such a mode is not
 * on the library's scale of what is kept, so it is treated as keeping more than any mode on it.
 */
export class DataRetentionMode extends ExtensibleValue {
  /** Zero data retention: nothing is kept. */
  public static readonly NONE = DataRetentionMode.of('none');
  /** Kept for AWS review only (abuse detection), never shared with the model provider. */
  public static readonly AWS_REVIEW = DataRetentionMode.of('aws_review');
  /** The model's own data policy: what it keeps is the model's documented default. */
  public static readonly DEFAULT = DataRetentionMode.of('default');
  /** Shared with the model provider (some models require it). */
  public static readonly PROVIDER_DATA_SHARE = DataRetentionMode.of('provider_data_share');
  /** The default a new account gets: whatever AWS chooses for it, which may change. */
  public static readonly INHERIT = DataRetentionMode.of('inherit');

  /**
   * A mode by the name `PutAccountDataRetention` takes, e.g. one added after this library's
   * release; a known name gives its constant.
   *
   * @param name the mode as the Bedrock API spells it (lower case, underscores)
   */
  public static of(name: string): DataRetentionMode {
    return names.member(name, value => new DataRetentionMode(value));
  }

  /** Every mode this release has a constant for. */
  public static all(): DataRetentionMode[] {
    return [DataRetentionMode.NONE, DataRetentionMode.AWS_REVIEW, DataRetentionMode.DEFAULT, DataRetentionMode.PROVIDER_DATA_SHARE,
      DataRetentionMode.INHERIT];
  }

  private constructor(value: string) {
    super(value);
  }
}
