import * as path from 'path';
import {
  Duration, Lazy, RemovalPolicy, Stack, Validations, aws_events as events, aws_iam as iam, aws_lambda as lambda,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATA_RETENTION_EVENTS, INVOCATION_LOGGING_EVENTS, RestoredSettingEvents, restoreEventPattern } from './private/restore-events';
import { hardenedLogGroup } from '../core/hardened-stores';
import { inEachPack } from '../core/pack-acknowledgements';
import { protectTree } from '../core/protected-resources';
import { Problems } from '../core/validation';
import { LANDING_ZONE_ROLE_PATH, existingControlPlaneProvider } from '../custom-resources/control-plane-provider';
import { settingConfigurationOf } from '../custom-resources/control-plane-settings';
import { IBedrockDataRetention } from '../data-retention/bedrock-data-retention';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IModelInvocationLogging } from '../logging/model-invocation-logging';

/** The control-plane handler's bundle: the restore is one more entry point of the same code. */
const CODE_DIRECTORY = path.join(__dirname, '..', '..', 'assets', 'handlers', 'bedrock-control-plane');

/**
 * The landing zone's settings to write back when they are changed outside it.
 */
export interface BedrockSettingRestoreProps {
  /**
   * The invocation logging of this stack: its configuration is put back when it is changed or deleted
   * by anyone but the landing zone's own roles. Only a `ModelInvocationLogging` knows the configuration
   * it writes; another implementation is an error at synth.
   *
   * @default - invocation logging is not restored
   */
  readonly invocationLogging?: IModelInvocationLogging;

  /**
   * The data retention setting of this stack: its mode is put back when it is changed by anyone but the
   * landing zone's own roles.
   *
   * @default - data retention is not restored
   */
  readonly dataRetention?: IBedrockDataRetention;
}

/**
 * Opt-in restore of the account-level settings the landing zone writes through its control-plane
 * handler: when invocation logging or data retention is changed outside the landing zone (by a role the
 * organization policies exempt, or in an account without them), an EventBridge rule on the CloudTrail
 * event invokes the handler's `restore` entry point, which puts the landing zone's configuration back.
 *
 * - Only successful changes trigger it, and never the roles that write the settings for this stack (its
 *   control-plane role and the restore's own, by exact ARN, not by the landing zone's path, on which a
 *   role admin may create a role): its deployments and the restore itself are not fought, and cannot loop.
 * - What is written comes from the function's environment (protected by the organization policies'
 *   tag), never from the event, and only when the setting in place differs from the landing zone's.
 * - It fights a deliberate emergency change too: to make one, remove the restore (or set the landing
 *   zone's `restoreChangedSettings` to false) and deploy first. The change is still alerted on by
 *   `BedrockDetectiveControls`.
 *
 * The enforced guardrail is a CloudFormation resource, not a setting of the handler: it is not restored.
 */
export class BedrockSettingRestore extends Construct {
  /** The function that writes the settings back (the control-plane handler's `restore` entry point) */
  public readonly restoreFunction: lambda.Function;
  /** The EventBridge rules that invoke it, one per restored setting */
  public readonly rules: events.CfnRule[] = [];
  /** The settings restored: `InvocationLogging`, `DataRetention` */
  public readonly restoredSettings: string[] = [];

  constructor(scope: Construct, id: string, props: BedrockSettingRestoreProps) {
    super(scope, id);
    const stack = Stack.of(this);
    validate(this, props);

    const { logGroup } = hardenedLogGroup(this, 'Logs', {
      keyId: 'LogKey',
      keyDescription: 'Encrypts the logs of the Bedrock landing zone setting restore',
      keyPolicySid: 'CloudWatchLogsSettingRestoreLogs',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'cdk-bedrock-landing-zone setting restore: read and put back the settings the landing zone owns, and its own logs',
      // On the landing zone's path: the organization policies deny everyone else new versions of it.
      path: LANDING_ZONE_ROLE_PATH,
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      // The organization policies exempt roles on this path from the deny on changing the settings, and
      // let nobody else create, change or pass one; the restore's own writes are recognized by it.
      path: LANDING_ZONE_ROLE_PATH,
      managedPolicies: [policy],
      description: 'cdk-bedrock-landing-zone: puts back invocation logging and data retention changed outside the landing zone',
    });
    const environment: Record<string, string> = {};

    if (props.invocationLogging) {
      const recorded = settingConfigurationOf(props.invocationLogging)!;
      // Only the calls the restore makes: no DeleteModelInvocationLoggingConfiguration.
      policy.addStatements(new iam.PolicyStatement({
        actions: ['bedrock:GetModelInvocationLoggingConfiguration', 'bedrock:PutModelInvocationLoggingConfiguration'],
        resources: ['*'],
      }));
      if (recorded.passedRole) {
        policy.addStatements(new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [recorded.passedRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
        }));
      }
      environment.RESTORE_INVOCATION_LOGGING = stack.toJsonString(recorded.configuration);
      this.restoredSettings.push(INVOCATION_LOGGING_EVENTS.setting);
    }
    if (props.dataRetention) {
      policy.addStatements(new iam.PolicyStatement({
        actions: ['bedrock:GetAccountDataRetention', 'bedrock:PutAccountDataRetention'],
        resources: ['*'],
      }));
      environment.RESTORE_DATA_RETENTION = props.dataRetention.mode.value;
      this.restoredSettings.push(DATA_RETENTION_EVENTS.setting);
    }

