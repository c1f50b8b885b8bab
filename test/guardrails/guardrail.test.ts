import { RemovalPolicy, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CrossRegionInferenceProfile, Geography, ModelAccessPolicy } from '../../src';
import {
  ContentFilterType, FilterStrength, Guardrail, GuardrailPreset, ManagedWordListType, PiiEntityType, SensitiveInformationAction,
} from '../../src/guardrails';
import { ACCOUNT, SONNET_45, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { checkCompliance } from '../support/nag';

describe('Guardrail defaults', () => {
  const stack = stackIn('eu-central-1');
  const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
  const template = Template.fromStack(stack);

  test('creates a customer-managed key with rotation, retained on deletion', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(guardrail.encryptionKey).toBeInstanceOf(kms.Key);
  });

  test('the key policy lets account principals use the key only through Bedrock in the region', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Sid: 'AllowAccountPrincipalsThroughBedrock',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:root`]] } },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
          Resource: '*',
          Condition: {
            StringEquals: {
              'kms:ViaService': { 'Fn::Join': ['', ['bedrock.eu-central-1.', { Ref: 'AWS::URLSuffix' }]] },
              'kms:CallerAccount': ACCOUNT,
            },
          },
        }]),
      },
    });
  });

  test('encrypts the guardrail with the key, names it, and uses the default blocked messages', () => {
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      Name: 'StackGuardrail2843DE38',
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GuardrailKey'), 'Arn'] },
      BlockedInputMessaging: 'Sorry, the model cannot answer this question.',
      BlockedOutputsMessaging: 'Sorry, the model cannot answer this question.',
      CrossRegionConfig: Match.absent(),
      TopicPolicyConfig: Match.absent(),
      SensitiveInformationPolicyConfig: Match.absent(),
    });
  });

  test('the baseline preset: prompt attack HIGH on input only, five harmful categories HIGH, CLASSIC tier', () => {
    const filter = (type: string, input: string, output: string) => ({
      Type: type,
      InputStrength: input,
      OutputStrength: output,
      InputAction: 'BLOCK',
      OutputAction: 'BLOCK',
      InputEnabled: true,
      OutputEnabled: true,
      InputModalities: ['TEXT'],
      OutputModalities: ['TEXT'],
    });
    template.hasResourceProperties('AWS::Bedrock::Guardrail', {
      ContentPolicyConfig: {
        FiltersConfig: [
          filter('PROMPT_ATTACK', 'HIGH', 'NONE'),
          filter('SEXUAL', 'HIGH', 'HIGH'), filter('VIOLENCE', 'HIGH', 'HIGH'), filter('HATE', 'HIGH', 'HIGH'),
          filter('INSULTS', 'HIGH', 'HIGH'), filter('MISCONDUCT', 'HIGH', 'HIGH'),
        ],
        ContentFiltersTierConfig: { TierName: 'CLASSIC' },
      },
    });
  });

  test('the guardrail is deleted with the stack unless a removal policy says otherwise', () => {
    template.hasResource('AWS::Bedrock::Guardrail', { DeletionPolicy: Match.absent() });
    const other = stackIn('eu-central-1');
    new Guardrail(other, 'Guardrail', { removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(other).hasResource('AWS::Bedrock::Guardrail', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('Guardrail with presets and its own policies', () => {
  function extended() {
    const stack = stackIn('eu-central-1');
    const guardrail = new Guardrail(stack, 'Guardrail', {
      guardrailName: 'claims-assistant',
      description: 'Claims assistant guardrail',
      presets: [GuardrailPreset.BASELINE, GuardrailPreset.HIPAA, GuardrailPreset.PCI_DSS],
      crossRegion: Geography.EU,
      contentFilters: [{ type: ContentFilterType.MISCONDUCT, inputStrength: FilterStrength.MEDIUM, outputStrength: FilterStrength.MEDIUM }],
      piiEntities: [{ type: PiiEntityType.NAME, action: SensitiveInformationAction.NONE }],
      deniedTopics: [{ name: 'Investment advice', definition: 'Recommendations about what to invest in.', examples: ['Which fund should I buy?'] }],
      words: [{ text: 'CompetitorCorp' }],
      managedWordLists: [{ type: ManagedWordListType.PROFANITY }],
      regexes: [{ name: 'Medical record number', pattern: 'MRN-[0-9]{8}', action: SensitiveInformationAction.ANONYMIZE, outputAction: SensitiveInformationAction.BLOCK }],
    });
    return { stack, guardrail };
  }

  test('a later entry with the same key replaces the preset\'s, in place', () => {
    const { guardrail } = extended();
    expect(guardrail.policies.contentFilters!.map(f => `${f.type}:${f.inputStrength}`)).toEqual([
      'PROMPT_ATTACK:HIGH', 'SEXUAL:HIGH', 'VIOLENCE:HIGH', 'HATE:HIGH', 'INSULTS:HIGH', 'MISCONDUCT:MEDIUM',
    ]);
    const pii = Object.fromEntries(guardrail.policies.piiEntities!.map(e => [e.type.value, e.action.value]));
    expect(pii.NAME).toBe('NONE');
    expect(pii.CREDIT_DEBIT_CARD_CVV).toBe('BLOCK');
    expect(pii.US_SOCIAL_SECURITY_NUMBER).toBe('BLOCK');
    expect(pii.EMAIL).toBe('ANONYMIZE');
    // HIPAA and PCI DSS both name the card number: one entry.
    expect(guardrail.policies.piiEntities!.filter(e => e.type.value === 'CREDIT_DEBIT_CARD_NUMBER')).toHaveLength(1);
  });

  test('renders topics, words, the profanity list, regexes with per-direction actions, and STANDARD tiers with the EU profile', () => {
    const { stack } = extended();
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::Guardrail', {
      Name: 'claims-assistant',
      Description: 'Claims assistant guardrail',
      CrossRegionConfig: { GuardrailProfileArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:bedrock:eu-central-1:${ACCOUNT}:guardrail-profile/eu.guardrail.v1:0`]] } },
      ContentPolicyConfig: Match.objectLike({ ContentFiltersTierConfig: { TierName: 'STANDARD' } }),
      TopicPolicyConfig: {
        TopicsConfig: [{
          Name: 'Investment advice',
          Definition: 'Recommendations about what to invest in.',
          Examples: ['Which fund should I buy?'],
          Type: 'DENY',
          InputAction: 'BLOCK',
          OutputAction: 'BLOCK',
          InputEnabled: true,
          OutputEnabled: true,
        }],
        TopicsTierConfig: { TierName: 'STANDARD' },
      },
      WordPolicyConfig: {
        WordsConfig: [{ Text: 'CompetitorCorp', InputAction: 'BLOCK', OutputAction: 'BLOCK', InputEnabled: true, OutputEnabled: true }],
        ManagedWordListsConfig: [{ Type: 'PROFANITY', InputAction: 'BLOCK', OutputAction: 'BLOCK', InputEnabled: true, OutputEnabled: true }],
      },
      SensitiveInformationPolicyConfig: Match.objectLike({
        RegexesConfig: [{
          Name: 'Medical record number',
          Pattern: 'MRN-[0-9]{8}',
          Action: 'ANONYMIZE',
          InputAction: 'ANONYMIZE',
          OutputAction: 'BLOCK',
          InputEnabled: true,
          OutputEnabled: true,
        }],
      }),
    });
  });

  test('passes the four cdk-nag packs with no violation and no acknowledgement, its grants included', () => {
    const { stack, guardrail } = extended();
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    // A managed policy, so the packs' no-inline-policy rules judge the guardrail's statements, not the role's default policy.
    new ModelAccessPolicy(stack, 'Access', { models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)], requireGuardrail: guardrail, roles: [role] });
    new Guardrail(stack, 'Strict', { presets: [GuardrailPreset.STRICT] });
    expect(checkCompliance(stack)).toEqual({ violations: [], acknowledgements: [] });
  });

  test('is valid CloudFormation by aws-cdk-lib\'s schema validator', () => {
    const { stack } = extended();
    new Guardrail(stack, 'Strict', { presets: [GuardrailPreset.STRICT] });
    expect(() => expectValidCloudFormation(stack)).not.toThrow();
  });
});

