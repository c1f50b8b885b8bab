import { aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockDetectiveControls, ConfigRecorder, SecurityHubControls } from '../../detective';
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
