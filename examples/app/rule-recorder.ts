import * as fs from 'fs';
import * as path from 'path';
import { NagPack, NagRuleCompliance } from 'cdk-nag';

/**
 * Records every cdk-nag rule a pack evaluates during synth (cdk-nag 3 packs do not list their rules),
 * so the compliance report can say which rules passed, not only which ones found something. Written
 * next to the cloud assembly as `evaluated-rules.json`.
 */
export interface EvaluatedRule {
  readonly pack: string;
  readonly ruleId: string;
  readonly info: string;
  readonly level: string;
  /** Whether any resource of the app was of a kind the rule judges (a result other than not applicable) */
  readonly applicable: boolean;
}

export interface RuleRecorder {
  /**
   * Names every rule of a pack that applies rules only to the resource types they read (the Bedrock
   * pack): a rule never applied is recorded as not applicable rather than left out.
   */
  declare(pack: string, ruleIds: string[]): void;
  write(outdir: string): void;
}

export function recordEvaluatedRules(): RuleRecorder {
  const rules = new Map<string, EvaluatedRule>();
  const proto = NagPack.prototype as unknown as { applyRule(params: any): void };
  const original = proto.applyRule;
  proto.applyRule = function (this: NagPack, params: any) {
    const ruleId = `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`;
    if (!rules.has(ruleId)) rules.set(ruleId, { pack: this.name, ruleId, info: params.info, level: String(params.level), applicable: false });
    const rule = params.rule;
    const watched = (node: unknown) => {
      const result = rule(node);
      const seen = rules.get(ruleId)!;
      if (result !== NagRuleCompliance.NOT_APPLICABLE && !seen.applicable) rules.set(ruleId, { ...seen, applicable: true });
      return result;
    };
    // cdk-nag names a finding after the rule function when the pack gives no suffix: keep the name.
    Object.defineProperty(watched, 'name', { value: rule.name });
    const recorded = { ...params, rule: watched };
    return original.call(this, recorded);
  };
  const declared: EvaluatedRule[] = [];
  return {
    declare(pack: string, ruleIds: string[]) {
      declared.push(...ruleIds.map(ruleId => ({ pack, ruleId, info: '', level: '', applicable: false })));
    },
    write(outdir: string) {
      for (const d of declared) if (!rules.has(d.ruleId)) rules.set(d.ruleId, d);
      const sorted = [...rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
      fs.writeFileSync(path.join(outdir, 'evaluated-rules.json'), JSON.stringify(sorted, undefined, 2));
    },
  };
}
