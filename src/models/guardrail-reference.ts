import { aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { guardrailAttributeProblems } from '../core/guardrail-checks';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * A guardrail at one numeric version, as invoke grants require it.
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

/**
 * Attributes of a guardrail version created elsewhere.
 *
 * @deprecated use `GuardrailAttributes` with `Guardrail.fromGuardrailAttributes(scope, id, attrs)`
 */
export interface GuardrailReferenceAttributes {
  /** The guardrail's ARN, without a version */
  readonly guardrailArn: string;
  /** The numeric version that invocations must carry (not DRAFT) */
  readonly guardrailVersion: string;
  /**
   * The customer-managed key the guardrail is encrypted with.
   *
   * @default - the guardrail uses an AWS owned key; no KMS permission is granted
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * A reference to a guardrail version that was created outside this app.
 *
 * @deprecated use `Guardrail.fromGuardrailAttributes(scope, id, attrs)`: it takes the same attributes
 * and `crossRegion`, so a grant also allows the guardrail profiles a cross-region guardrail is
 * applied through. This reference cannot know the guardrail is cross-region, and its grants leave
 * the profiles out (docs/adr/0022-api-before-1-0.md).
 */
export class GuardrailReference implements IGuardrailReference {
  /**
   * References an existing guardrail at one version. The ARN must be a guardrail ARN without a
   * version and the version a number (Bedrock refuses DRAFT in a grant's guardrail condition), as
   * `Guardrail.fromGuardrailAttributes` requires.
   *
   * @deprecated use `Guardrail.fromGuardrailAttributes(scope, id, attrs)`, which handles a
   * cross-region guardrail (`crossRegion`)
   */
  public static fromGuardrailAttributes(attrs: GuardrailReferenceAttributes): IGuardrailReference {
    const problems = new Problems();
    guardrailAttributeProblems(attrs).forEach(p => problems.add(p));
    problems.throwIfAny(undefined, 'GuardrailReference.fromGuardrailAttributes', BedrockLandingZoneErrorCode.GUARDRAIL_ATTRIBUTES);
    return new GuardrailReference(attrs);
  }

  /** The guardrail's ARN */
  public readonly guardrailArn: string;
  /** The pinned version */
  public readonly guardrailVersion: string;
  private readonly encryptionKey?: kms.IKey;

  private constructor(attrs: GuardrailReferenceAttributes) {
    this.guardrailArn = attrs.guardrailArn;
    this.guardrailVersion = attrs.guardrailVersion;
    this.encryptionKey = attrs.encryptionKey;
  }

  /** `bedrock:ApplyGuardrail` on the guardrail, and `kms:Decrypt` on its key when it has one. */
  public applyStatements(): iam.PolicyStatement[] {
    const statements = [new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: [this.guardrailArn] })];
    if (this.encryptionKey) {
      statements.push(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.encryptionKey.keyArn] }));
    }
    return statements;
  }
}
