import { aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The configuration each control-plane setting of the app hands its custom resource, kept by the
 * construct that owns the setting (`ModelInvocationLogging`) so that the opt-in restore
 * (`BedrockSettingRestore`) writes back exactly what the custom resource writes, from one object.
 * aws-cdk-lib does not let a construct read a custom resource's properties back.
 */
const CONFIGURATIONS = new WeakMap<IConstruct, RecordedSetting>();

/** What the custom resource writes, and the role it passes to Bedrock with it (if any). */
export interface RecordedSetting {
  readonly configuration: Record<string, unknown>;
  readonly passedRole?: iam.IRole;
}

export function recordSettingConfiguration(owner: IConstruct, setting: RecordedSetting): void {
  CONFIGURATIONS.set(owner, setting);
}

export function settingConfigurationOf(owner: IConstruct): RecordedSetting | undefined {
  return CONFIGURATIONS.get(owner);
}
