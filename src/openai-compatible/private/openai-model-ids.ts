import { ApprovedModel } from '../../landing-zone/approved-model';
import { Geography } from '../../models/geography';

/**
 * The IDs a request to the OpenAI-compatible endpoint may name an approved model by
 * (`bedrock-mantle:Model`): a model routed through a geography by that geography's profile ID, an
 * in-region model by its model ID, a global one by its global profile ID. A spelling the list does
 * not hold is denied: the fence fails closed.
 */
export function openAiModelIds(models: ApprovedModel[], geographies: Geography[]): string[] {
  return [...new Set(models.filter(m => m.modelId !== undefined).flatMap(m => {
    const id = m.modelId!;
    if (m.isGlobal) return [`global.${id}`];
    if (m.isInRegion) return [id];
    return geographies.map(g => `${g.prefix}.${id}`);
  }))].sort();
}
