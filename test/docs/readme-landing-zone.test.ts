import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_iam as iam } from 'aws-cdk-lib';
import * as ts from 'typescript';
import * as library from '../../src';
import { checkCompliance } from '../support/nag';

/**
 * The README's landing zone, run as a user runs it: the sample's own code (not a copy), in a stack of
 * its own, through the four cdk-nag packs and the Bedrock pack. A sample that compiles can still fail
 * synth (a profile that needs a budget) or its own pack (an alarm that notifies nobody).
 */
const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf-8');
const sample = /```ts[^\n]*\n([\s\S]*?)```/.exec(README.slice(README.indexOf('## A landing zone in your own app')))![1];

function runSample(stack: Stack, appRole: iam.IRole): void {
  // Imports become parameters; `declare const appRole` is given; `this` is the stack, as in the fixture.
  const body = sample.split('\n').filter(l => !/^(import|declare)\s/.test(l)).join('\n');
  const js = ts.transpileModule(body, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None } }).outputText;
  const names = Object.keys(library);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function(...names, 'appRole', js).call(stack, ...names.map(n => (library as any)[n]), appRole);
}

test('the README\'s landing zone synthesizes with no finding of the cdk-nag packs or the Bedrock pack', () => {
  const app = new App();
  const stack = new Stack(app, 'Readme', { env: { account: '111111111111', region: 'eu-central-1' } });
  const appRole = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  runSample(stack, appRole);
  expect(stack.node.tryFindChild('LandingZone')).toBeInstanceOf(library.BedrockLandingZone);
  const result = checkCompliance(stack.node.findChild('LandingZone'), [new library.BedrockGovernanceChecks(app, {
    approvedModels: ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'amazon.titan-embed-text-v2:0'],
    approvedGeographies: [library.Geography.EU],
  })]);
  expect(result.violations).toEqual([]);
});