describe('Guardrail with the team\'s own key', () => {
  test('uses it and creates none', () => {
    const stack = stackIn('eu-central-1');
    const key = kms.Key.fromKeyArn(stack, 'Key', `arn:aws:kms:eu-central-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`);
    const guardrail = new Guardrail(stack, 'Guardrail', { encryptionKey: key });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::Bedrock::Guardrail', { KmsKeyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555` });
    expect(guardrail.encryptionKey).toBe(key);
  });
});

describe('presets', () => {
  test('STRICT covers every PII type Bedrock detects', () => {
    expect(GuardrailPreset.STRICT.policies.piiEntities!.map(e => e.type.value)).toEqual(PiiEntityType.all().map(t => t.value));
    expect(PiiEntityType.all()).toHaveLength(31);
  });

  test('PCI DSS blocks card data', () => {
    expect(GuardrailPreset.PCI_DSS.policies.piiEntities!.map(e => `${e.type}:${e.action}`)).toEqual([
      'CREDIT_DEBIT_CARD_NUMBER:BLOCK', 'CREDIT_DEBIT_CARD_CVV:BLOCK', 'PIN:BLOCK', 'CREDIT_DEBIT_CARD_EXPIRY:ANONYMIZE',
    ]);
  });

  test('PiiEntityType.of names a type the library does not list yet', () => {
    expect(PiiEntityType.of('NEW_TYPE').value).toBe('NEW_TYPE');
  });
});
