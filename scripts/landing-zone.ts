import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureHandlerBundle } from './bundle-handlers';
import { renderComplianceReport } from './compliance-report';
import { readAssembly, summarize, renderSummary } from './landing-zone-summary';
import { spendControlsOf } from './spend-report';
import { compliancePacks } from '../examples/app/compliance';

/**
 * `npm run landing-zone`: synthesizes examples/app with the pinned aws-cdk CLI (offline, no
 * credentials), then prints what it holds and what the compliance packs found. Exits non-zero on a
 * failed synth or any unacknowledged error.
 */
const ROOT = path.join(__dirname, '..');
const APP_DIR = path.join(ROOT, 'examples', 'app');
const OUT_DIR = path.join(APP_DIR, 'cdk.out');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');

// A fresh clone has never built the handler bundle the stacks reference (cdk.json's `build` does the
// same for a plain `cdk synth`; here it is explicit, so the first command never depends on it).
ensureHandlerBundle();
fs.rmSync(OUT_DIR, { recursive: true, force: true });
const synth = spawnSync(CDK, [
  'synth', '--quiet', '--no-notices', '--output', OUT_DIR,
  // The summary below reports the findings; the app itself must not stop at the first one.
  '--context', '@aws-cdk/core:failSynthOnValidationErrors=false',
], {
  cwd: APP_DIR,
  stdio: ['ignore', 'inherit', 'pipe'],
  env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  encoding: 'utf8',
});
if (synth.status !== 0) {
  process.stderr.write(synth.stderr);
  process.stderr.write(`\ncdk synth failed (exit ${synth.status})\n`);
  process.exit(1);
}

const packs = [...compliancePacks().map(p => p.name), 'CloudFormation Validate'];
const contents = readAssembly(OUT_DIR);
const summary = summarize(contents, packs);
process.stdout.write(renderSummary(summary));
const evaluatedFile = path.join(OUT_DIR, 'evaluated-rules.json');
const evaluated = fs.existsSync(evaluatedFile) ? JSON.parse(fs.readFileSync(evaluatedFile, 'utf8')) : [];
const residencyFile = path.join(OUT_DIR, 'residency-map.json');
const residency = fs.existsSync(residencyFile) ? JSON.parse(fs.readFileSync(residencyFile, 'utf8')) : [];
const reportFile = path.join(OUT_DIR, 'compliance-report.md');
fs.writeFileSync(reportFile, renderComplianceReport(summary, evaluated, residency, spendControlsOf(contents)));
process.stdout.write(`Compliance report: ${path.relative(ROOT, reportFile)}\n`);
process.exit(summary.unacknowledgedErrors > 0 ? 1 : 0);
