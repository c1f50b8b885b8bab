import { IResource } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ArnInvokableBase } from './arn-invokable-base';
import { IBedrockInvokable } from './invokable';
import { throwProblems } from './invoke-statements';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/**
 * A customized model as clients invoke it on demand: a deployment of a model fine-tuned or distilled
 * in Bedrock (`custom-model-deployment/...`), or a model brought in with Custom Model Import
 * (`imported-model/...`).
 */
export interface ICustomModel extends IResource, IBedrockInvokable {
  /**
   * The ARN clients invoke: `arn:<partition>:bedrock:<region>:<account>:custom-model-deployment/<id>`
   * or `...:imported-model/<id>`
   */
  readonly customModelArn: string;
}

/**
 * A customized model created outside this stack. Grants allow both invoke actions on its ARN only.
 *
 * `InvokeModel` does not accept a `custom-model/...` ARN (the Service Authorization Reference lists
 * no such resource type for it): a fine-tuned model is invoked through a custom model deployment
 * (this class) or through provisioned throughput (`ProvisionedModel`).
 */
export class CustomModel extends ArnInvokableBase implements ICustomModel {
  /**
   * Imports the on-demand deployment of a model customized in Bedrock.
   *
   * @param scope the scope of the imported construct
   * @param id its construct ID
   * @param customModelDeploymentArn `arn:<partition>:bedrock:<region>:<account>:custom-model-deployment/<id>`
   */
  public static fromCustomModelDeploymentArn(scope: Construct, id: string, customModelDeploymentArn: string): ICustomModel {
    return CustomModel.import(scope, id, customModelDeploymentArn, 'custom-model-deployment');
  }

  /**
   * Imports a model brought in with Custom Model Import.
   *
   * @param scope the scope of the imported construct
   * @param id its construct ID
   * @param importedModelArn `arn:<partition>:bedrock:<region>:<account>:imported-model/<id>`
   */
  public static fromImportedModelArn(scope: Construct, id: string, importedModelArn: string): ICustomModel {
    return CustomModel.import(scope, id, importedModelArn, 'imported-model');
  }

  private static import(scope: Construct, id: string, arn: string, resourceType: string): ICustomModel {
    const model = new CustomModel(scope, id, arn, resourceType);
    throwProblems(model, `CustomModel (${resourceType})`, BedrockLandingZoneErrorCode.INVOKABLE_ARN, model.problemsFor(model));
    return model;
  }

  /** The model's ARN */
  public readonly customModelArn: string;

  private constructor(scope: Construct, id: string, arn: string, resourceType: string) {
    super(scope, id, resourceType);
    this.customModelArn = arn;
  }

  protected get invokedArn(): string {
    return this.customModelArn;
  }
}
