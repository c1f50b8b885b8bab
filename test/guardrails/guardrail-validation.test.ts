import { App, Lazy, Stack } from 'aws-cdk-lib';
import {
  ContentFilterType, ContextualGroundingType, FilterStrength, Guardrail, GuardrailModality, GuardrailPreset, GuardrailProps, GuardrailTier,
  PiiEntityType, SensitiveInformationAction,
} from '../../src/guardrails';
import { Geography } from '../../src/models';
import { stackIn } from '../models/fixtures';

function create(props: GuardrailProps, region = 'eu-central-1'): Guardrail {
  return new Guardrail(stackIn(region), 'Guardrail', props);
}

const topic = (i: number) => ({ name: `Topic ${i}`, definition: `Definition ${i}` });
const x = (n: number) => 'x'.repeat(n);

describe('Guardrail validation: one test per documented limit', () => {
  test('guardrailName: 1 to 50 characters', () => {
    expect(() => create({ guardrailName: x(51) })).toThrow(`Guardrail: guardrailName has 51 characters ("${x(37)}..."); allowed: 1 to 50`);
  });

  test('guardrailName: letters, digits, - and _', () => {
    expect(() => create({ guardrailName: 'my guardrail!' }))
      .toThrow("Guardrail: guardrailName \"my guardrail!\" has characters that are not allowed; allowed: letters, digits, '-' and '_'");
  });

  test('description: 1 to 200 characters', () => {
    expect(() => create({ description: x(201) })).toThrow(`Guardrail: description has 201 characters ("${x(37)}..."); allowed: 1 to 200`);
  });

  test('blockedInputMessaging: 1 to 500 characters', () => {
    expect(() => create({ blockedInputMessaging: '' })).toThrow('Guardrail: blockedInputMessaging has 0 characters (""); allowed: 1 to 500');
  });

  test('blockedOutputsMessaging: 1 to 500 characters', () => {
    expect(() => create({ blockedOutputsMessaging: x(501) }))
      .toThrow(`Guardrail: blockedOutputsMessaging has 501 characters ("${x(37)}..."); allowed: 1 to 500`);
  });

  test('deniedTopics: at most 30, presets included', () => {
    const preset = GuardrailPreset.of('org-topics', { deniedTopics: Array.from({ length: 20 }, (_, i) => topic(i)) });
    expect(() => create({ presets: [preset], deniedTopics: Array.from({ length: 11 }, (_, i) => topic(100 + i)) }))
      .toThrow('Guardrail: deniedTopics has 31 topics (presets included); allowed: at most 30');
  });

  test('deniedTopics[].name: 1 to 100 characters', () => {
    expect(() => create({ deniedTopics: [{ name: x(101), definition: 'd' }] }))
      .toThrow(`Guardrail: deniedTopics[0].name has 101 characters ("${x(37)}..."); allowed: 1 to 100`);
  });

  test('deniedTopics[].name: letters, digits, space and - _ ! ? .', () => {
    expect(() => create({ deniedTopics: [{ name: 'Tax/legal', definition: 'd' }] }))
      .toThrow('Guardrail: deniedTopics[0].name "Tax/legal" has characters that are not allowed; allowed: letters, digits, space and - _ ! ? .');
  });

  test('deniedTopics[].definition: 1 to 200 characters', () => {
    expect(() => create({ deniedTopics: [{ name: 'Topic', definition: x(201) }] }))
      .toThrow(`Guardrail: deniedTopics[0].definition has 201 characters ("${x(37)}..."); allowed: 1 to 200`);
  });

  test('deniedTopics[].examples: at most 5', () => {
    expect(() => create({ deniedTopics: [{ ...topic(1), examples: ['a', 'b', 'c', 'd', 'e', 'f'] }] }))
      .toThrow('Guardrail: deniedTopics[0].examples has 6 examples; allowed: at most 5');
  });

  test('deniedTopics[].examples[]: 1 to 100 characters', () => {
    expect(() => create({ deniedTopics: [{ ...topic(1), examples: ['ok', x(101)] }] }))
      .toThrow(`Guardrail: deniedTopics[0].examples[1] has 101 characters ("${x(37)}..."); allowed: 1 to 100`);
  });

  test('words: at most 10000, presets included', () => {
    const words = Array.from({ length: 10001 }, (_, i) => ({ text: `w${i}` }));
    expect(() => create({ words })).toThrow('Guardrail: words has 10001 words (presets included); allowed: at most 10000');
  });

  test('words[].text: 1 to 100 characters', () => {
    expect(() => create({ words: [{ text: x(101) }] })).toThrow(`Guardrail: words[0].text has 101 characters ("${x(37)}..."); allowed: 1 to 100`);
  });

  test('regexes: at most 10', () => {
    const regexes = Array.from({ length: 11 }, (_, i) => ({ name: `r${i}`, pattern: '[0-9]+', action: SensitiveInformationAction.BLOCK }));
    expect(() => create({ regexes })).toThrow('Guardrail: regexes has 11 regexes (presets included); allowed: at most 10');
  });

  test('regexes[].name: 1 to 100 characters', () => {
    expect(() => create({ regexes: [{ name: x(101), pattern: 'a', action: SensitiveInformationAction.BLOCK }] }))
      .toThrow(`Guardrail: regexes[0].name has 101 characters ("${x(37)}..."); allowed: 1 to 100`);
  });

  test('regexes[].pattern: 1 to 500 characters', () => {
    expect(() => create({ regexes: [{ name: 'r', pattern: x(501), action: SensitiveInformationAction.BLOCK }] }))
      .toThrow(`Guardrail: regexes[0].pattern has 501 characters ("${x(37)}..."); allowed: 1 to 500`);
  });

  test('regexes[].description: 1 to 1000 characters', () => {
    expect(() => create({ regexes: [{ name: 'r', pattern: 'a', description: x(1001), action: SensitiveInformationAction.BLOCK }] }))
      .toThrow(`Guardrail: regexes[0].description has 1001 characters ("${x(37)}..."); allowed: 1 to 1000`);
  });

  test('contextualGrounding[].threshold: 0 to 0.99', () => {
    expect(() => create({ contextualGrounding: [{ type: ContextualGroundingType.GROUNDING, threshold: 1 }] }))
      .toThrow('Guardrail: contextualGrounding[0].threshold is 1; allowed: 0 to 0.99');
    expect(() => create({ contextualGrounding: [{ type: ContextualGroundingType.RELEVANCE, threshold: -0.1 }] }))
      .toThrow('Guardrail: contextualGrounding[0].threshold is -0.1; allowed: 0 to 0.99');
  });

  test('PROMPT_ATTACK output strength must be NONE', () => {
    expect(() => create({
      contentFilters: [{
        type: ContentFilterType.PROMPT_ATTACK,
        inputStrength: FilterStrength.HIGH,
        outputStrength: FilterStrength.LOW,
      }],
    }))
      .toThrow('Guardrail: contentFilters[0].outputStrength is LOW for PROMPT_ATTACK; allowed: NONE (prompt attacks are evaluated on input only)');
  });

  test('contentFiltersTier STANDARD needs a cross-region profile', () => {
    expect(() => create({ contentFiltersTier: GuardrailTier.STANDARD })).toThrow(
      'Guardrail: contentFiltersTier is STANDARD, which needs a cross-region guardrail profile; set crossRegion (e.g. Geography.EU) or use GuardrailTier.CLASSIC');
  });

  test('topicsTier STANDARD needs a cross-region profile', () => {
    expect(() => create({ topicsTier: GuardrailTier.STANDARD, deniedTopics: [topic(1)] })).toThrow(
      'Guardrail: topicsTier is STANDARD, which needs a cross-region guardrail profile; set crossRegion (e.g. Geography.EU) or use GuardrailTier.CLASSIC');
  });

  test('IMAGE modality only in regions that offer image filters', () => {
    expect(() => create({
      contentFilters: [{
        type: ContentFilterType.HATE,
        inputStrength: FilterStrength.HIGH,
        outputStrength: FilterStrength.HIGH,
        inputModalities: [GuardrailModality.IMAGE],
      }],
    }, 'eu-north-1')).toThrow('Guardrail: contentFilters[0].inputModalities includes IMAGE, but image content filters are not offered in eu-north-1; ' +
      'they are offered in: ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, eu-central-1, eu-west-1, eu-west-2, us-east-1, us-east-2, us-gov-west-1, us-west-2');
  });

  test('IMAGE modality only for the categories the region supports', () => {
    expect(() => create({
      contentFilters: [{
        type: ContentFilterType.MISCONDUCT,
        inputStrength: FilterStrength.HIGH,
        outputStrength: FilterStrength.HIGH,
        outputModalities: [GuardrailModality.TEXT, GuardrailModality.IMAGE],
      }],
    }, 'eu-west-1')).toThrow('Guardrail: contentFilters[0].outputModalities includes IMAGE for MISCONDUCT, but in eu-west-1 image filters support only: HATE, INSULTS, SEXUAL, VIOLENCE');
  });

  test('IMAGE modality for every category where generally available', () => {
    expect(() => create({
      contentFilters: [{
        type: ContentFilterType.MISCONDUCT,
        inputStrength: FilterStrength.HIGH,
        outputStrength: FilterStrength.HIGH,
        inputModalities: [GuardrailModality.TEXT, GuardrailModality.IMAGE],
      }],
    }, 'eu-central-1')).not.toThrow();
  });

  test('modalities: 1 or 2, each once', () => {
    expect(() => create({
      contentFilters: [{
        type: ContentFilterType.HATE,
        inputStrength: FilterStrength.HIGH,
        outputStrength: FilterStrength.HIGH,
        inputModalities: [],
      }],
    })).toThrow('Guardrail: contentFilters[0].inputModalities is []; allowed: TEXT, IMAGE or both, each once');
  });

  test('one entry per key within a list', () => {
    expect(() => create({
      piiEntities: [
        { type: PiiEntityType.EMAIL, action: SensitiveInformationAction.BLOCK },
        { type: PiiEntityType.EMAIL, action: SensitiveInformationAction.ANONYMIZE },
      ],
    })).toThrow('Guardrail: piiEntities has more than one entry for "EMAIL"; give each at most once');
  });

  test('PiiEntityType.of: an upper-case name', () => {
    expect(() => create({ piiEntities: [{ type: PiiEntityType.of('email'), action: SensitiveInformationAction.BLOCK }] }))
      .toThrow('Guardrail: piiEntities[0].type "email" has characters that are not allowed; allowed: upper-case letters, digits and _ (PiiEntityType.X or PiiEntityType.of(name))');
  });

  test('automatedReasoning.policyArns: 1 to 2 policies', () => {
    const arn = (c: string) => `arn:aws:bedrock:eu-central-1:111111111111:automated-reasoning-policy/${c.repeat(12)}`;
    expect(() => create({ automatedReasoning: { policyArns: [arn('a'), arn('b'), arn('c')] } }))
      .toThrow('Guardrail: automatedReasoning.policyArns has 3 policies; allowed: 1 to 2');
  });

  test('automatedReasoning.policyArns[]: an Automated Reasoning policy ARN', () => {
    expect(() => create({ automatedReasoning: { policyArns: ['arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc'] } })).toThrow(
      'Guardrail: automatedReasoning.policyArns[0] is "arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc"; ' +
      'allowed: an ARN arn:<partition>:bedrock:<region>:<account>:automated-reasoning-policy/<12 characters>[:<version>]');
  });

  test('automatedReasoning.confidenceThreshold: 0 to 1', () => {
    expect(() => create({ automatedReasoning: { policyArns: ['arn:aws:bedrock:eu-central-1:111111111111:automated-reasoning-policy/abcdefghijkl'], confidenceThreshold: 1.5 } }))
      .toThrow('Guardrail: automatedReasoning.confidenceThreshold is 1.5; allowed: 0 to 1');
  });

  test('crossRegion: the stack region must be a source region of the geography', () => {
    expect(() => create({ crossRegion: Geography.EU }, 'us-east-1')).toThrow(
      "Guardrail: crossRegion is 'eu', but the stack region us-east-1 is not one of its source regions: " +
      'eu-central-1, eu-central-2, eu-north-1, eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1');
  });

  test('crossRegion: needs a stack with a region', () => {
    expect(() => new Guardrail(new Stack(new App(), 'Agnostic'), 'Guardrail', { crossRegion: Geography.EU })).toThrow(
      "Guardrail: crossRegion needs the stack's region to name the guardrail profile's destination regions, but the stack is environment-agnostic: " +
      'give the stack an env with a region');
  });

  test('a problem in a preset names the preset', () => {
    const preset = GuardrailPreset.of('org', { deniedTopics: [{ name: 'Topic', definition: x(201) }] });
    expect(() => create({ presets: [GuardrailPreset.BASELINE, preset] }))
      .toThrow(`Guardrail: presets[1] (org).deniedTopics[0].definition has 201 characters ("${x(37)}..."); allowed: 1 to 200`);
  });

  test('every problem is reported at once', () => {
    expect(() => create({ guardrailName: 'bad name', blockedInputMessaging: '', topicsTier: GuardrailTier.STANDARD })).toThrow([
      'Guardrail:',
      "  - guardrailName \"bad name\" has characters that are not allowed; allowed: letters, digits, '-' and '_'",
      '  - blockedInputMessaging has 0 characters (""); allowed: 1 to 500',
      '  - topicsTier is STANDARD, which needs a cross-region guardrail profile; set crossRegion (e.g. Geography.EU) or use GuardrailTier.CLASSIC',
    ].join('\n'));
  });

  test('values that are tokens are not checked', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new Guardrail(stack, 'Guardrail', { blockedInputMessaging: Lazy.string({ produce: () => x(600) }) })).not.toThrow();
  });
});
