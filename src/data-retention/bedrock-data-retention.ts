import { CustomResource } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { DataRetentionMode } from './data-retention-mode';
import { declareAccountRegionSingleton } from '../core/account-singleton';
import { controlPlaneProvider } from '../custom-resources/control-plane-provider';
import { DATA_RETENTION_MODES, isDataRetentionMode } from './private/data-retention-order';
import { customResourceProviderRole } from '../core/framework-children';
import { warnIfStackUnprotected } from '../core/stack-protection';
import { Problems, describeValue, oneOf } from '../core/validation';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';

/** What deleting the construct (or its stack) does to the account's data retention mode. */
export enum DataRetentionDeletion {
  /** Leave the mode in place. */
  RETAIN_MODE = 'RETAIN',
  /** Put back the mode that was in place before this construct was created. */
  RESTORE_PREVIOUS = 'RESTORE_PREVIOUS',
}

/**
 * The account's data retention setting, as the landing zone reads it: `BedrockDataRetention`, or a
 * setting of your own that says which mode it puts.
 */
export interface IBedrockDataRetention extends IConstruct {
  /** The mode the setting puts */
  readonly mode: DataRetentionMode;
}

/**
 * Properties of the account's data retention setting.
 */
export interface BedrockDataRetentionProps {
  /** The mode to set for the stack's account and region. */
  readonly mode: DataRetentionMode;

  /**
   * What deleting this construct does to the mode.
   *
   * @default DataRetentionDeletion.RETAIN_MODE
   */
  readonly onDelete?: DataRetentionDeletion;
}

const RESOURCE_TYPE = 'Custom::BedrockDataRetention';

/**
 * Amazon Bedrock's data retention mode for the stack's account and region (whether Bedrock or a model
 * provider may keep prompts), which CloudFormation has no resource for. Set through the stack's one
 * control-plane function: the mode is read back after it is put, a failed change puts back the mode
 * that was in place, and throttling is retried.
 *
 * One per account and region: a second one in the same app fails synth. The organization policies
 * deny every other principal `bedrock:PutAccountDataRetention` (and the OpenAI-compatible endpoint's).
 */
export class BedrockDataRetention extends Construct implements IBedrockDataRetention {
  /** The mode this construct sets */
  public readonly mode: DataRetentionMode;
  /** The custom resource that holds the mode */
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: BedrockDataRetentionProps) {
    super(scope, id);
    const problems = new Problems();
    problems.check(isDataRetentionMode(props.mode),
      `mode is ${describeValue(props.mode)}; expected one of ${oneOf(DATA_RETENTION_MODES)} (DataRetentionMode)`);
    const onDelete = props.onDelete ?? DataRetentionDeletion.RETAIN_MODE;
    problems.check(Object.values(DataRetentionDeletion).includes(onDelete),
      `onDelete is ${describeValue(onDelete)}; expected one of ${oneOf(Object.values(DataRetentionDeletion))} (DataRetentionDeletion)`);
    problems.throwIfAny(this, 'BedrockDataRetention', BedrockLandingZoneErrorCode.DATA_RETENTION_PROPS);
    declareAccountRegionSingleton(this, 'Data retention');
    // The stack too (a change set of it runs as its CloudFormation role), but only when asked: a stack
    // tag reaches every resource in it (LandingZoneStackProtection).
    warnIfStackUnprotected(this, 'the account\'s data retention mode');
    this.mode = props.mode;

    const provider = controlPlaneProvider(this);
    // These actions accept only "*": the mode is an account and region setting.
    provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock:GetAccountDataRetention', 'bedrock:PutAccountDataRetention'], Resource: '*' });
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: RESOURCE_TYPE,
      properties: { Mode: props.mode.value, OnDelete: onDelete },
    });
    this.resource.node.addDependency(customResourceProviderRole(provider));
  }
}
