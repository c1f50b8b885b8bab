import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { BedrockGovernanceChecks, BedrockGovernanceChecksProps } from '../../src/compliance';
import { ACCOUNT } from '../models/fixtures';

export { ACCOUNT };
export const REGION = 'eu-central-1';

/**
 * Runs the Bedrock pack directly on the app that holds `scope` (no synth: fast, for rule tests) and
 * returns its findings as `<rule> @ <construct path>`, sorted. `only` keeps the findings of one rule
 * (with or without a `[finding]` suffix).
 */
export function bedrockFindings(scope: IConstruct, props: BedrockGovernanceChecksProps = {}, only?: string): string[] {
  const pack = new BedrockGovernanceChecks(undefined, props);
  const report = pack.validateScope(scope.node.root);
  return report.violations
    .flatMap(v => v.violatingResources.map(r => `${v.ruleName} @ ${r.constructPath}`))
    .filter(f => only === undefined || f.startsWith(`Bedrock-${only} `) || f.startsWith(`Bedrock-${only}[`))
    .sort();
}

/** The construct path of a stack's child, as findings print it. */
export function pathOf(stack: Stack, id: string): string {
  return `${stack.node.path}/${id}`;
}
