import * as path from 'path';
import {
  CfnResource, Duration, RemovalPolicy, Stack, Validations, aws_iam as iam, aws_lambda as lambda,
  aws_stepfunctions as sfn, custom_resources as cr,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { providerFrameworkFunctions, providerWaiterStateMachine } from '../core/framework-children';
import { hardenedLogGroup } from '../core/hardened-stores';
import { inEachPack } from '../core/pack-acknowledgements';

/**
 * The provider for custom resources whose work must be waited for (provisioned throughput takes
 * minutes to reach InService): aws-cdk-lib's Provider framework, whose waiter state machine polls
 * `isComplete` for up to two hours, so no single Lambda invocation carries the wait.
 *
 * One per stack, created only in stacks that need it: account baselines keep their one function.
 */
const PROVIDER_ID = 'BedrockLandingZoneWaiterProvider';
const CODE_DIRECTORY = path.join(__dirname, '..', '..', 'assets', 'handlers', 'bedrock-control-plane');

export class WaiterProvider extends Construct {
  /** The stack's waiter provider, created on first use. */
  public static of(scope: Construct): WaiterProvider {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(PROVIDER_ID) as WaiterProvider | undefined) ?? new WaiterProvider(stack, PROVIDER_ID);
  }

  public readonly serviceToken: string;
  public readonly onEventFunction: lambda.Function;
  public readonly isCompleteFunction: lambda.Function;
  public readonly provider: cr.Provider;
  /** The permissions of the library's handler functions: a managed policy, no inline policy */
  private readonly handlerPolicy: iam.ManagedPolicy;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const { logGroup } = hardenedLogGroup(this, 'Logs', {
      keyId: 'LogKey',
      keyDescription: 'Encrypts the logs of the Bedrock landing zone waiter provider',
      keyPolicySid: 'CloudWatchLogsWaiterLogs',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.handlerPolicy = new iam.ManagedPolicy(this, 'HandlerPolicy', {
      description: 'cdk-bedrock-landing-zone waiter handlers: their own log group and the Bedrock resources they manage',
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
    });
    const handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [this.handlerPolicy],
    });
    const fn = (name: string, handler: string) => new lambda.Function(this, name, {
      role: handlerRole,
      runtime: lambda.Runtime.NODEJS_24_X,
      handler,
      code: lambda.Code.fromAsset(CODE_DIRECTORY),
      timeout: Duration.minutes(2),
      logGroup,
      description: `cdk-bedrock-landing-zone: ${handler} of resources that must be waited for`,
    });
    this.onEventFunction = fn('OnEvent', 'index.onEvent');
    this.isCompleteFunction = fn('IsComplete', 'index.isComplete');
    this.provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.onEventFunction,
      isCompleteHandler: this.isCompleteFunction,
      queryInterval: Duration.minutes(1),
      totalTimeout: Duration.hours(2),
      logGroup,
      disableWaiterStateMachineLogging: false,
      waiterStateMachineLogOptions: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    this.serviceToken = this.provider.serviceToken;
    this.hardenFramework();
  }

  /** Adds a statement to the handler functions' managed policy. */
  public addToRolePolicy(statement: iam.PolicyStatement): void {
    this.handlerPolicy.addStatements(statement);
  }

  /**
   * The Provider framework's own functions, roles and state machine are aws-cdk-lib code: what can be
   * set on them is set (state-machine logging); what cannot, or is left unset on purpose (reserved
   * concurrency), is acknowledged here, with the reason.
   */
  private hardenFramework(): void {
    const stack = Stack.of(this);
    const frameworkFunctions = providerFrameworkFunctions(this.provider);

    const logicalId = (c: CfnResource) => stack.resolve(stack.getLogicalId(c)) as string;
    const fnArnStar = (f: lambda.Function) => `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId(f.node.defaultChild as CfnResource)}.Arn>:*]`;
    const invokeVersions = 'The framework invokes the handler functions by ARN and any version (arn:...:function:NAME:*), as aws-cdk-lib writes it; ' +
      'the resource is still one function.';
    Validations.of(this.provider).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'aws-cdk-lib\'s provider framework functions use the AWS basic execution policy for their own CloudWatch Logs only; ' +
          'they run AWS-maintained code that relays CloudFormation events to this library\'s handlers and have no other permission.',
      },
      ...[this.onEventFunction, this.isCompleteFunction, ...frameworkFunctions.slice(1)].map(f => ({ id: fnArnStar(f), reason: invokeVersions })),

      {
        id: 'AwsSolutions::AwsSolutions-SF2',
        reason: 'The waiter state machine only calls the isComplete function once a minute; its executions and errors are logged in full ' +
          '(level ALL) to the encrypted log group, which X-Ray traces would only repeat.',
      },
      ...inEachPack('IAMNoInlinePolicy', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'],
        'The provider framework\'s roles receive their statements from aws-cdk-lib as inline default policies; each names only the ' +
        'framework\'s own functions and state machine. The library\'s handler role uses a managed policy.'),
    );
    Validations.of(providerWaiterStateMachine(this.provider)).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions log delivery (logs:CreateLogDelivery, PutResourcePolicy, DescribeLogGroups, ...) accepts only Resource "*"; ' +
        'the waiter state machine needs it to log to the encrypted log group.',
    });
    Validations.of(this).acknowledge(
      ...inEachPack('LambdaConcurrency', ['HIPAA.Security', 'NIST.800.53.R5'],
        'No reserved concurrency: new accounts often have a concurrency quota of 10, and reserving any there fails the deployment. ' +
        'These functions run only while a stack deploys, once per resource and a minute apart.'),
      ...inEachPack('LambdaDLQ', ['HIPAA.Security', 'NIST.800.53.R5'],
        'These functions serve CloudFormation custom resources: every failure fails the deployment and is reported there and in ' +
        'the log group, so a dead-letter queue would hold nothing unreported.'),
      ...inEachPack('LambdaInsideVPC', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'],
        'The functions run only during deployments and call only the Bedrock control-plane API and each other; they read and store no ' +
        'application data, so there is no private network path to protect.'),
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:${stack.region}:${stack.account}:provisioned-model/*]`,
        reason: 'A provisioned model\'s ID is generated by Bedrock when it is created, so the handler cannot name it in advance; the ' +
          'statement is limited to provisioned models of this account and region and to Get, Update, Delete and TagResource.',
      },
    );
  }
}
