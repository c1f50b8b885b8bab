import { aws_bedrock as bedrock } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IBedrockInvokable, IGuardrailReference } from '../models';
import { ModelIdShape, guardedModelIds } from './private/guarded-model-ids';
import { declareAccountRegionSingleton } from '../core/account-singleton';
import { guardrailReferenceProblems, importedGuardrailProblems } from '../core/guardrail-checks';
import { Problems, enumProblems } from '../core/validation';

/**
 * The model IDs the configuration accepts (its CloudFormation schema's pattern, without the suffix
 * of custom models, which it cannot name here): narrower than a model ID in general, which may have
 * a '.' segment.
 */
const CONFIGURATION_MODEL_ID: ModelIdShape = {
  pattern: /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/,
  resourceType: 'AWS::Bedrock::EnforcedGuardrailConfiguration',
  allowed: "<provider>.<model> and up to two ':' segments, lowercase letters, digits and '-'",
};

/**
 * How much of a request an enforced guardrail evaluates.
 */
export enum SelectiveGuardingMode {
  /** Evaluate only the content the caller tags for guarding */
  SELECTIVE = 'SELECTIVE',
  /** Evaluate all the content */
  COMPREHENSIVE = 'COMPREHENSIVE',
}

/**
 * Properties of the account's enforced guardrail.
 */
export interface EnforcedGuardrailProps {
  /**
   * The guardrail at a numeric version: a `Guardrail` of this app (its published version) or
   * `Guardrail.fromGuardrailAttributes(scope, id, attrs)`.
   */
  readonly guardrail: IGuardrailReference;

  /**
   * The models the guardrail is enforced on: foundation models or cross-region inference profiles
   * (a profile stands for its model).
   *
   * @default - every model
   */
  readonly includedModels?: IBedrockInvokable[];

  /**
   * Models exempt from enforcement (a model in both lists is exempt), e.g. embedding models.
   *
   * @default - none
   */
  readonly excludedModels?: IBedrockInvokable[];

  /**
   * How much of the system prompt is evaluated.
   *
   * @default - Bedrock's default
   */
  readonly systemGuarding?: SelectiveGuardingMode;

  /**
   * How much of the messages is evaluated.
   *
   * @default - Bedrock's default
   */
  readonly messagesGuarding?: SelectiveGuardingMode;
}

/**
 * The account-level enforced guardrail (`AWS::Bedrock::EnforcedGuardrailConfiguration`): Bedrock
 * applies the guardrail, at a numeric version, to every inference call in the account and region
 * (optionally only for some models).
 *
 * One per account and region: a second one in the same app for the same account and region fails
 * synthesis.
 */
export class EnforcedGuardrail extends Construct {
  /** The configuration resource */
  public readonly resource: bedrock.CfnEnforcedGuardrailConfiguration;
  /** The configuration's ID */
  public readonly configId: string;
  /** The guardrail it enforces */
  public readonly guardrail: IGuardrailReference;
  /** The models it is enforced on; undefined for every model */
  public readonly includedModelIds?: string[];
  /** The models it is not enforced on; undefined for none */
  public readonly excludedModelIds?: string[];

  constructor(scope: Construct, id: string, props: EnforcedGuardrailProps) {
    super(scope, id);
    const problems = new Problems();
    const version = props.guardrail.guardrailVersion;
    const arn = props.guardrail.guardrailArn;
    guardrailReferenceProblems('guardrail', props.guardrail, this).forEach(p => problems.add(p));
    importedGuardrailProblems('guardrail', props.guardrail, this).forEach(p => problems.add(p));
    const included = guardedModelIds('includedModels', props.includedModels, problems, 'an enforced guardrail', CONFIGURATION_MODEL_ID);
    const excluded = guardedModelIds('excludedModels', props.excludedModels, problems, 'an enforced guardrail', CONFIGURATION_MODEL_ID);
    for (const prop of ['systemGuarding', 'messagesGuarding'] as const) {
      enumProblems(prop, props[prop], 'SelectiveGuardingMode', SelectiveGuardingMode).forEach(p => problems.add(p));
    }
    if (props.includedModels !== undefined && props.includedModels.length === 0) {
      problems.add('includedModels is empty: give at least one model, or leave it undefined to enforce on every model');
    }
    problems.throwIfAny(this, 'EnforcedGuardrail', BedrockLandingZoneErrorCode.ENFORCED_GUARDRAIL_PROPS);

    const selective = props.systemGuarding || props.messagesGuarding
      ? { system: props.systemGuarding, messages: props.messagesGuarding }
      : undefined;
    this.resource = new bedrock.CfnEnforcedGuardrailConfiguration(this, 'Resource', {
      guardrailIdentifier: arn,
      guardrailVersion: version,
      modelEnforcement: included || excluded ? { includedModels: included ?? ['ALL'], excludedModels: excluded ?? [] } : undefined,
      selectiveContentGuarding: selective,
    });
    this.configId = this.resource.attrConfigId;
    this.guardrail = props.guardrail;
    this.includedModelIds = included;
    this.excludedModelIds = excluded;
    declareAccountRegionSingleton(this, 'The enforced guardrail configuration');
  }
}
