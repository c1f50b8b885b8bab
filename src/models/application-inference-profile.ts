import { ArnFormat, IResource, Names, Resource, Token, aws_bedrock as bedrock, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { IBedrockInvokable, IInferenceProfileSource, InvokeGrantOptions } from './invokable';
import { allowInvoke, grantStatements, throwProblems, withInvokeOptions } from './invoke-statements';
import { declareUniqueName } from '../core/account-singleton';
import { parseBedrockArn } from '../core/arns';
import { Problems, describeValue, tagProblems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * An application inference profile: an account-owned profile over a foundation model or a
 * system-defined profile, used to track cost and usage with tags.
 */
export interface IApplicationInferenceProfile extends IResource, IBedrockInvokable {
  /** `arn:<partition>:bedrock:<region>:<account>:application-inference-profile/<id>` */
  readonly applicationInferenceProfileArn: string;
  /** The profile's ID */
  readonly applicationInferenceProfileId: string;
  /** The model or system-defined profile it copies */
  readonly modelSource: IInferenceProfileSource;
}

/**
 * Properties of an application inference profile.
 */
export interface ApplicationInferenceProfileProps {
  /**
   * What the profile copies: a foundation model (`FoundationModel.of(...)`) or a system-defined
   * cross-region or global profile (`CrossRegionInferenceProfile.of(...)`).
   */
  readonly modelSource: IInferenceProfileSource;

  /**
   * The profile's name, unique in the account and region. Letters, digits, spaces, `_` and `-`,
   * 1 to 64 characters.
   *
   * @default - a name derived from the construct path, unique per stack
   */
  readonly inferenceProfileName?: string;

  /**
   * A description, up to 200 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Cost-allocation tags (`CostCenter`, `Team`, `Application`, ...), applied to the profile so that
   * Bedrock usage through it shows in Cost Explorer. Tags set with `Tags.of()` apply too.
   *
   * @default - no tags beyond those inherited from `Tags.of()`
   */
  readonly tags?: Record<string, string>;
}

/**
 * Attributes of an application inference profile created elsewhere.
 */
export interface ApplicationInferenceProfileAttributes {
  /** The profile's ARN */
  readonly applicationInferenceProfileArn: string;
  /** The model or system-defined profile the profile copies: its grant needs the underlying ARNs. */
  readonly modelSource: IInferenceProfileSource;
}

const NAME_PATTERN = /^([0-9a-zA-Z][ _-]?)+$/;
/** The description's pattern in CloudFormation's schema of the resource */
const DESCRIPTION_PATTERN = /^([0-9a-zA-Z:.][ _-]?)+$/;

/**
 * What an application inference profile does, created here or imported: subclasses name the profile
 * and what it copies; grants and problems are shared.
 */
export abstract class ApplicationInferenceProfileBase extends Resource implements IApplicationInferenceProfile {
  /** The profile's ARN */
  public abstract readonly applicationInferenceProfileArn: string;
  /** The profile's ID */
  public abstract readonly applicationInferenceProfileId: string;
  /** What the profile copies */
  public abstract readonly modelSource: IInferenceProfileSource;

  /** The profile ARN: the identifier clients pass. */
  public invocationIdentifier(_scope: IConstruct): string {
    return this.applicationInferenceProfileArn;
  }

  /** The problems of what the profile copies, from the profile's own region. */
  public problemsFor(_scope: IConstruct): string[] {
    return this.modelSource.problemsFor(this);
  }

  /**
   * The profile ARN and the fenced underlying ARNs, plus what the options require. The underlying
   * ARNs are computed from the profile's own stack: that is where it routes from.
   */
  public invokeStatements(_scope: IConstruct, options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
    throwProblems(this, 'ApplicationInferenceProfile', BedrockLandingZoneErrorCode.MODEL_NOT_INVOKABLE, this.problemsFor(this));
    return withInvokeOptions(this, [
      allowInvoke([this.applicationInferenceProfileArn]),
      ...this.modelSource.invokeStatementsThrough(this, this.applicationInferenceProfileArn),
    ], options);
  }

  /** Grants invoking through this profile. */
  public grantInvoke(grantee: iam.IGrantable, options: InvokeGrantOptions = {}): iam.Grant {
    return grantStatements(grantee, this.invokeStatements(this, options), { model: this, options });
  }
}


/**
 * An application inference profile (`AWS::Bedrock::ApplicationInferenceProfile`).
 *
 * Grants allow both invoke actions on the profile ARN and on the ARNs underneath it (the model, or
 * the system profile and its destination models), each fenced by
 * `bedrock:InferenceProfileArn = <this profile>`, so the underlying model is reachable only through it.
 */
export class ApplicationInferenceProfile extends ApplicationInferenceProfileBase {
  /**
   * Imports an application inference profile.
   *
   * @param scope the scope of the imported construct
   * @param id its construct ID
   * @param attrs the profile's ARN and what it copies
   */
  public static fromApplicationInferenceProfileAttributes(
    scope: Construct, id: string, attrs: ApplicationInferenceProfileAttributes,
  ): IApplicationInferenceProfile {
    const problems = new Problems();
    sourceKindProblems(attrs.modelSource).forEach(p => problems.add(p));
    const arn = attrs.applicationInferenceProfileArn;
    if (!Token.isUnresolved(arn)) {
      const parsed = parseBedrockArn(arn);
      problems.check(parsed?.resourceType === 'application-inference-profile' && parsed.region !== '' && parsed.account !== '',
        `applicationInferenceProfileArn '${arn}' is not an application inference profile ARN; ` +
        'allowed: arn:<partition>:bedrock:<region>:<account>:application-inference-profile/<id>');
    }
    problems.throwIfAny(scope, 'ApplicationInferenceProfile.fromApplicationInferenceProfileAttributes',
      BedrockLandingZoneErrorCode.APPLICATION_INFERENCE_PROFILE_PROPS);
    class Import extends ApplicationInferenceProfileBase {
      public readonly applicationInferenceProfileArn = attrs.applicationInferenceProfileArn;
      public readonly applicationInferenceProfileId =
        this.stack.splitArn(attrs.applicationInferenceProfileArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
      public readonly modelSource = attrs.modelSource;
    }
    return new Import(scope, id);
  }

  /** The profile's ARN */
  public readonly applicationInferenceProfileArn: string;
  /** The profile's ID */
  public readonly applicationInferenceProfileId: string;
  /** What the profile copies */
  public readonly modelSource: IInferenceProfileSource;
  /** The underlying CloudFormation resource */
  public readonly resource: bedrock.CfnApplicationInferenceProfile;

  constructor(scope: Construct, id: string, props: ApplicationInferenceProfileProps) {
    super(scope, id);
    const name = props.inferenceProfileName ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    if (props.inferenceProfileName !== undefined) declareUniqueName(this, 'application inference profile', 'inferenceProfileName', name);
    const problems = new Problems();
    if (!Token.isUnresolved(name)) {
      problems.check(name.length >= 1 && name.length <= 64 && NAME_PATTERN.test(name),
        `inferenceProfileName '${name}' is not allowed: use 1 to 64 letters, digits, spaces, '_' or '-', starting with a letter or digit`);
    }
    if (props.description !== undefined && !Token.isUnresolved(props.description)) {
      problems.check(props.description.length <= 200, `description has ${props.description.length} characters; at most 200 are allowed`);
      problems.check(props.description.length === 0 || DESCRIPTION_PATTERN.test(props.description),
        `description '${props.description}' is not allowed: letters, digits, ':' and '.', separated by single spaces, '_' or '-'`);
    }
    const kind = sourceKindProblems(props.modelSource);
    kind.forEach(p => problems.add(p));
    if (kind.length === 0) props.modelSource.problemsFor(this).forEach(p => problems.add(`modelSource: ${p}`));
    tagProblems('tags', props.tags).forEach(p => problems.add(p));
    problems.throwIfAny(this, 'ApplicationInferenceProfile', BedrockLandingZoneErrorCode.APPLICATION_INFERENCE_PROFILE_PROPS);

    this.modelSource = props.modelSource;
    this.resource = new bedrock.CfnApplicationInferenceProfile(this, 'Resource', {
      inferenceProfileName: name,
      description: props.description,
      modelSource: { copyFrom: props.modelSource.sourceArn(this) },
      tags: Object.entries(props.tags ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([key, value]) => ({ key, value })),
    });
    this.applicationInferenceProfileArn = this.resource.attrInferenceProfileArn;
    this.applicationInferenceProfileId = this.resource.attrInferenceProfileId;
  }
}

/**
 * jsii does not check types for JavaScript callers: what the profile copies must be an inference
 * profile source (a provisioned model, an application profile or a string is not one).
 */
function sourceKindProblems(source: unknown): string[] {
  const s = source as Partial<IInferenceProfileSource> | undefined;
  const isSource = typeof s === 'object' && s !== null && typeof s.sourceArn === 'function' && typeof s.invokeStatementsThrough === 'function' &&
    typeof s.problemsFor === 'function';
  return isSource ? [] : [`modelSource is ${describeValue(source)}; expected a FoundationModel or a CrossRegionInferenceProfile: an application ` +
    'inference profile copies a foundation model or a system-defined inference profile (CloudFormation\'s ModelSource.CopyFrom accepts no other)'];
}
