import { App, Stack, aws_bedrock as bedrock, aws_logs as logs } from 'aws-cdk-lib';
import { LOG_RETENTION_DAYS, MODEL_ID_PATTERN, logRetentionProblems, tagProblems } from '../../src/core/validation';
import { SelectiveGuardingMode } from '../../src/guardrails';
import { REGION_DATA } from '../../src/models/region-data.generated';
import { ACCOUNT } from '../models/fixtures';
import { cfnSchemaFindings } from '../support/cfn-schema';

/**
 * The constraints the library's synth-time checks enforce, pinned against their source: the
 * CloudFormation resource schemas bundled with aws-cdk-lib's validator (`CloudFormationValidatePlugin`),
 * which only warns at synth. Each value the library refuses is one the schema refuses, and the values
 * the library accepts pass the schema, so an error at synth stands for a failure at deploy.
 */
describe('the library\'s value checks match CloudFormation\'s schemas', () => {
  const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'eu-central-1' } });
  const guardrail = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr0123456789`;
  const copyFrom = 'arn:aws:bedrock:eu-central-1::foundation-model/amazon.titan-embed-text-v2:0';

  // Accepted by the library: every retention it allows (INFINITE is the retention left out), a log
  // group name of every allowed character, both guarding modes, every model ID of the region data,
  // a description and tags of every allowed character.
  LOG_RETENTION_DAYS.filter(d => d !== logs.RetentionDays.INFINITE).forEach(days =>
    new logs.CfnLogGroup(stack, `Retention${days}`, { retentionInDays: days, logGroupName: `/Bedrock-landing_zone/#.${days}` }));
  new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'Enforced', {
    guardrailIdentifier: guardrail,
    guardrailVersion: '99999999',
    selectiveContentGuarding: { system: SelectiveGuardingMode.SELECTIVE, messages: SelectiveGuardingMode.COMPREHENSIVE },
    modelEnforcement: { includedModels: ['ALL'], excludedModels: Object.keys(REGION_DATA.models) },
  });
  new bedrock.CfnApplicationInferenceProfile(stack, 'Profile', {
    inferenceProfileName: 'claims',
    modelSource: { copyFrom },
    description: 'Claims team: embeddings v2.0 for search_index-prod',
    tags: [{ key: 'Cost Center_1.a:/=+@-', value: 'x'.repeat(256) }, { key: 'k'.repeat(128), value: '' }],
  });

  // Refused by the library, each with the schema's word.
  new logs.CfnLogGroup(stack, 'BadRetention', { retentionInDays: 42 });
  new logs.CfnLogGroup(stack, 'BadName', { logGroupName: '/bedrock landing zone/logs' });
  new logs.CfnLogGroup(stack, 'LongName', { logGroupName: `/${'a'.repeat(512)}` });
  new bedrock.CfnEnforcedGuardrailConfiguration(stack, 'BadEnforced', {
    guardrailIdentifier: `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/My_Guardrail`,
    guardrailVersion: '1',
    selectiveContentGuarding: { system: 'comprehensive' },
    modelEnforcement: { includedModels: ['ALL'], excludedModels: ['vendor.model.v2'] },
  });
  new bedrock.CfnApplicationInferenceProfile(stack, 'BadProfile', {
    inferenceProfileName: 'claims', modelSource: { copyFrom }, description: 'Claims, for R&D!', tags: [{ key: 'CostCenter', value: 'R&D' }],
  });
  new bedrock.CfnApplicationInferenceProfile(stack, 'ManyTags', {
    inferenceProfileName: 'many', modelSource: { copyFrom }, tags: Array.from({ length: 201 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
  });

  const findings = cfnSchemaFindings(stack);

  test('what the library accepts, the schema accepts', () => {
    expect(findings.filter(f => /@ S\/(Retention\d+|Enforced|Profile):/.test(f))).toEqual([]);
  });

  test('what the library refuses, the schema refuses: exactly these findings', () => {
    const allowedDays = LOG_RETENTION_DAYS.filter(d => d !== logs.RetentionDays.INFINITE).join(', ');
    expect([...findings].sort()).toEqual([
      `F3031 @ S/BadEnforced: GuardrailIdentifier: 'arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/My_Guardrail' does not match pattern ` +
      "'^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))$'",
      "F3031 @ S/BadEnforced: ModelEnforcement.ExcludedModels.0: 'vendor.model.v2' does not match pattern " +
      "'^([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12}){0,1}$'",
      "F3031 @ S/BadName: LogGroupName: '/bedrock landing zone/logs' does not match pattern '^[.\\-_/#A-Za-z0-9]{1,512}\\Z'",
      "F3031 @ S/BadProfile: Description: 'Claims, for R&D!' does not match pattern '^([0-9a-zA-Z:.][ _-]?)+$'",
      "F3031 @ S/BadProfile: Tags.0.Value: 'R&D' does not match pattern '^[a-zA-Z0-9\\s._:/=+@-]*$'",
      `F3031 @ S/LongName: LogGroupName: '/${'a'.repeat(512)}' does not match pattern '^[.\\-_/#A-Za-z0-9]{1,512}\\Z'`,
      'F3032 @ S/ManyTags: Tags: expected maximum item count: 200, found: 201',
      'F3033 @ S/LongName: LogGroupName: length 513 exceeds maximum 512',
      'W3030 @ S/BadEnforced: SelectiveContentGuarding.System: \'comprehensive\' is not one of [\'SELECTIVE\', \'COMPREHENSIVE\']',
      `W3030 @ S/BadRetention: RetentionInDays: 42 is not one of [${allowedDays}]`,
    ].sort());
  });

  test('the library\'s helpers draw the same lines', () => {
    expect(LOG_RETENTION_DAYS.filter(d => logRetentionProblems('r', d).length > 0)).toEqual([]);
    expect(logRetentionProblems('r', 42)).toHaveLength(1);
    expect(tagProblems('tags', { 'Cost Center_1.a:/=+@-': 'x'.repeat(256), ['k'.repeat(128)]: '' })).toEqual([]);
    expect(tagProblems('tags', { CostCenter: 'R&D' })).toHaveLength(1);
    expect(tagProblems('tags', Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'v'])))).toEqual(['tags has 201 tags; at most 200 are allowed']);
    // The library's model ID rule admits every model of the data, as the schema does.
    expect(Object.keys(REGION_DATA.models).filter(id => !MODEL_ID_PATTERN.test(id))).toEqual([]);
  });
});
