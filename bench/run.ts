/**
 * `npm run bench`: measures synth time, peak memory, template size and resource counts, Lambda
 * functions and custom resources per stack, and the idle monthly cost, for the example landing zone,
 * generated organizations of 1, 4, 16 and 64 account-region baselines and each vector-store choice;
 * writes bench/RESULTS.md and bench/synth-time.svg; exits 1 when a budget is broken (2 when a synth fails).
 *
 * Options: --quick (one run per scenario, no cfn-guard series: a smoke test, not a measurement, in
 * about two minutes), --full (five runs per scenario, two with cfn-guard: about twice as long),
 * --out <dir> (write the report there instead of bench/; a quick run writes to bench/out/ unless told),
 * --from <results.json> (no synth: render the report and check the budgets of saved results, e.g.
 * bench/out/results.json of an earlier run; writes to bench/out/ unless told).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkBudgets } from './budgets';
import { PLOT_FILE, RunInfo, formatDuration, renderPlot, renderReport } from './report';
import { RUN_TIME_CONTROLS_SIZE, settingsLabel } from './stats';
import { BenchResults, Packs, Sample, ScenarioResult, ScenarioSpec, StackMetrics } from './types';
import { ensureHandlerBundle } from '../scripts/bundle-handlers';

const ROOT = path.join(__dirname, '..');
const WORKER = path.join(__dirname, 'worker.ts');
const HANDLER_BUNDLE = path.join(ROOT, 'assets', 'handlers', 'bedrock-control-plane', 'index.js');
export const SIZES = [1, 4, 16, 64];

interface PlannedScenario { readonly spec: ScenarioSpec; readonly runs: number }

/**
 * What to measure and how often. The default fits in about seven minutes on two cores: three runs
 * per scenario, and the cdk-nag + cfn-guard series (cfn-guard costs about 1.5 s per stack) once per size.
 */
export function plan(mode: Mode): PlannedScenario[] {
  const runs = mode === 'quick' ? 1 : mode === 'full' ? 5 : 3;
  const planned: PlannedScenario[] = [];
  const settings: Array<{ validation: boolean; packs: Packs }> = [
    { validation: false, packs: 'none' },
    { validation: true, packs: 'none' },
    { validation: false, packs: 'nag' },
    { validation: true, packs: 'nag' },
  ];
  // The library's own pack alone, beside the four cdk-nag packs it runs with: what it adds to synth.
  const bedrockOnly = { validation: false, packs: 'bedrock' as const };
  for (const setting of [...settings, bedrockOnly]) {
    for (const baselines of SIZES) planned.push({ spec: { app: 'generated', baselines, ...setting }, runs });
  }
  if (mode !== 'quick') {
    for (const baselines of SIZES) {
      planned.push({ spec: { app: 'generated', baselines, validation: true, packs: 'all' }, runs: mode === 'full' ? 2 : 1 });
    }
  }
  // What the run-time controls add: the same organization without them, at the extremes of the settings.
  for (const setting of [settings[0], settings[3]]) {
    planned.push({ spec: { app: 'generated', baselines: RUN_TIME_CONTROLS_SIZE, runTimeControls: false, ...setting }, runs });
  }
  for (const setting of settings) planned.push({ spec: { app: 'example', ...setting }, runs });
  if (mode !== 'quick') planned.push({ spec: { app: 'example', validation: true, packs: 'all' }, runs: 1 });
  planned.push({ spec: { app: 'stores', validation: true, packs: 'none' }, runs: 1 });
  return planned;
}

interface WorkerOutput { readonly baselines: number; readonly stacks: StackMetrics[]; readonly sample: Omit<Sample, 'wallMs'> }

function runOnce(spec: ScenarioSpec, scratch: string): WorkerOutput & { wallMs: number } {
  const outdir = fs.mkdtempSync(path.join(scratch, 'cdk.out-'));
  const resultFile = path.join(scratch, `result-${path.basename(outdir)}.json`);
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', WORKER, JSON.stringify(spec), outdir, resultFile], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: undefined },
  });
  const wallMs = performance.now() - start;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (child.status !== 0 || !fs.existsSync(resultFile)) {
    throw new Error(`synth of ${describe(spec)} failed (exit ${child.status}):\n${child.stderr}${child.stdout}`);
  }
  const output = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as WorkerOutput;
  fs.rmSync(resultFile, { force: true });
  return { ...output, wallMs };
}

