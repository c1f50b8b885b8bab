/**
 * The base of the library's value sets that AWS keeps extending (content filter categories,
 * safeguard tiers, managed word lists): a constant per value this release knows, and `of(value)` in
 * each subclass for a value AWS adds later. A class rather than a string union because jsii widens
 * unions to `string`; exported because jsii requires a public class's base to be public.
 */
export abstract class ExtensibleValue {
  /** The value as the AWS API spells it */
  public readonly value: string;

  protected constructor(value: string) {
    this.value = value;
  }

  /** The value as the AWS API spells it, so a member prints as the string it synthesizes to. */
  public toString(): string {
    return this.value;
  }
}
