/**
 * Deploys the integration tests to a real account and checks them: `npx projen integ:deploy [file...]`
 * (all four without arguments). Needs AWS credentials for the account to test in (region us-east-1),
 * bootstrapped with `cdk bootstrap`. For each test: `cdk deploy` of the tested stack and its assertions
 * stack (the assertions run as custom resources during the deployment and write their results to the
 * stack outputs), then `cdk destroy`, always, then what is checked after destroy. Fails if any
 * assertion failed or anything was left. Never run by npm test or CI.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BedrockClient, GetProvisionedModelThroughputCommand } from '@aws-sdk/client-bedrock';
import { INTEG_REGION } from './environment';

type Outputs = Record<string, Record<string, string>>;

const AFTER_DESTROY: Record<string, (outputs: Outputs) => Promise<string[]>> = {
  'integ.provisioned-throughput.ts': async outputs => {
    const name = outputs.BedrockLzIntegProvisionedThroughput?.ProvisionedModelName;
    if (!name) return ['the deployment did not output ProvisionedModelName'];
    try {
      const left = await new BedrockClient({ region: INTEG_REGION }).send(new GetProvisionedModelThroughputCommand({ provisionedModelId: name }));
      return [`provisioned model ${name} is still there after destroy (${left.status}): delete it, it is billed every hour`];
    } catch (e) {
      return (e as { name?: string }).name === 'ResourceNotFoundException' ? [] : [`could not check that ${name} is gone: ${(e as Error).message}`];
    }
  },
};

function cdk(args: string[]): void {
  execFileSync('npx', ['cdk', ...args], { stdio: 'inherit' });
}

async function run(file: string): Promise<string[]> {
  const app = `npx tsx ${path.join('test', 'integ', file)}`;
  const outputsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-lz-integ-')), 'outputs.json');
  const problems: string[] = [];
  let outputs: Outputs = {};
  try {
    cdk(['deploy', '--app', app, '--all', '--require-approval', 'never', '--outputs-file', outputsFile, '--output', `cdk.out.integ/${file}`]);
    outputs = JSON.parse(fs.readFileSync(outputsFile, 'utf8'));
    for (const [stack, values] of Object.entries(outputs)) {
      for (const [key, value] of Object.entries(values)) {
        if (!key.startsWith('AssertionResults')) continue;
        const result = JSON.parse(value) as { status: string; message?: string };
        if (result.status !== 'success') problems.push(`${stack} ${key}: ${result.message ?? result.status}`);
      }
    }
  } catch (e) {
    problems.push(`deploy failed: ${(e as Error).message}`);
  } finally {
    try {
      cdk(['destroy', '--app', app, '--all', '--force', '--output', `cdk.out.integ/${file}`]);
    } catch (e) {
      problems.push(`destroy failed: ${(e as Error).message}; delete the stacks BedrockLzInteg* by hand`);
    }
  }
  problems.push(...await (AFTER_DESTROY[file]?.(outputs) ?? Promise.resolve([])));
  return problems;
}

async function main(): Promise<void> {
  const all = fs.readdirSync(__dirname).filter(f => /^integ\..+\.ts$/.test(f)).sort();
  const chosen = process.argv.slice(2).map(a => path.basename(a));
  const unknown = chosen.filter(c => !all.includes(c));
  if (unknown.length > 0) throw new Error(`unknown integration tests: ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  let failed = false;
  for (const file of chosen.length > 0 ? chosen : all) {
    const problems = await run(file);
    console.log(problems.length === 0 ? `PASS ${file}` : `FAIL ${file}\n  ${problems.join('\n  ')}`);
    failed ||= problems.length > 0;
  }
  if (failed) process.exit(1);
}

main().catch(e => { console.error(e); process.exit(1); });
