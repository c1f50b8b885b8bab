import { Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockDataRetention, IBedrockDataRetention } from '../../data-retention';
import { BedrockDetectiveControls, BedrockSettingRestore, ConfigRecorder, SecurityHubControls } from '../../detective';
import { fail } from '../../errors/bedrock-landing-zone-error';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { IModelInvocationLogging, ModelInvocationLogging } from '../../logging';
import { Geography } from '../../models';
import { ApprovedModel } from '../approved-model';
import { GovernanceProfile } from '../governance-profile';

/** What the landing zone's detective controls watch for. */
export interface LandingZoneDetectiveInput {
  readonly notificationsTopic: sns.ITopic;
  readonly configRules?: boolean;
  readonly configRecorder?: ConfigRecorder;
  readonly securityHub?: SecurityHubControls;
  readonly approvedModels: ApprovedModel[];
  readonly profile: GovernanceProfile;
  readonly geography: Geography;
}

/**
 * The detective controls (child `DetectiveControls` of `scope`), fed by the same approved-model list:
 * their approved models and geographies. When no approved model names a model ID, neither list is given.
 */
export function landingZoneDetectiveControls(scope: Construct, input: LandingZoneDetectiveInput): BedrockDetectiveControls {
  const modelIds = input.approvedModels.map(m => m.modelId).filter((m): m is string => m !== undefined);
  const geographies = input.profile.allowedGeographies ?? [input.geography];
  return new BedrockDetectiveControls(scope, 'DetectiveControls', {
    notificationsTopic: input.notificationsTopic,
    configRules: input.configRules,
    configRecorder: input.configRecorder,
    securityHub: input.securityHub,
    approvedModels: modelIds.length > 0 ? modelIds : undefined,
    approvedGeographies: modelIds.length > 0
      ? [...geographies, ...input.approvedModels.some(m => m.isGlobal) ? [Geography.GLOBAL] : []] : undefined,
  });
}

/**
 * `restoreChangedSettings`: the detective controls put back the settings the library writes in this
 * stack (a `ModelInvocationLogging` and a `BedrockDataRetention`, the landing zone's or given to it).
 */
export function landingZoneSettingRestore(scope: Construct, controls: BedrockDetectiveControls | undefined,
  logging: IModelInvocationLogging, retention: IBedrockDataRetention): BedrockSettingRestore {
  if (!controls) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: restoreChangedSettings is true but detectiveControls is false: ' +
      'the restore is part of the detective controls; turn them on, or leave restoreChangedSettings out', scope);
  }
  const stack = Stack.of(scope);
  const invocationLogging = logging instanceof ModelInvocationLogging && Stack.of(logging) === stack ? logging : undefined;
  const dataRetention = retention instanceof BedrockDataRetention && Stack.of(retention) === stack ? retention : undefined;
  if (!invocationLogging && !dataRetention) {
    fail(BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS, 'BedrockLandingZone: restoreChangedSettings is true, but neither invocationLogging ' +
      'nor dataRetention is a ModelInvocationLogging or BedrockDataRetention of this stack: the restore writes back only settings the ' +
      'library writes here; leave restoreChangedSettings out', scope);
  }
  return controls.addSettingRestore({ invocationLogging, dataRetention });
}
