import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultKnowledgeBase, generated, scenario, stack } from './fixtures';
import { BenchResults } from '../../bench/types';

const ROOT = path.join(__dirname, '..', '..');
const INFO = {
  date: '2026-11-22',
  cpus: 2,
  cpuModel: 'Test CPU',
  node: 'v20.0.0',
  platform: 'Linux x64',
  versions: { 'aws-cdk-lib': '2.276.0' },
  totalMs: 61_000,
  command: 'npm run bench',
};

/** `npm run bench -- --from <saved results>`: no synth, the same report and budget check as a real run. */
function recheck(results: BenchResults): { status: number | null; stderr: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-run-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify({ info: INFO, results }));
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'run.ts'), '--from', path.join(dir, 'results.json'), '--out', dir], {
    cwd: ROOT, encoding: 'utf8',
  });
  return { status: child.status, stderr: child.stderr, dir };
}

function run(baselineLambdas: number): BenchResults {
  return {
    scenarios: [
      ...[4, 64].map(n => generated(n, [500 + 100 * n])),
      scenario({ app: 'example', validation: false, packs: 'none' }, [900],
        [stack({ template: 'Baseline-dev-us-east-1.template.json', lambdaFunctions: baselineLambdas }), defaultKnowledgeBase()]),
    ],
  };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

describe('bench/run.ts', () => {
  test('exits 0 and writes the results and the plot when every budget holds', () => {
    const { status, stderr, dir } = recheck(run(1));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(fs.readdirSync(dir).sort()).toEqual(['RESULTS.md', 'results.json', 'synth-time.svg']);
    expect(fs.readFileSync(path.join(dir, 'RESULTS.md'), 'utf8')).toContain('**Every budget holds.**');
  });

  test('exits 1 and names the broken budget', () => {
    const { status, stderr, dir } = recheck(run(2));
    expect({ status, stderr }).toEqual({
      status: 1,
      stderr: '1 budget broken:\n- Lambda functions: account baseline stack Baseline-dev-us-east-1.template.json has 2 (budget: 1)\n',
    });
    expect(fs.readFileSync(path.join(dir, 'RESULTS.md'), 'utf8')).toContain(
      '| at most 1 Lambda function in an account baseline stack | at most 2 (69 templates) | **FAIL** |');
  });
});
