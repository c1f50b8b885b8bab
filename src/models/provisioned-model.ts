import { IResource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ArnInvokableBase } from './arn-invokable-base';
import { IBedrockInvokable } from './invokable';
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
export class ProvisionedModel extends ArnInvokableBase implements IProvisionedModel {
  /**
   * Imports a provisioned model by its ARN.
   *
   * @param scope the scope of the imported construct
   * @param id its construct ID
   * @param provisionedModelArn `arn:<partition>:bedrock:<region>:<account>:provisioned-model/<id>`
   */
  public static fromProvisionedModelArn(scope: Construct, id: string, provisionedModelArn: string): IProvisionedModel {
    const model = new ProvisionedModel(scope, id, provisionedModelArn);
    throwProblems(model, 'ProvisionedModel.fromProvisionedModelArn', BedrockLandingZoneErrorCode.INVOKABLE_ARN, model.problemsFor(model));
    return model;
  }

  /** The provisioned model's ARN */
  public readonly provisionedModelArn: string;

  private constructor(scope: Construct, id: string, provisionedModelArn: string) {
    super(scope, id, 'provisioned-model');
    this.provisionedModelArn = provisionedModelArn;
  }

  protected get invokedArn(): string {
    return this.provisionedModelArn;
  }
}