function describe(spec: ScenarioSpec): string {
  const app = spec.app === 'generated' ? `${spec.baselines} generated baseline${spec.baselines === 1 ? '' : 's'}` : spec.app === 'example' ? 'examples/app' : 'vector stores';
  return `${app}, ${settingsLabel(spec)}`;
}

function versionOf(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** Runs the plan, one synth at a time; exits 2 when a synth fails. */
function measure(mode: Mode, command: string): { results: BenchResults; info: RunInfo } {
  if (!fs.existsSync(HANDLER_BUNDLE)) {
    process.stderr.write(`${path.relative(ROOT, HANDLER_BUNDLE)} is missing: run \`npx projen bundle:handlers\` first\n`);
    process.exit(2);
  }
  const planned = plan(mode);
  const total = planned.reduce((n, p) => n + p.runs, 0);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-bench-'));
  const start = performance.now();
  const collected = planned.map(p => ({ ...p, samples: [] as Sample[], stacks: [] as StackMetrics[], baselines: 0 }));
  let done = 0;
  try {
    // Round-robin over scenarios, so background noise spreads across them instead of hitting one.
    while (collected.some(c => c.samples.length < c.runs)) {
      for (const c of collected.filter(x => x.samples.length < x.runs)) {
        const r = runOnce(c.spec, scratch);
        done++;
        c.samples.push({ ...r.sample, wallMs: r.wallMs });
        if (c.stacks.length === 0) {
          c.stacks = r.stacks;
          c.baselines = r.baselines;
        }
        process.stdout.write(`[${done}/${total}] ${describe(c.spec)}: synth ${(r.sample.synthMs / 1000).toFixed(2)} s, ` +
          `process ${(r.wallMs / 1000).toFixed(2)} s, ${Math.round(r.sample.maxRssMb)} MB (${formatDuration(performance.now() - start)})\n`);
      }
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const results: BenchResults = {
    scenarios: collected.map((c): ScenarioResult => ({ spec: c.spec, baselines: c.baselines, stacks: c.stacks, samples: c.samples })),
  };
  const info: RunInfo = {
    date: new Date().toISOString().slice(0, 10),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    platform: `${os.type()} ${os.arch()}`,
    versions: { 'aws-cdk-lib': versionOf('aws-cdk-lib'), 'cdk-nag': versionOf('cdk-nag'), '@cdklabs/cdk-validator-cfnguard': versionOf('@cdklabs/cdk-validator-cfnguard') },
    totalMs: performance.now() - start,
    command,
  };
  return { results, info };
}

/** Writes RESULTS.md and the plot to `outDir`, prints the broken budgets, and returns the exit code (1 when a budget is broken). */
export function finish(results: BenchResults, info: RunInfo, outDir: string): number {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'RESULTS.md'), renderReport(results, info));
  fs.writeFileSync(path.join(outDir, PLOT_FILE), renderPlot(results));
  const broken = checkBudgets(results);
  process.stdout.write(`Wrote ${path.join(outDir, 'RESULTS.md')} and ${path.join(outDir, PLOT_FILE)}\n`);
  if (broken.length > 0) {
    process.stderr.write(`${broken.length} budget${broken.length === 1 ? '' : 's'} broken:\n${broken.map(b => `- ${b}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write('Every budget holds.\n');
  return 0;
}

type Mode = 'default' | 'quick' | 'full';

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => args.includes(name) ? path.resolve(args[args.indexOf(name) + 1]) : undefined;
  const from = option('--from');
  const mode: Mode = args.includes('--quick') ? 'quick' : args.includes('--full') ? 'full' : 'default';
  // A quick run (or a re-check of saved results) does not replace the committed results unless told.
  const outDir = option('--out') ?? (mode === 'quick' || from ? path.join(__dirname, 'out') : __dirname);

  if (from) {
    const saved = JSON.parse(fs.readFileSync(from, 'utf8')) as { results: BenchResults; info: RunInfo };
    process.exit(finish(saved.results, saved.info, outDir));
  }
  ensureHandlerBundle();
  const { results, info } = measure(mode, ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' '));
  // The raw measurements, for a closer look or a re-check with --from (bench/out/ is not committed).
  const raw = path.join(__dirname, 'out');
  fs.mkdirSync(raw, { recursive: true });
  fs.writeFileSync(path.join(raw, `results${mode === 'quick' ? '-quick' : ''}.json`), JSON.stringify({ info, results }, undefined, 1));
  process.stdout.write(`\nMeasured in ${formatDuration(info.totalMs)}\n`);
  process.exit(finish(results, info, outDir));
}

if (require.main === module) main();
