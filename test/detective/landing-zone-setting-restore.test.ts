import { Duration, Stack, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { DataRetentionMode, IBedrockDataRetention } from '../../src/data-retention';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { ApprovedModel, BedrockLandingZone, BedrockLandingZoneProps } from '../../src/landing-zone';
import { IModelInvocationLogging } from '../../src/logging';
import { SONNET_45, stackIn } from '../models/fixtures';
import { errorOf } from '../support/errors';

function landingZone(props: (stack: Stack) => Partial<BedrockLandingZoneProps> = () => ({})) {
  const stack = stackIn('eu-central-1');
  const lz = new BedrockLandingZone(stack, 'Lz', { approvedModels: [ApprovedModel.throughGeography(SONNET_45)], ...props(stack) });
  return { stack, lz, template: Template.fromStack(stack) };
}

/** Logging and retention set up by a central team: settings the library does not write. */
class CentralLogging extends Construct implements IModelInvocationLogging {
  public readonly logBucket?: s3.IBucket;
  public readonly logGroupName = '/central/bedrock-invocations';
  public readonly logRetention = logs.RetentionDays.TEN_YEARS;
  public readonly expiration?: Duration;
  public readonly textDataDelivery = true;
}
class CentralRetention extends Construct implements IBedrockDataRetention {
  public readonly mode = DataRetentionMode.NONE;
}

describe('BedrockLandingZone restoreChangedSettings', () => {
  test('off by default: no restore, and the baseline keeps its one function', () => {
    const { lz, template } = landingZone();
    expect(lz.detectiveControls!.settingRestore).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('on: the landing zone\'s invocation logging and data retention are restored, by a second function', () => {
    const { lz, template } = landingZone(() => ({ restoreChangedSettings: true }));
    const restore = lz.detectiveControls!.settingRestore!;
    expect(restore.restoredSettings).toEqual(['InvocationLogging', 'DataRetention']);
    expect(restore.node.path).toBe('Stack/Lz/DetectiveControls/SettingRestore');
    template.resourceCountIs('AWS::Lambda::Function', 2);
    const fn = template.toJSON().Resources[Stack.of(restore).getLogicalId(restore.restoreFunction.node.defaultChild as any)].Properties;
    expect(fn.Environment.Variables.RESTORE_DATA_RETENTION).toBe((lz.dataRetention.mode).value);
    expect(Object.keys(fn.Environment.Variables).sort()).toEqual(['RESTORE_DATA_RETENTION', 'RESTORE_INVOCATION_LOGGING']);
  });

  test('with a logging setup of the user\'s own, only data retention is restored', () => {
    const { lz } = landingZone(stack => ({ restoreChangedSettings: true, invocationLogging: new CentralLogging(stack, 'Central') }));
    expect(lz.detectiveControls!.settingRestore!.restoredSettings).toEqual(['DataRetention']);
  });

  test('with neither setting written by the library: a synth error', () => {
    const e = errorOf(() => landingZone(stack => ({
      restoreChangedSettings: true, invocationLogging: new CentralLogging(stack, 'Central'), dataRetention: new CentralRetention(stack, 'Retention'),
    })));
    expect(e.code).toBe(Code.LANDING_ZONE_PROPS);
    expect(e.message).toBe('BedrockLandingZone: restoreChangedSettings is true, but neither invocationLogging nor dataRetention is a ' +
      'ModelInvocationLogging or BedrockDataRetention of this stack: the restore writes back only settings the library writes here; leave ' +
      'restoreChangedSettings out');
  });

  test('with the detective controls off: a synth error', () => {
    const e = errorOf(() => landingZone(() => ({ restoreChangedSettings: true, detectiveControls: false })));
    expect(e.code).toBe(Code.LANDING_ZONE_PROPS);
    expect(e.message).toBe('BedrockLandingZone: restoreChangedSettings is true but detectiveControls is false: the restore is part of the ' +
      'detective controls; turn them on, or leave restoreChangedSettings out');
  });
});
