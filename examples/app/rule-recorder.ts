import * as fs from 'fs';
import * as path from 'path';
import { NagPack } from 'cdk-nag';

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
}

export function recordEvaluatedRules(): { write(outdir: string): void } {
  const rules = new Map<string, EvaluatedRule>();
  const proto = NagPack.prototype as unknown as { applyRule(params: any): void };
  const original = proto.applyRule;
  proto.applyRule = function (this: NagPack, params: any) {
    const ruleId = `${this.readPackName}-${params.ruleSuffixOverride ?? params.rule.name}`;
    if (!rules.has(ruleId)) rules.set(ruleId, { pack: this.name, ruleId, info: params.info, level: String(params.level) });
    return original.call(this, params);
  };
  return {
    write(outdir: string) {
      const sorted = [...rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
      fs.writeFileSync(path.join(outdir, 'evaluated-rules.json'), JSON.stringify(sorted, undefined, 2));
    },
  };
}
