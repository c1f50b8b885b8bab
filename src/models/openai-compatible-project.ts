import { Token, aws_bedrockmantle as mantle } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { Problems } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * Properties of a project of the OpenAI-compatible endpoint.
 */
export interface OpenAiCompatibleProjectProps {
  /**
   * The project's display name (1 to 127 characters, not only spaces; need not be unique).
   */
  readonly projectName: string;

  /**
   * Tags of the project (cost allocation, ownership).
   *
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * A project of the OpenAI-compatible endpoint: `OpenAiCompatibleProject`, or one created elsewhere.
 */
export interface IOpenAiCompatibleProject extends IConstruct {
  /**
   * The project's ARN (`arn:<partition>:bedrock-mantle:<region>:<account>:project/<id>`)
   *
   * @attribute
   */
  readonly projectArn: string;
  /**
   * The project's ID, which a client passes to the endpoint
   *
   * @attribute
   */
  readonly projectId: string;
}

/**
 * A project of Amazon Bedrock's OpenAI-compatible endpoint (`bedrock-mantle`, `AWS::BedrockMantle::Project`):
 * the workload boundary inference requests are attributed to and authorized on. It carries no data
 * retention mode of its own, so the account's mode (`BedrockDataRetention`) applies to it; the
 * organization policies deny naming one (`allowOpenAiCompatibleEndpoint`).
 *
 * Grant inference on it with `OpenAiCompatibleAccessPolicy`.
 */
export class OpenAiCompatibleProject extends Construct implements IOpenAiCompatibleProject {
  /** The project resource */
  public readonly project: mantle.CfnProject;
  /**
   * The project's ARN (`arn:<partition>:bedrock-mantle:<region>:<account>:project/<id>`)
   *
   * @attribute
   */
  public readonly projectArn: string;
  /**
   * The project's ID, which a client passes to the endpoint
   *
   * @attribute
   */
  public readonly projectId: string;

  constructor(scope: Construct, id: string, props: OpenAiCompatibleProjectProps) {
    super(scope, id);
    const problems = new Problems();
    const name = props.projectName;
    if (!Token.isUnresolved(name)) {
      problems.check(name.length >= 1 && name.length <= 127 && /\S/.test(name),
        `projectName '${name}' is not allowed: give 1 to 127 characters, not only spaces (${name.length} given)`);
    }
    problems.throwIfAny(this, 'OpenAiCompatibleProject', BedrockLandingZoneErrorCode.OPENAI_COMPATIBLE_PROJECT_PROPS);
    this.project = new mantle.CfnProject(this, 'Resource', {
      name,
      tags: props.tags ? Object.entries(props.tags).map(([key, value]) => ({ key, value })) : undefined,
    });
    this.projectArn = this.project.attrArn;
    this.projectId = this.project.attrId;
  }
}
