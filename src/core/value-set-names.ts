import { ExtensibleValue } from './extensible-value';
import { valueSetMember } from './validation';

/** How Bedrock spells the names of one value set: the shape a name must have, and the words a refusal uses for it. */
export interface BedrockSpelling {
  readonly shape: RegExp;
  readonly text: string;
}

/** The `AWS::Bedrock::Guardrail` enums: `PROMPT_ATTACK`, `ANONYMIZE`. */
export const UPPER_SNAKE_CASE: BedrockSpelling = { shape: /^[A-Z][A-Z0-9_]{0,63}$/, text: 'upper-case letters, digits and _' };

/** `PutAccountDataRetention`'s modes: `provider_data_share`. */
export const LOWER_SNAKE_CASE: BedrockSpelling = { shape: /^[a-z][a-z0-9_]{0,63}$/, text: 'lower-case letters, digits and _' };

/** The `ServiceTier` condition keys' values: `flex` (a hyphen is admitted too). */
export const LOWER_CASE_WITH_HYPHENS: BedrockSpelling = { shape: /^[a-z][a-z0-9_-]{0,63}$/, text: 'lower-case letters, digits, _ and -' };

/**
 * The names of one value set: `member(name)` checks a name against how Bedrock spells the set's
 * names (an unresolved token passes) and gives one instance per name, so a constant and `of()` of its
 * name are the same object. The set's class creates the instance, its constructor being private.
 */
export class ValueSetNames<T extends ExtensibleValue> {
  private readonly byName = new Map<string, T>();

  /**
   * @param typeName the class, as a refusal names it (`GuardrailAction.of: ...`)
   * @param spelling how Bedrock spells the set's names
   * @param noun one name of the set in words, with its article (`an action`)
   */
  public constructor(private readonly typeName: string, private readonly spelling: BedrockSpelling, private readonly noun: string) {}

  /** The member named `name`, created by `create` on first use; a name Bedrock cannot spell is a `VALUE_SET_VALUE` error. */
  public member(name: string, create: (name: string) => T): T {
    const checked = valueSetMember(this.typeName, name, this.spelling.shape, `${this.spelling.text}, as Bedrock spells ${this.noun}`);
    const known = this.byName.get(checked) ?? create(checked);
    this.byName.set(checked, known);
    return known;
  }
}
