import { IConstruct } from 'constructs';

/**
 * The configuration each control-plane setting of the app hands its custom resource, kept by the
 * construct that owns the setting (`ModelInvocationLogging`) so that the opt-in restore
 * (`BedrockSettingRestore`) writes back exactly what the custom resource writes, from one object.
 * aws-cdk-lib does not let a construct read a custom resource's properties back.
 */
const CONFIGURATIONS = new WeakMap<IConstruct, Record<string, unknown>>();

export function recordSettingConfiguration(owner: IConstruct, configuration: Record<string, unknown>): void {
  CONFIGURATIONS.set(owner, configuration);
}

export function settingConfigurationOf(owner: IConstruct): Record<string, unknown> | undefined {
  return CONFIGURATIONS.get(owner);
}
