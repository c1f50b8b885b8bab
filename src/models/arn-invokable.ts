import { Token, aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { InvokeGrantOptions } from './invokable';
import { allowInvoke, grantStatements, throwProblems, withInvokeOptions } from './invoke-statements';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { parseBedrockArn } from '../private/arns';

/**
 * Shared behaviour of the invokables that are one account-owned ARN (provisioned, custom and
 * imported models): both invoke actions on that ARN and nothing else.
 */
export class ArnInvokable {
  constructor(private readonly subject: string, private readonly arn: string, private readonly resourceType: string) {}

  public problems(): string[] {
    if (Token.isUnresolved(this.arn)) return [];
    const parsed = parseBedrockArn(this.arn);
    if (!parsed || parsed.resourceType !== this.resourceType || !parsed.region || !parsed.account) {
      return [`${this.subject} ARN '${this.arn}' is not a ${this.resourceType} ARN; expected arn:<partition>:bedrock:<region>:<account>:${this.resourceType}/<id>`];
    }
    return [];
  }

  public statements(scope: IConstruct, options: InvokeGrantOptions = {}): iam.PolicyStatement[] {
    throwProblems(scope, this.subject, BedrockLandingZoneErrorCode.INVOKABLE_ARN, this.problems());
    return withInvokeOptions(scope, [allowInvoke([this.arn])], options);
  }

  public grant(grantee: iam.IGrantable, scope: IConstruct, options: InvokeGrantOptions = {}): iam.Grant {
    return grantStatements(grantee, this.statements(scope, options));
  }
}
