import { Token } from 'aws-cdk-lib';
import { Problems, describeValue } from '../../core/validation';
import { CrossRegionInferenceProfile, FoundationModel, IBedrockInvokable } from '../../models';

/** The model-ID shape a configuration accepts, and the resource type that says so. */
export interface ModelIdShape {
  readonly pattern: RegExp;
  readonly resourceType: string;
  readonly allowed: string;
}

/**
 * The model IDs an account-wide guardrail names (`includedModels`, `excludedModels`): a foundation
 * model's ID, or the model a cross-region profile stands for. Anything else is a problem, and so is
 * an ID outside `shape` when one is given. `namedBy` says what names them, for the message.
 */
export function guardedModelIds(prop: string, models: IBedrockInvokable[] | undefined, problems: Problems, namedBy: string,
  shape?: ModelIdShape): string[] | undefined {
  if (!models) return undefined;
  return models.map((m, i) => {
    if (m instanceof FoundationModel || m instanceof CrossRegionInferenceProfile) {
      if (shape && !Token.isUnresolved(m.modelId) && !shape.pattern.test(m.modelId)) {
        problems.add(`${prop}[${i}] has model ID '${m.modelId}', which ${shape.resourceType} does not accept; allowed: ${shape.allowed}`);
      }
      return m.modelId;
    }
    problems.add(`${prop}[${i}] is ${describeValue(m)}: ${namedBy} names foundation models only; ` +
      'give a FoundationModel or a CrossRegionInferenceProfile (which stands for its model)');
    return '';
  });
}
