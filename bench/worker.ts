/**
 * One measured synth, in a process of its own (started by bench/run.ts with
 * `node --expose-gc --import tsx bench/worker.ts '<scenario JSON>' <outdir> <result file>`), so its
 * time and peak memory belong to this scenario alone and the first-synth cost of the built-in
 * CloudFormation validator (WASM) is included.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildScenario, classifyStacks } from './scenarios';
import { analyzeTemplate, templateFiles } from './templates';
import { ScenarioSpec, StackMetrics } from './types';

function main(): void {
  const [specJson, outdir, resultFile] = process.argv.slice(2);
  const spec = JSON.parse(specJson) as ScenarioSpec;
  (globalThis as { gc?: () => void }).gc?.();

  const start = performance.now();
  const app = buildScenario(spec, outdir);
  const constructed = performance.now();
  app.synth();
  const synthesized = performance.now();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;

  const classes = classifyStacks(app);
  const stacks: StackMetrics[] = templateFiles(outdir).map(file => analyzeTemplate(file,
    fs.readFileSync(path.join(outdir, file), 'utf8'), classes.get(path.basename(file)) ?? { kind: 'other' }));
  const baselines = stacks.filter(s => s.kind === 'baseline').length;
  fs.writeFileSync(resultFile, JSON.stringify({
    baselines,
    stacks,
    sample: {
      loadMs: start,
      constructMs: constructed - start,
      synthOnlyMs: synthesized - constructed,
      synthMs: synthesized - start,
      maxRssMb,
    },
  }));
}

main();
