import { EmbeddingModel } from '../../knowledge-bases';
import { IBedrockInvokable } from '../../models';
import { ApprovedModel } from '../approved-model';

/** The resolved approved models, split by whether the guardrail applies to them. */
export interface GuardedModels {
  /** The models whose calls carry the guardrail */
  readonly guarded: IBedrockInvokable[];
  /** The embedding models: exempt from the guardrail (still private, still logged) */
  readonly embedding: IBedrockInvokable[];
}

/**
 * Guardrails filter text and images in prompts and answers; embedding calls carry neither, so
 * embedding models are exempt from the guardrail requirements. `models[i]` is `approvedModels[i]` resolved.
 */
export function splitByGuarding(models: IBedrockInvokable[], approvedModels: ApprovedModel[]): GuardedModels {
  const isEmbedding = (m: ApprovedModel) => m.modelId !== undefined && EmbeddingModel.fromModelId(m.modelId) !== undefined;
  return {
    guarded: models.filter((_, i) => !isEmbedding(approvedModels[i])),
    embedding: models.filter((_, i) => isEmbedding(approvedModels[i])),
  };
}
