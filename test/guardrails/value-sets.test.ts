import { Template } from 'aws-cdk-lib/assertions';
import {
  BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors, ContentFilterType, FilterStrength, Geography, Guardrail, GuardrailTier,
  ManagedWordListType,
} from '../../src';
import { stackIn } from '../models/fixtures';

/**
 * Value sets AWS keeps extending are enum-like classes (issue 34): a constant per value this release
 * knows, and `of(value)` for one AWS adds later, refused at synth when it cannot be a value.
 */

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, nothing was thrown');
}

describe.each([
  ['ContentFilterType', (v: string) => ContentFilterType.of(v), ContentFilterType.MISCONDUCT, 'MISCONDUCT', 'a category'],
  ['GuardrailTier', (v: string) => GuardrailTier.of(v), GuardrailTier.STANDARD, 'STANDARD', 'a tier'],
  ['ManagedWordListType', (v: string) => ManagedWordListType.of(v), ManagedWordListType.PROFANITY, 'PROFANITY', 'a managed word list'],
] as const)('%s', (typeName, of, constant, value, what) => {
  test('of() of a known value is its constant (the same object), and prints as the value', () => {
    expect(of(value)).toBe(constant);
    expect([constant.value, `${constant}`]).toEqual([value, value]);
  });

  test('of() of a value AWS added later keeps it as given', () => {
    expect(of('ADDED_LATER_2').value).toBe('ADDED_LATER_2');
  });

  test.each(['misconduct', '', 'HAS SPACE', '1STARTS_WITH_DIGIT'])('of(%j) is refused with the type, the value and what is allowed', bad => {
    const error = errorOf(() => of(bad));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.VALUE_SET_VALUE);
    expect((error as Error).message).toBe(
      `${typeName}.of: value is the string '${bad}'; allowed: upper-case letters, digits and _, as Bedrock spells ${what}`);
  });
});

test('a guardrail writes a value-set value as the exact CloudFormation string, a new one as given', () => {
  const stack = stackIn('eu-central-1');
  new Guardrail(stack, 'Guardrail', {
    crossRegion: Geography.EU,
    contentFiltersTier: GuardrailTier.STANDARD,
    topicsTier: GuardrailTier.of('CLASSIC'),
    contentFilters: [
      { type: ContentFilterType.HATE, inputStrength: FilterStrength.HIGH, outputStrength: FilterStrength.HIGH },
      { type: ContentFilterType.of('SELF_HARM'), inputStrength: FilterStrength.HIGH, outputStrength: FilterStrength.HIGH },
    ],
    managedWordLists: [{ type: ManagedWordListType.PROFANITY }],
    deniedTopics: [{ name: 'Advice', definition: 'Investment advice.' }],
  });
  const guardrail = Object.values(Template.fromStack(stack).findResources('AWS::Bedrock::Guardrail'))[0].Properties;
  expect(guardrail.ContentPolicyConfig.FiltersConfig.map((f: any) => f.Type)).toEqual(['HATE', 'SELF_HARM']);
  expect(guardrail.ContentPolicyConfig.ContentFiltersTierConfig).toEqual({ TierName: 'STANDARD' });
  expect(guardrail.TopicPolicyConfig.TopicsTierConfig).toEqual({ TierName: 'CLASSIC' });
  expect(guardrail.WordPolicyConfig.ManagedWordListsConfig.map((m: any) => m.Type)).toEqual(['PROFANITY']);
});
