import { IResource, Resource, aws_iam as iam } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ArnInvokable } from './arn-invokable';
import { IBedrockInvokable, InvokeGrantOptions } from './invokable';
import { throwProblems } from './invoke-statements';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * A provisioned model (reserved throughput), invoked by its ARN.
 */
export interface IProvisionedModel extends IResource, IBedrockInvokable {
  /** `arn:<partition>:bedrock:<region>:<account>:provisioned-model/<id>` */
  readonly provisionedModelArn: string;
}

/**
 * A provisioned model created outside this stack. (`ProvisionedThroughput` creates them.)
 *
 * Grants allow both invoke actions on the provisioned-model ARN only.
 */
export class ProvisionedModel extends Resource implements IProvisionedModel {
  /**
   * Imports a provisioned model by its ARN.
   *
   * @param scope the scope of the imported construct
   * @param id its construct ID
   * @param provisionedModelArn `arn:<partition>:bedrock:<region>:<account>:provisioned-model/<id>`
   */
  public static fromProvisionedModelArn(scope: Construct, id: string, provisionedModelArn: string): IProvisionedModel {
    const model = new ProvisionedModel(scope, id, provisionedModelArn);
    throwProblems(model, 'ProvisionedModel.fromProvisionedModelArn', BedrockLandingZoneErrorCode.INVOKABLE_ARN, model.invokable.problems());
    return model;
  }

  /** The provisioned model's ARN */
  public readonly provisionedModelArn: string;
  private readonly invokable: ArnInvokable;

  private constructor(scope: Construct, id: string, provisionedModelArn: string) {
    super(scope, id);
    this.provisionedModelArn = provisionedModelArn;
    this.invokable = new ArnInvokable('provisioned model', provisionedModelArn, 'provisioned-model');
  }

  /** The provisioned-model ARN: the identifier clients pass. */
  public invocationIdentifier(_scope: IConstruct): string {
    return this.provisionedModelArn;
  }

  /** Problems: an ARN that is not a provisioned-model ARN. */
  public problemsFor(_scope: IConstruct): string[] {
    return this.invokable.problems();
  }

  /** Both invoke actions on the provisioned-model ARN, plus what the options require. */
  public invokeStatements(scope: IConstruct, options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
    return this.invokable.statements(scope, options);
  }

  /** Grants invoking the provisioned model. */
  public grantInvoke(grantee: iam.IGrantable, options: InvokeGrantOptions = {}): iam.Grant {
    return this.invokable.grant(grantee, this, options);
  }
}
