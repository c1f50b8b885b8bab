import { aws_iam as iam } from 'aws-cdk-lib';

/**
 * A guardrail at one numeric version, as invoke grants require it. `Guardrail` implements it, and
 * `Guardrail.fromGuardrailAttributes(scope, id, attrs)` references a guardrail created elsewhere.
 */
export interface IGuardrailReference {
  /** The guardrail's ARN (without a version) */
  readonly guardrailArn: string;
  /** The numeric version that invocations must carry */
  readonly guardrailVersion: string;
  /**
   * The statements a principal needs to apply this guardrail: `bedrock:ApplyGuardrail` on it (and on
   * its guardrail profiles when cross-region) and `kms:Decrypt` on its key when it has one.
   */
  applyStatements(): iam.PolicyStatement[];
}
