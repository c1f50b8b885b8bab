import { RenderedResource } from './context';
import { asArray, isFalse } from './values';
import { FilterStrength } from '../../guardrails/guardrail-policies';

/**
 * Shared by the guardrail rules (not a rule): reading content filters and PII entities of an
 * `AWS::Bedrock::Guardrail`.
 */

/** The strengths from weakest to strongest: a filter blocks at least a minimum when its strength comes no earlier. */
const STRENGTHS: string[] = [FilterStrength.NONE, FilterStrength.LOW, FilterStrength.MEDIUM, FilterStrength.HIGH];

export function contentFilters(res: RenderedResource): any[] {
  return asArray(res.properties.ContentPolicyConfig?.FiltersConfig);
}

/** Whether a filter, in one direction, is enabled, blocks, and is at least the strength. */
export function filterBlocks(filter: any, direction: 'Input' | 'Output', minimum: string): boolean {
  const strength = STRENGTHS.indexOf(String(filter[`${direction}Strength`] ?? 'NONE'));
  const action = filter[`${direction}Action`] ?? 'BLOCK';
  return !isFalse(filter[`${direction}Enabled`]) && action === 'BLOCK' && strength >= Math.max(1, STRENGTHS.indexOf(minimum));
}

/** Whether a PII entity entry, in one direction, is enabled and blocks or anonymizes. */
export function piiFiltered(entity: any, direction: 'Input' | 'Output'): boolean {
  const action = entity[`${direction}Action`] ?? entity.Action;
  return !isFalse(entity[`${direction}Enabled`]) && (action === 'BLOCK' || action === 'ANONYMIZE');
}
