import { RenderedResource } from './context';
import { asArray } from './values';
import { AGENTCORE_SERVICE, BEDROCK_SERVICE, MARKETPLACE_BILLING_ENTITY } from '../../catalogue/bedrock-billing';

/**
 * A line of the bill, as a budget filter sees it: its dimensions (`SERVICE`, `BILLING_ENTITY`, ...).
 * Tags and cost categories are taken to match: they do not depend on how a model is billed.
 */
export type BillLine = Record<string, string>;

/** A first-party Bedrock line, and a Marketplace-billed model's line ("<model> (Amazon Bedrock Edition)"). */
export const BEDROCK_LINE: BillLine = { SERVICE: BEDROCK_SERVICE, BILLING_ENTITY: 'AWS' };
export const AGENTCORE_LINE: BillLine = { SERVICE: AGENTCORE_SERVICE, BILLING_ENTITY: 'AWS' };
export const MARKETPLACE_MODEL_LINE: BillLine = { SERVICE: 'Claude Sonnet 4.5 (Amazon Bedrock Edition)', BILLING_ENTITY: MARKETPLACE_BILLING_ENTITY };

/** The `Budget` of an `AWS::Budgets::Budget` that counts cost, or undefined (a usage, RI or Savings Plans budget counts no spend). */
export function costBudgetOf(budget: RenderedResource): any {
  const data = budget.properties.Budget;
  return data && data.BudgetType === 'COST' ? data : undefined;
}

/** The legacy `CostFilters` keys and the dimensions they name. */
const LEGACY_KEYS: Record<string, string> = { Service: 'SERVICE', BillingEntity: 'BILLING_ENTITY' };

/**
 * Whether a budget counts a line: its `FilterExpression` (And, Or, Not, Dimensions with their match
 * options) and its legacy `CostFilters`, as Budgets reads them. 'unknown' where a value is not a
 * string the pack can read.
 */
export function budgetCounts(budgetData: any, line: BillLine): boolean | 'unknown' {
  const legacy = budgetData?.CostFilters;
  const results: Array<boolean | 'unknown'> = [];
  if (legacy && typeof legacy === 'object') {
    for (const [key, values] of Object.entries<any>(legacy)) {
      const dimension = LEGACY_KEYS[key];
      if (dimension === undefined) continue;
      results.push(matches(line[dimension], asArray(values), ['EQUALS']));
    }
  }
  if (budgetData?.FilterExpression !== undefined) results.push(expressionCounts(budgetData.FilterExpression, line));
  if (results.includes(false)) return false;
  return results.includes('unknown') ? 'unknown' : true;
}

function expressionCounts(e: any, line: BillLine): boolean | 'unknown' {
  if (!e || typeof e !== 'object') return 'unknown';
  const parts: Array<boolean | 'unknown'> = [];
  if (e.And !== undefined) parts.push(all(asArray(e.And).map(x => expressionCounts(x, line))));
  if (e.Or !== undefined) parts.push(any(asArray(e.Or).map(x => expressionCounts(x, line))));
  if (e.Not !== undefined) {
    const inner = expressionCounts(e.Not, line);
    parts.push(inner === 'unknown' ? 'unknown' : !inner);
  }
  if (e.Dimensions !== undefined) {
    const d = e.Dimensions;
    if (typeof d.Key !== 'string') parts.push('unknown');
    // A dimension the line does not carry (USAGE_TYPE, REGION, ...) does not tell Bedrock from Marketplace: taken to match.
    else if (!(d.Key in line)) parts.push(true);
    else parts.push(matches(line[d.Key], asArray(d.Values), asArray(d.MatchOptions)));
  }
  return parts.length === 0 ? true : all(parts);
}

function matches(value: string | undefined, values: unknown[], options: unknown[]): boolean | 'unknown' {
  if (values.some(v => typeof v !== 'string')) return 'unknown';
  const opts = options.filter((o): o is string => typeof o === 'string');
  const insensitive = opts.includes('CASE_INSENSITIVE');
  const norm = (s: string) => insensitive ? s.toLowerCase() : s;
  if (opts.includes('ABSENT')) return value === undefined;
  if (value === undefined) return false;
  const v = norm(value);
  return (values as string[]).map(norm).some(x => opts.includes('STARTS_WITH') ? v.startsWith(x)
    : opts.includes('ENDS_WITH') ? v.endsWith(x)
      : opts.includes('CONTAINS') ? v.includes(x)
        : v === x);
}

function all(parts: Array<boolean | 'unknown'>): boolean | 'unknown' {
  if (parts.includes(false)) return false;
  return parts.includes('unknown') ? 'unknown' : true;
}

function any(parts: Array<boolean | 'unknown'>): boolean | 'unknown' {
  if (parts.includes(true)) return true;
  return parts.includes('unknown') ? 'unknown' : false;
}
