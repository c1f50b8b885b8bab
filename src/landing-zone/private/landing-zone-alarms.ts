import { aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Problems } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { IGuardrail } from '../../guardrails';
import { IModelInvocationLogging } from '../../logging';
import { IBedrockInvokable } from '../../models';
import { IOpenAiCompatibleProject } from '../../models/openai-compatible-project';
import { GovernanceAlarms, GovernanceDashboard, MonitoredModel } from '../../monitoring';
import { ApprovedModel } from '../approved-model';
import { ApprovedModelLimits } from '../approved-model-limits';
import { GovernanceProfile } from '../governance-profile';

/** What the landing zone's alarms and dashboard watch. */
export interface LandingZoneSignalsInput {
  readonly profile: GovernanceProfile;
  readonly approvedModels: ApprovedModel[];
  /** `approvedModels`, resolved (same order) */
  readonly models: IBedrockInvokable[];
  readonly modelLimits?: ApprovedModelLimits[];
  readonly guardrail: IGuardrail;
}

/**
 * The governance alarms (child `Alarms` of `scope`): required by the regulated profiles, on by default
 * for every other; undefined when `enabled` is false.
 */
export function landingZoneAlarms(scope: Construct, enabled: boolean | undefined, input: LandingZoneSignalsInput & {
  /** The governance topic, asked for only when the alarms are created */
  readonly topic: () => sns.ITopic;
  readonly invocationLogging: IModelInvocationLogging;
  /** Whether the detective controls' setting rule reports logging configuration changes to the same topic */
  readonly detectiveReportsLoggingChanges: boolean;
  readonly openAiCompatibleProjects?: IOpenAiCompatibleProject[];
}): GovernanceAlarms | undefined {
  const problems = new Problems();
  problems.check(enabled !== false || !input.profile.requiresLoggingAlarms, `alarms is false, but profile ${input.profile.name} requires ` +
    'the invocation log delivery alarms: an operator must show the logging works; leave alarms out or set it to true');
  const limits = input.modelLimits ?? [];
  problems.check(enabled !== false || limits.length === 0, 'modelLimits is given but alarms is false: the limits are alarm thresholds; turn alarms on or leave modelLimits out');
  problems.check(enabled !== false || (input.openAiCompatibleProjects ?? []).length === 0,
    'openAiCompatibleProjects is given but alarms is false: the projects are given for their alarms; turn alarms on or leave openAiCompatibleProjects out');
  limits.forEach((l, i) => problems.check(input.approvedModels.includes(l.model),
    `modelLimits[${i}].model is ${l.model}, which is not one of approvedModels (the same object): limits apply to approved models only`));
  problems.throwIfAny(scope, 'BedrockLandingZone', BedrockLandingZoneErrorCode.LANDING_ZONE_PROPS);
  if (enabled === false) return undefined;
  return new GovernanceAlarms(scope, 'Alarms', {
    topic: input.topic(),
    s3Delivery: input.invocationLogging.logBucket !== undefined,
    cloudWatchLogsDelivery: input.invocationLogging.logGroupName !== undefined,
    models: modelSettings(input),
    guardrails: [input.guardrail],
    // One notification per change: the detective controls' Bedrock settings rule matches the same calls.
    reportLoggingChanges: !input.detectiveReportsLoggingChanges,
    openAiCompatibleProjects: input.openAiCompatibleProjects,
  });
}

/** The governance dashboard (child `Dashboard` of `scope`), unless `enabled` is false. */
export function landingZoneDashboard(scope: Construct, enabled: boolean | undefined,
  input: LandingZoneSignalsInput): GovernanceDashboard | undefined {
  if (enabled === false) return undefined;
  return new GovernanceDashboard(scope, 'Dashboard', {
    models: modelSettings(input),
    guardrails: [input.guardrail],
  });
}

/** Each resolved approved model with the limits declared for it. */
function modelSettings(input: LandingZoneSignalsInput): MonitoredModel[] {
  return input.models.map((model, i) => ({ ...input.modelLimits?.find(l => l.model === input.approvedModels[i]), model }));
}