    this.restoreFunction = new lambda.Function(this, 'Function', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.restore',
      code: lambda.Code.fromAsset(CODE_DIRECTORY),
      role,
      timeout: Duration.minutes(2),
      logGroup,
      environment,
      description: 'cdk-bedrock-landing-zone: puts back the landing zone\'s Bedrock settings changed outside it',
    });
    // The function must not run before its permissions exist, nor lose them while it may still run.
    this.restoreFunction.node.addDependency(policy);

    // The roles that write the settings for this stack: its control-plane role (deployments) and the restore's own (rt4 R4-2).
    // Read at synth: the stack's control-plane provider may be created after the restore.
    const ownRoleArns = Lazy.any({
      produce: () => {
        const controlPlane = existingControlPlaneProvider(this);
        return [role.roleArn, ...controlPlane ? [controlPlane.roleArn] : []];
      },
    });
    const restored: RestoredSettingEvents[] = [
      ...props.invocationLogging ? [INVOCATION_LOGGING_EVENTS] : [],
      ...props.dataRetention ? [DATA_RETENTION_EVENTS] : [],
    ];
    for (const setting of restored) {
      const rule = new events.CfnRule(this, setting.ruleId, {
        description: `Bedrock landing zone: puts back ${setting.setting === 'InvocationLogging' ? 'invocation logging' : 'data retention'} ` +
          'when it is changed outside the landing zone',
        eventPattern: restoreEventPattern(setting, ownRoleArns),
        state: 'ENABLED',
        // The event says which setting to look at, nothing more: the function reads what to write from its environment.
        targets: [{ id: 'Restore', arn: this.restoreFunction.functionArn, input: JSON.stringify({ RestoreSetting: setting.setting }) }],
      });
      this.restoreFunction.addPermission(`${setting.ruleId}Invoke`, {
        principal: new iam.ServicePrincipal('events.amazonaws.com'),
        sourceArn: rule.attrArn,
        sourceAccount: stack.account,
      });
      this.rules.push(rule);
    }

    // Code, configuration (the environment holds what is written back), invocation, role and rules carry
    // the tag the organization policies protect.
    protectTree(this);
    acknowledge(this);
  }
}

function validate(scope: Construct, props: BedrockSettingRestoreProps): void {
  const problems = new Problems();
  problems.check(props.invocationLogging !== undefined || props.dataRetention !== undefined,
    'neither invocationLogging nor dataRetention is given: there is nothing to restore; give at least one of them');
  const stack = Stack.of(scope);
  for (const [name, setting] of [['invocationLogging', props.invocationLogging], ['dataRetention', props.dataRetention]] as const) {
    if (setting === undefined) continue;
    const other = Stack.of(setting);
    problems.check(other === stack,
      `${name} is in stack '${other.stackName}', and the restore in stack '${stack.stackName}': a setting is account and region wide, ` +
      'and the restore must be deployed with the construct that owns it; create the restore in the same stack');
  }
  if (props.invocationLogging && Stack.of(props.invocationLogging) === stack) {
    problems.check(settingConfigurationOf(props.invocationLogging) !== undefined,
      'invocationLogging has no configuration recorded: give the ModelInvocationLogging of this stack');
  }
  problems.throwIfAny(scope, 'BedrockSettingRestore', BedrockLandingZoneErrorCode.DETECTIVE_CONTROLS_PROPS);
}

const NO_PRIVATE_PATH = 'The function calls only the Bedrock control-plane API (two account settings: configuration, no prompts or model ' +
  'output); it reads and stores no application data, so there is no private network path to protect.';

function acknowledge(restore: BedrockSettingRestore): void {
  Validations.of(restore).acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'The invocation logging and data retention APIs (bedrock:Get/PutModelInvocationLoggingConfiguration, ' +
        'bedrock:Get/PutAccountDataRetention) are account and region settings with no resource type in the Service Authorization ' +
        'Reference: they accept only Resource "*". The statement names those calls only; no Delete.',
    },
    ...inEachPack('LambdaConcurrency', ['HIPAA.Security', 'NIST.800.53.R5'],
      'No reserved concurrency: new accounts often have a concurrency quota of 10, and reserving any there fails the deployment. ' +
      'The function runs only when a setting is changed outside the landing zone, once per CloudTrail event.'),
    ...inEachPack('LambdaDLQ', ['HIPAA.Security', 'NIST.800.53.R5'],
      'The change that triggers a restore is already published to the governance notifications topic by BedrockDetectiveControls ' +
      '(BedrockSettingChanges); a failed restore is retried twice by Lambda and its error is kept in the encrypted log group, so a ' +
      'dead-letter queue would hold nothing unreported.'),
    ...inEachPack('LambdaInsideVPC', ['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'], NO_PRIVATE_PATH),
    { id: 'cdk-validator-cfnguard::lambda_inside_vpc_check', reason: NO_PRIVATE_PATH },
  );
}
