import { App, Validations } from 'aws-cdk-lib';
import { AccountBaselineStack } from '../examples/app/landing-zone';
import { compliancePacks } from '../examples/app/compliance';
import { GovernanceProfile } from '../src';
const n = Number(process.argv[2]); const val = process.argv[3] === 'on'; const packs = process.argv[4] === 'on';
const t0 = performance.now();
const context: Record<string, unknown> = { '@aws-cdk/core:failSynthOnValidationErrors': false, '@aws-cdk/core:validateAgainstDefaultRules': true };
const accts = []; for (let i = 0; i < n; i++) { const a = String(100000000000 + i); const r = i % 2 ? 'eu-central-1' : 'us-east-1'; accts.push([a, r]); context[`availability-zones:account=${a}:region=${r}`] = [`${r}a`, `${r}b`, `${r}c`]; }
const app = new App({ outdir: `/tmp/probe-${n}`, context, builtinCloudFormationValidation: val });
for (const [a, r] of accts) new AccountBaselineStack(app, `Baseline-${a}-${r}`, { env: { account: a, region: r }, profiles: r === 'eu-central-1' ? [GovernanceProfile.BASELINE, GovernanceProfile.EU_RESIDENCY] : [GovernanceProfile.BASELINE] });
if (packs) Validations.of(app).addPlugins(...compliancePacks(app));
const t1 = performance.now();
app.synth();
const t2 = performance.now();
console.log(JSON.stringify({ n, val, packs, load: Math.round(t0), construct: Math.round(t1 - t0), synth: Math.round(t2 - t1), rssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
