import { Token, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { CrossRegionInferenceProfile, FoundationModel, IBedrockInvokable, IGuardrailReference } from '../models';
import { declareAccountRegionSingleton } from '../private/account-singleton';
import { guardrailReferenceProblems, importedGuardrailProblems } from '../private/guardrail-checks';
import { Problems, describeValue, enumProblems } from '../private/validation';

/**
 * The model IDs the configuration accepts (its CloudFormation schema's pattern, without the suffix
 * of custom models, which it cannot name here): narrower than a model ID in general, which may have
 * a '.' segment.
 */
const CONFIGURATION_MODEL_ID = /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}(:[a-z0-9-]{1,63}){0,2}$/;

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
    const included = this.modelIds('includedModels', props.includedModels, problems);
    const excluded = this.modelIds('excludedModels', props.excludedModels, problems);
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

  /** The model IDs the configuration names: a foundation model's ID, a profile's model ID. */
  private modelIds(prop: string, models: IBedrockInvokable[] | undefined, problems: Problems): string[] | undefined {
    if (!models) return undefined;
    return models.map((m, i) => {
      if (m instanceof FoundationModel || m instanceof CrossRegionInferenceProfile) {
        if (!Token.isUnresolved(m.modelId) && !CONFIGURATION_MODEL_ID.test(m.modelId)) {
          problems.add(`${prop}[${i}] has model ID '${m.modelId}', which AWS::Bedrock::EnforcedGuardrailConfiguration does not accept; ` +
            "allowed: <provider>.<model> and up to two ':' segments, lowercase letters, digits and '-'");
        }
        return m.modelId;
      }
      problems.add(`${prop}[${i}] is ${describeValue(m)}: an enforced guardrail names foundation models only; ` +
        'give a FoundationModel or a CrossRegionInferenceProfile (which stands for its model)');
      return '';
    });
  }
}
