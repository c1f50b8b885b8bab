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

export function recordEvaluatedRules(): { write(outdir: string): void } {
  const rules = new Map<string, EvaluatedRule>();
  const proto = NagPack.prototype as unknown as { applyRule(params: any): void };
  const original = proto.applyRule;
  proto.applyRule = function (this: NagPack, params: any) {
    const ruleId = `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`;
    if (!rules.has(ruleId)) rules.set(ruleId, { pack: this.name, ruleId, info: params.info, level: String(params.level), applicable: false });
    const rule = params.rule;
    const recorded = {
      ...params,
      rule: (node: unknown) => {
        const result = rule(node);
        const seen = rules.get(ruleId)!;
        if (result !== NagRuleCompliance.NOT_APPLICABLE && !seen.applicable) rules.set(ruleId, { ...seen, applicable: true });
        return result;
      },
    };
    return original.call(this, recorded);
  };
  return {
    write(outdir: string) {
      const sorted = [...rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
      fs.writeFileSync(path.join(outdir, 'evaluated-rules.json'), JSON.stringify(sorted, undefined, 2));
    },
  };
}
