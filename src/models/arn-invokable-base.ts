import { Resource, ResourceProps, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { IBedrockInvokable, InvokeGrantOptions } from './invokable';
import { allowInvoke, grantStatements, throwProblems, withInvokeOptions } from './invoke-statements';
import { parseBedrockArn } from '../core/arns';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * The invokables that are one account-owned ARN (provisioned throughput, provisioned, custom and
 * imported models): clients pass that ARN as `modelId`, and a grant allows both invoke actions on it
 * and nothing else. Subclasses name the ARN; everything else is shared.
 */
export abstract class ArnInvokableBase extends Resource implements IBedrockInvokable {
  /** The ARN clients pass as `modelId` */
  protected abstract readonly invokedArn: string;
  /** The resource type of that ARN, e.g. `provisioned-model` */
  private readonly arnResourceType: string;

  /**
   * @param scope the scope
   * @param id the construct ID
   * @param arnResourceType the resource type of the invoked ARN (`provisioned-model`, `custom-model-deployment`, `imported-model`)
   * @param props the resource's properties
   */
  protected constructor(scope: Construct, id: string, arnResourceType: string, props: ResourceProps = {}) {
    super(scope, id, props);
    this.arnResourceType = arnResourceType;
  }

  /** The model's ARN: the identifier clients pass. */
  public invocationIdentifier(_scope: IConstruct): string {
    return this.invokedArn;
  }

  /** Problems: an ARN that is not of the model's resource type (none while the ARN is a token). */
  public problemsFor(_scope: IConstruct): string[] {
    const arn = this.invokedArn;
    if (Token.isUnresolved(arn)) return [];
    const parsed = parseBedrockArn(arn);
    const type = this.arnResourceType;
    if (!parsed || parsed.resourceType !== type || !parsed.region || !parsed.account) {
      return [`${type.replace(/-/g, ' ')} ARN '${arn}' is not a ${type} ARN; expected arn:<partition>:bedrock:<region>:<account>:${type}/<id>`];
    }
    return [];
  }

  /** Both invoke actions on the model's ARN, plus what the options require. */
  public invokeStatements(scope: IConstruct, options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
    throwProblems(scope, this.arnResourceType.replace(/-/g, ' '), BedrockLandingZoneErrorCode.INVOKABLE_ARN, this.problemsFor(scope));
    return withInvokeOptions(scope, [allowInvoke([this.invokedArn])], options);
  }

  /** Grants invoking the model. */
  public grantInvoke(grantee: iam.IGrantable, options: InvokeGrantOptions = {}): iam.Grant {
    return grantStatements(grantee, this.invokeStatements(this, options), { model: this, options });
  }
}
