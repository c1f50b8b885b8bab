import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { resultsOf, synthValidationReport } from './validation-report';

// Starting the validator's WASM engine costs about 2 s: one instance serves every test in a process.
let instance: CloudFormationValidatePlugin | undefined;
function validator(): CloudFormationValidatePlugin {
  instance ??= new CloudFormationValidatePlugin();
  return instance;
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
  const results = synthValidationReport(scope, [validator()]);
  return resultsOf(results, CloudFormationValidatePlugin.PLUGIN_NAME).messages;
}

/** Fails with the list of findings when the CloudFormation schema validator finds anything. */
export function expectValidCloudFormation(scope: IConstruct): void {
  const findings = cfnSchemaFindings(scope);
  if (findings.length > 0) {
    throw new Error(`CloudFormation schema validation found:\n  ${findings.join('\n  ')}`);
  }
}
