import { ACCOUNT, SONNET_45, stackIn } from './fixtures';
import { Guardrail, GuardrailBase, GuardrailPreset } from '../../src/guardrails';
import {
  ApplicationInferenceProfile, ApplicationInferenceProfileBase, ArnInvokableBase, CrossRegionInferenceProfile, CustomModel, FoundationModel,
  Geography, ProvisionedModel,
} from '../../src/models';
import { CommitmentTerm, ProvisionedThroughput, ProvisionedThroughputModel } from '../../src/throughput';

/** Each family shares one implementation: constructs and their imports extend the same base. */
describe('one implementation per family', () => {
  const stack = stackIn('eu-central-1');
  const arn = (type: string) => `arn:aws:bedrock:eu-central-1:${ACCOUNT}:${type}/abc123`;

  test('provisioned throughput, provisioned, custom and imported models are one ARN invokable', () => {
    const family = [
      new ProvisionedThroughput(stackIn('us-east-1'), 'Pt', {
        model: ProvisionedThroughputModel.foundationModel(FoundationModel.of(SONNET_45)), modelUnits: 1, commitment: CommitmentTerm.NONE,
      }),
      ProvisionedModel.fromProvisionedModelArn(stack, 'Pm', arn('provisioned-model')),
      CustomModel.fromCustomModelDeploymentArn(stack, 'Cmd', arn('custom-model-deployment')),
      CustomModel.fromImportedModelArn(stack, 'Im', arn('imported-model')),
    ];
    expect(family.map(m => m instanceof ArnInvokableBase)).toEqual([true, true, true, true]);
  });

  test('an application inference profile and its import are one implementation', () => {
    const source = CrossRegionInferenceProfile.of(Geography.EU, SONNET_45);
    const created = new ApplicationInferenceProfile(stack, 'Profile', { modelSource: source });
    const imported = ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes(stack, 'Imported', {
      applicationInferenceProfileArn: arn('application-inference-profile'), modelSource: source,
    });
    expect([created, imported].map(p => p instanceof ApplicationInferenceProfileBase)).toEqual([true, true]);
  });

  test('a guardrail and its import are one implementation', () => {
    const created = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
    const imported = Guardrail.fromGuardrailAttributes(stack, 'ImportedGuardrail', { guardrailArn: arn('guardrail'), guardrailVersion: '1' });
    expect([created, imported].map(g => g instanceof GuardrailBase)).toEqual([true, true]);
  });
});
