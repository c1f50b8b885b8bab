import * as fs from 'fs';
import * as zlib from 'zlib';
import { CommitmentDuration } from '@aws-sdk/client-bedrock';
import { Template } from 'aws-cdk-lib/assertions';
import {
  BedrockLandingZoneErrorCode as Code, BedrockLandingZoneErrors, CommitmentTerm, ContentFilterType, ContextualGroundingType, DistanceMetric,
  FilterStrength, Geography, Guardrail, GuardrailAction, GuardrailModality, GuardrailProps, GuardrailTier, ManagedWordListType, PiiEntityType,
  SensitiveInformationAction, VectorDataType,
} from '../../src';
import { stackIn } from '../models/fixtures';
import { errorOf } from '../support/errors';

/**
 * Value sets AWS keeps extending are enum-like classes (issue 34): a constant per value this release
 * knows, and `of(value)` for one AWS adds later, refused at synth when it cannot be a value.
 */

describe.each([
  ['ContentFilterType', (v: string) => ContentFilterType.of(v), ContentFilterType.MISCONDUCT, 'MISCONDUCT', 'a category'],
  ['GuardrailTier', (v: string) => GuardrailTier.of(v), GuardrailTier.STANDARD, 'STANDARD', 'a tier'],
  ['ManagedWordListType', (v: string) => ManagedWordListType.of(v), ManagedWordListType.PROFANITY, 'PROFANITY', 'a managed word list'],
  ['GuardrailAction', (v: string) => GuardrailAction.of(v), GuardrailAction.NONE, 'NONE', 'an action'],
  ['SensitiveInformationAction', (v: string) => SensitiveInformationAction.of(v), SensitiveInformationAction.ANONYMIZE, 'ANONYMIZE', 'an action'],
  ['GuardrailModality', (v: string) => GuardrailModality.of(v), GuardrailModality.IMAGE, 'IMAGE', 'a modality'],
  ['ContextualGroundingType', (v: string) => ContextualGroundingType.of(v), ContextualGroundingType.RELEVANCE, 'RELEVANCE', 'a check'],
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

test('a guardrail writes actions, modalities and grounding checks as the exact CloudFormation strings, a new one as given', () => {
  const stack = stackIn('us-east-1');
  new Guardrail(stack, 'Guardrail', {
    contentFilters: [{
      type: ContentFilterType.HATE,
      inputStrength: FilterStrength.HIGH,
      outputStrength: FilterStrength.HIGH,
      inputAction: GuardrailAction.NONE,
      outputAction: GuardrailAction.of('ADDED_LATER'),
      inputModalities: [GuardrailModality.TEXT, GuardrailModality.IMAGE],
      outputModalities: [GuardrailModality.of('AUDIO')],
    }],
    deniedTopics: [{ name: 'Advice', definition: 'Investment advice.' }],
    piiEntities: [{ type: PiiEntityType.EMAIL, action: SensitiveInformationAction.ANONYMIZE, outputAction: SensitiveInformationAction.of('REDACT') }],
    regexes: [{ name: 'MRN', pattern: 'MRN-[0-9]{8}', action: SensitiveInformationAction.NONE }],
    contextualGrounding: [
      { type: ContextualGroundingType.GROUNDING, threshold: 0.7 },
      { type: ContextualGroundingType.of('COMPLETENESS'), threshold: 0.5, action: GuardrailAction.NONE },
    ],
  });
  const guardrail = Object.values(Template.fromStack(stack).findResources('AWS::Bedrock::Guardrail'))[0].Properties;
  expect(guardrail.ContentPolicyConfig.FiltersConfig).toEqual([{
    Type: 'HATE',
    InputStrength: 'HIGH',
    OutputStrength: 'HIGH',
    InputAction: 'NONE',
    OutputAction: 'ADDED_LATER',
    InputEnabled: true,
    OutputEnabled: true,
    InputModalities: ['TEXT', 'IMAGE'],
    OutputModalities: ['AUDIO'],
  }]);
  expect(guardrail.TopicPolicyConfig.TopicsConfig[0]).toEqual(expect.objectContaining({ InputAction: 'BLOCK', OutputAction: 'BLOCK' }));
  expect(guardrail.SensitiveInformationPolicyConfig.PiiEntitiesConfig).toEqual([
    { Type: 'EMAIL', Action: 'ANONYMIZE', InputAction: 'ANONYMIZE', OutputAction: 'REDACT', InputEnabled: true, OutputEnabled: true },
  ]);
  expect(guardrail.SensitiveInformationPolicyConfig.RegexesConfig).toEqual([
    { Name: 'MRN', Pattern: 'MRN-[0-9]{8}', Action: 'NONE', InputAction: 'NONE', OutputAction: 'NONE', InputEnabled: true, OutputEnabled: true },
  ]);
  expect(guardrail.ContextualGroundingPolicyConfig.FiltersConfig).toEqual([
    { Type: 'GROUNDING', Threshold: 0.7, Action: 'BLOCK', Enabled: true },
    { Type: 'COMPLETENESS', Threshold: 0.5, Action: 'NONE', Enabled: true },
  ]);
});

describe('a plain string where a value set belongs (a JavaScript caller) is a synth error naming the prop, the value and what is allowed', () => {
  const hate = { type: ContentFilterType.HATE, inputStrength: FilterStrength.HIGH, outputStrength: FilterStrength.HIGH };
  const email = { type: PiiEntityType.EMAIL };
  test.each<[string, Partial<GuardrailProps>, string]>([
    ['contentFilters[0].inputAction', { contentFilters: [{ ...hate, inputAction: 'BLOCK' as any }] },
      "contentFilters[0].inputAction is the string 'BLOCK'; allowed: GuardrailAction.BLOCK, GuardrailAction.NONE or GuardrailAction.of(name)"],
    ['contentFilters[0].outputModalities[1]', { contentFilters: [{ ...hate, outputModalities: [GuardrailModality.TEXT, 'IMAGE' as any] }] },
      "contentFilters[0].outputModalities[1] is the string 'IMAGE'; allowed: GuardrailModality.TEXT, GuardrailModality.IMAGE or GuardrailModality.of(name)"],
    ['deniedTopics[0].outputAction', { deniedTopics: [{ name: 'Advice', definition: 'Investment advice.', outputAction: 'NONE' as any }] },
      "deniedTopics[0].outputAction is the string 'NONE'; allowed: GuardrailAction.BLOCK, GuardrailAction.NONE or GuardrailAction.of(name)"],
    ['piiEntities[0].action', { piiEntities: [{ ...email, action: 'ANONYMIZE' as any }] },
      "piiEntities[0].action is the string 'ANONYMIZE'; allowed: SensitiveInformationAction.BLOCK, SensitiveInformationAction.ANONYMIZE, " +
      'SensitiveInformationAction.NONE or SensitiveInformationAction.of(name)'],
    ['piiEntities[0].action (absent)', { piiEntities: [email as any] },
      'piiEntities[0].action is undefined; allowed: SensitiveInformationAction.BLOCK, SensitiveInformationAction.ANONYMIZE, ' +
      'SensitiveInformationAction.NONE or SensitiveInformationAction.of(name)'],
    ['regexes[0].inputAction (a member of another set)', { regexes: [{ name: 'r', pattern: 'a', action: SensitiveInformationAction.BLOCK, inputAction: GuardrailAction.BLOCK as any }] },
      'regexes[0].inputAction is a GuardrailAction; allowed: SensitiveInformationAction.BLOCK, SensitiveInformationAction.ANONYMIZE, ' +
      'SensitiveInformationAction.NONE or SensitiveInformationAction.of(name)'],
    ['contextualGrounding[0].type', { contextualGrounding: [{ type: 'GROUNDING' as any, threshold: 0.5 }] },
      "contextualGrounding[0].type is the string 'GROUNDING'; allowed: ContextualGroundingType.GROUNDING, ContextualGroundingType.RELEVANCE " +
      'or ContextualGroundingType.of(name)'],
  ])('%s', (_, props, message) => {
    const error = errorOf(() => new Guardrail(stackIn('us-east-1'), 'Guardrail', props));
    expect(BedrockLandingZoneErrors.codeOf(error)).toBe(Code.GUARDRAIL_PROPS);
    expect((error as Error).message).toContain(message);
  });

  test('the same props with the members synthesize', () => {
    const stack = stackIn('us-east-1');
    new Guardrail(stack, 'Guardrail', {
      contentFilters: [{ ...hate, inputAction: GuardrailAction.BLOCK, outputModalities: [GuardrailModality.TEXT, GuardrailModality.IMAGE] }],
      deniedTopics: [{ name: 'Advice', definition: 'Investment advice.', outputAction: GuardrailAction.NONE }],
      piiEntities: [{ ...email, action: SensitiveInformationAction.ANONYMIZE }],
      regexes: [{ name: 'r', pattern: 'a', action: SensitiveInformationAction.BLOCK, inputAction: SensitiveInformationAction.NONE }],
      contextualGrounding: [{ type: ContextualGroundingType.GROUNDING, threshold: 0.5 }],
    });
    Template.fromStack(stack).resourceCountIs('AWS::Bedrock::Guardrail', 1);
  });
});

/**
 * The values each set knows, pinned to the CloudFormation registry schemas as aws-cdk-lib's service
 * spec (`@aws-cdk/aws-service-spec`, db.json.gz) records them: a constant that is not a schema value,
 * or a schema value without a constant, fails here.
 */
describe('the constants are the CloudFormation schema\'s values', () => {
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(require.resolve('@aws-cdk/aws-service-spec/db.json.gz'))).toString());
  const resource = (type: string) => (db.schema.resource.entities as any[]).find(r => r.cloudFormationType === type);
  const typeDefinitions = new Map((db.schema.typeDefinition.entities as any[]).map(t => [t.$id, t]));
  /** The allowed values of `property` in the type definition `name` that the resource `type` uses. */
  const allowed = (type: string, name: string, property: string): string[] => {
    const used = (db.schema.usesType.forward[resource(type).$id] as Array<{ $id: string }>).map(ref => typeDefinitions.get(ref.$id));
    const propertyType = used.find(t => t.name === name).properties[property].type;
    return (propertyType.element ?? propertyType).allowedValues;
  };

  test.each<[string, string, string, string, string[]]>([
    ['GuardrailAction', 'AWS::Bedrock::Guardrail', 'ContentFilterConfig', 'InputAction', GuardrailAction.all().map(v => v.value)],
    ['GuardrailAction (grounding)', 'AWS::Bedrock::Guardrail', 'ContextualGroundingFilterConfig', 'Action', GuardrailAction.all().map(v => v.value)],
    ['SensitiveInformationAction', 'AWS::Bedrock::Guardrail', 'PiiEntityConfig', 'Action', SensitiveInformationAction.all().map(v => v.value)],
    ['SensitiveInformationAction (regex)', 'AWS::Bedrock::Guardrail', 'RegexConfig', 'OutputAction', SensitiveInformationAction.all().map(v => v.value)],
    ['GuardrailModality', 'AWS::Bedrock::Guardrail', 'ContentFilterConfig', 'InputModalities', GuardrailModality.all().map(v => v.value)],
    ['ContextualGroundingType', 'AWS::Bedrock::Guardrail', 'ContextualGroundingFilterConfig', 'Type', ContextualGroundingType.all().map(v => v.value)],
    // The closed enums (ADR 0022): the library translates each value itself, so a new schema value must fail here.
    ['VectorDataType', 'AWS::Bedrock::KnowledgeBase', 'BedrockEmbeddingModelConfiguration', 'EmbeddingDataType', Object.values(VectorDataType)],
    ['DistanceMetric (S3 Vectors)', 'AWS::S3Vectors::Index', 'AWS::S3Vectors::Index', 'DistanceMetric', Object.values(DistanceMetric).map(m => m.toLowerCase())],
  ])('%s', (_, type, definition, property, constants) => {
    const values = definition === type ? resource(type).properties[property].type.allowedValues : allowed(type, definition, property);
    expect([...constants].sort()).toEqual([...values].sort());
  });

  test('CommitmentTerm: the commitments Bedrock sells are the library\'s terms (the bundled @aws-sdk/client-bedrock\'s CommitmentDuration; no commitment omits it)', () => {
    expect(['None', ...Object.values<string>(CommitmentDuration)].sort()).toEqual(Object.values(CommitmentTerm).sort());
  });
});
