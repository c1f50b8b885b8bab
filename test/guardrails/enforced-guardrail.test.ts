import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EnforcedGuardrail, Guardrail, GuardrailPreset, SelectiveGuardingMode } from '../../src/guardrails';
import { CrossRegionInferenceProfile, FoundationModel, Geography, ProvisionedModel } from '../../src/models';
import { ACCOUNT, SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { checkCompliance } from '../support/nag';

const GUARDRAIL_ARN = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:guardrail/gr0123456789`;

describe('EnforcedGuardrail', () => {
  function withGuardrail(): { stack: Stack; guardrail: Guardrail; enforced: EnforcedGuardrail } {
    const stack = stackIn('eu-central-1');
    const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
    const enforced = new EnforcedGuardrail(stack, 'Enforced', {
      guardrail,
      excludedModels: [FoundationModel.of(TITAN_EMBED_V2)],
      systemGuarding: SelectiveGuardingMode.COMPREHENSIVE,
      messagesGuarding: SelectiveGuardingMode.SELECTIVE,
    });
    return { stack, guardrail, enforced };
  }

  test('enforces the guardrail\'s published version on every model but the excluded ones', () => {
    const { stack, guardrail } = withGuardrail();
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::EnforcedGuardrailConfiguration', {
      GuardrailIdentifier: { 'Fn::GetAtt': [stack.resolve(guardrail.resource.logicalId), 'GuardrailArn'] },
      GuardrailVersion: { 'Fn::GetAtt': [stack.resolve(guardrail.version.logicalId), 'Version'] },
      ModelEnforcement: { IncludedModels: ['ALL'], ExcludedModels: [TITAN_EMBED_V2] },
      SelectiveContentGuarding: { System: 'COMPREHENSIVE', Messages: 'SELECTIVE' },
    });
  });

  test('included models name each model; a cross-region profile stands for its model', () => {
    const stack = stackIn('eu-central-1');
    new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' }),
      includedModels: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45), FoundationModel.of(TITAN_EMBED_V2)],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::EnforcedGuardrailConfiguration', {
      GuardrailIdentifier: GUARDRAIL_ARN,
      GuardrailVersion: '3',
      ModelEnforcement: { IncludedModels: [SONNET_45, TITAN_EMBED_V2], ExcludedModels: [] },
    });
  });

  test('without model lists, it applies to every model', () => {
    const stack = stackIn('eu-central-1');
    new EnforcedGuardrail(stack, 'Enforced', { guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' }) });
    const props = Object.values(Template.fromStack(stack).findResources('AWS::Bedrock::EnforcedGuardrailConfiguration'))[0].Properties;
    expect(props).toEqual({ GuardrailIdentifier: GUARDRAIL_ARN, GuardrailVersion: '3' });
  });

  test('the version must be numeric', () => {
    expect(() => new EnforcedGuardrail(stackIn('eu-central-1'), 'Enforced', {
      // A reference of the caller's own making: Guardrail.fromGuardrailAttributes refuses DRAFT itself.
      guardrail: { guardrailArn: GUARDRAIL_ARN, guardrailVersion: 'DRAFT', applyStatements: () => [] },
    })).toThrow("EnforcedGuardrail: guardrail.guardrailVersion is 'DRAFT'; allowed: a numeric version 1 to 99999999 (not DRAFT)");
  });

  test('the guardrail must be in the stack\'s region', () => {
    const stack = stackIn('eu-west-1');
    expect(() => new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
    })).toThrow('EnforcedGuardrail: guardrail.guardrailArn is in eu-central-1, but the stack region is eu-west-1; allowed: a guardrail in eu-west-1');
  });

  test('the guardrail must be of the stack\'s account', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN.replace(ACCOUNT, '222222222222'), guardrailVersion: '1' }),
    })).toThrow(`EnforcedGuardrail: guardrail.guardrailArn is in account 222222222222, but the stack account is ${ACCOUNT}; allowed: a guardrail of account ${ACCOUNT}`);
  });

  test('a guardrail imported into the stack is where its ARN says, not where the import is', () => {
    const stack = stackIn('eu-central-1');
    const elsewhere = Guardrail.fromGuardrailAttributes(stack, 'Elsewhere', {
      guardrailArn: 'arn:aws:bedrock:eu-west-1:222222222222:guardrail/gr0123456789', guardrailVersion: '1',
    });
    expect(() => new EnforcedGuardrail(stack, 'Enforced', { guardrail: elsewhere })).toThrow([
      'EnforcedGuardrail:',
      '  - guardrail.guardrailArn is in eu-west-1, but the stack region is eu-central-1; allowed: a guardrail in eu-central-1',
      `  - guardrail.guardrailArn is in account 222222222222, but the stack account is ${ACCOUNT}; allowed: a guardrail of account ${ACCOUNT}`,
    ].join('\n'));
    const here = Guardrail.fromGuardrailAttributes(stack, 'Here', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' });
    new EnforcedGuardrail(stack, 'EnforcedHere', { guardrail: here });
    Template.fromStack(stack).hasResourceProperties('AWS::Bedrock::EnforcedGuardrailConfiguration', { GuardrailIdentifier: GUARDRAIL_ARN });
  });

  test('a guardrail created in a stack of another region is refused', () => {
    const app = new App();
    const frankfurt = new Stack(app, 'Frankfurt', { env: { account: ACCOUNT, region: 'eu-central-1' } });
    const ireland = new Stack(app, 'Ireland', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const guardrail = new Guardrail(ireland, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
    expect(() => new EnforcedGuardrail(frankfurt, 'Enforced', { guardrail }))
      .toThrow('EnforcedGuardrail: guardrail.guardrailArn is in eu-west-1, but the stack region is eu-central-1; allowed: a guardrail in eu-central-1');
  });

  test('a guarding mode that is not one of the enum\'s (a JavaScript caller\'s string) is an error', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      systemGuarding: 'comprehensive' as SelectiveGuardingMode,
      messagesGuarding: 'ALL' as SelectiveGuardingMode,
    })).toThrow([
      'EnforcedGuardrail:',
      "  - systemGuarding is the string 'comprehensive'; allowed: SelectiveGuardingMode.SELECTIVE, SelectiveGuardingMode.COMPREHENSIVE",
      "  - messagesGuarding is the string 'ALL'; allowed: SelectiveGuardingMode.SELECTIVE, SelectiveGuardingMode.COMPREHENSIVE",
    ].join('\n'));
  });

  test('a model ID the configuration cannot name is an error, allowUnlistedModel or not', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      excludedModels: [FoundationModel.of('vendor.model.v2', { allowUnlistedModel: true })],
    })).toThrow("EnforcedGuardrail: excludedModels[0] has model ID 'vendor.model.v2', which AWS::Bedrock::EnforcedGuardrailConfiguration does not accept; " +
      "allowed: <provider>.<model> and up to two ':' segments, lowercase letters, digits and '-'");
  });

  test('models must be foundation models or cross-region profiles', () => {
    const stack = stackIn('eu-central-1');
    const provisioned = ProvisionedModel.fromProvisionedModelArn(stack, 'Pm', `arn:aws:bedrock:eu-central-1:${ACCOUNT}:provisioned-model/pm1`);
    expect(() => new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      excludedModels: [provisioned],
    })).toThrow(`EnforcedGuardrail: excludedModels[0] is a ${provisioned.constructor.name}: an enforced guardrail names foundation models only; ` +
      'give a FoundationModel or a CrossRegionInferenceProfile (which stands for its model)');
  });

  test('an empty included list is an error', () => {
    const stack = stackIn('eu-central-1');
    expect(() => new EnforcedGuardrail(stack, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' }),
      includedModels: [],
    })).toThrow('EnforcedGuardrail: includedModels is empty: give at least one model, or leave it undefined to enforce on every model');
  });

  test('one per account and region in an app', () => {
    const app = new App();
    const env = { account: ACCOUNT, region: 'eu-central-1' };
    const a = new Stack(app, 'A', { env });
    const guardrail = Guardrail.fromGuardrailAttributes(a, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '1' });
    new EnforcedGuardrail(a, 'Enforced', { guardrail });
    new EnforcedGuardrail(new Stack(app, 'B', { env }), 'Enforced', { guardrail });
    const c = new Stack(app, 'C', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    new EnforcedGuardrail(c, 'Enforced', {
      guardrail: Guardrail.fromGuardrailAttributes(c, 'ImportedGuardrail', { guardrailArn: GUARDRAIL_ARN.replace('eu-central-1', 'eu-west-1'), guardrailVersion: '1' }),
    });
    expect(() => app.synth()).toThrow(`The enforced guardrail configuration is one per account and region, but 2 constructs configure it for account ${ACCOUNT} region eu-central-1: A/Enforced, B/Enforced.`);
  });

  test('passes the four cdk-nag packs with no violation and no acknowledgement', () => {
    expect(checkCompliance(withGuardrail().stack)).toEqual({ violations: [], acknowledgements: [] });
  });

  test('is valid CloudFormation by aws-cdk-lib\'s schema validator', () => {
    expect(() => expectValidCloudFormation(withGuardrail().stack)).not.toThrow();
  });
});
