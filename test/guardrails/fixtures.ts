import { Stack } from 'aws-cdk-lib';
import { Guardrail } from '../../src/guardrails';

/** The logical ID of a construct's default child (or of the element itself). */
export function logicalIdOf(stack: Stack, element: any): string {
  return stack.resolve(element.logicalId) as string;
}

/** Plain values for the attributes the IAM documents of a guardrail's stack reference. */
export function guardrailAtts(stack: Stack, guardrail: Guardrail, values: { arn: string; version: string; keyArn: string }): Record<string, string> {
  const g = logicalIdOf(stack, guardrail.resource);
  const v = logicalIdOf(stack, guardrail.version);
  const k = logicalIdOf(stack, guardrail.encryptionKey!.node.defaultChild);
  return {
    [`${g}.GuardrailArn`]: values.arn,
    [`${g}.GuardrailId`]: values.arn.split('/')[1],
    [`${v}.Version`]: values.version,
    [`${k}.Arn`]: values.keyArn,
  };
}
