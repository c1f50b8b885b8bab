import * as vm from 'vm';
import { CloudFormationValidatePlugin, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { resultsOf, synthValidationReport } from './validation-report';

/**
 * The first schema-validator engine of a process costs 5 to 6 CPU seconds; later ones, which
 * aws-cdk-lib's plugin builds (after freeing the last) when a validation brings resource types the
 * last engine was not built for, cost well under one (docs/testing-time.md). jest gives every test
 * file fresh modules, so a plugin per test file paid the first engine in each of them.
 *
 * So one plugin serves every test file of a jest worker: aws-cdk-lib's own
 * `CloudFormationValidatePlugin`, loaded with Node's require in the worker's realm (not jest's
 * per-file one) and kept on the worker's global object, which outlives test files. It reads each
 * template from the file aws-cdk-lib wrote and hands the engine a string, so nothing of a test
 * file's realm reaches the engine, and a torn-down test file leaves it nothing to call back.
 * test/support/cfn-schema.test.ts shows that known findings are still reported after the engine
 * served other templates.
 */
const WORKER_VALIDATOR = Symbol.for('cdk-bedrock-landing-zone/test/cfn-schema-validator');

/** The worker's CloudFormation schema validator: the same plugin for every test file of the worker. */
export function workerSchemaValidator(): IPolicyValidationPlugin {
  const global = vm.runInThisContext('globalThis') as Record<symbol, IPolicyValidationPlugin | undefined>;
  let plugin = global[WORKER_VALIDATOR];
  if (!plugin) {
    // Node's require of the worker: process.getBuiltinModule reaches the worker's own module loader.
    const workerProcess = vm.runInThisContext('process') as NodeJS.Process;
    const { createRequire } = workerProcess.getBuiltinModule('module') as typeof import('module');
    const cdk = createRequire(__filename)('aws-cdk-lib') as typeof import('aws-cdk-lib');
    plugin = new cdk.CloudFormationValidatePlugin();
    global[WORKER_VALIDATOR] = plugin;
  }
  return plugin;
}

/**
 * Synthesizes the app that holds `scope` with aws-cdk-lib's CloudFormation schema validator
 * (`CloudFormationValidatePlugin`) registered explicitly, and returns every finding it makes:
 * unknown properties, missing required ones, bad enum values, bad types.
 *
 * Ordinary unit tests run with `CDK_VALIDATION=false` (see jest-setup.ts); an explicitly registered
 * plugin runs regardless. Its errors are downgraded to warnings unless the app sets
 * `@aws-cdk/core:validateAgainstDefaultRules`, so every severity counts as a finding here.
 */
export function cfnSchemaFindings(scope: IConstruct): string[] {
  let results;
  try {
    results = synthValidationReport(scope, [workerSchemaValidator()]);
  } catch (e) {
    // A synthesis that throws drops the worker's plugin: were it a crashed engine (a trap terminates its
    // WebAssembly instance for good), the worker's later test files would otherwise fail on it too.
    delete (vm.runInThisContext('globalThis') as Record<symbol, unknown>)[WORKER_VALIDATOR];
    throw e;
  }
  return resultsOf(results, CloudFormationValidatePlugin.PLUGIN_NAME).messages;
}

/** Fails with the list of findings when the CloudFormation schema validator finds anything. */
export function expectValidCloudFormation(scope: IConstruct): void {
  const findings = cfnSchemaFindings(scope);
  if (findings.length > 0) {
    throw new Error(`CloudFormation schema validation found:\n  ${findings.join('\n  ')}`);
  }
}
