import { aws_iam as iam } from 'aws-cdk-lib';
import { REGION } from './helpers';
import { ModelAccessPolicy } from '../../src/access';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { BedrockDataRetention, DataRetentionMode } from '../../src/data-retention';
import { EnforcedGuardrail, Guardrail, GuardrailPreset, PiiEntityType } from '../../src/guardrails';
import { ModelInvocationLogging } from '../../src/logging';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { GovernanceNotifications, InvocationLoggingAlarms } from '../../src/monitoring';
import { BedrockPrivateEndpoints } from '../../src/network';
import { SONNET_45, TITAN_EMBED_V2, stackIn } from '../models/fixtures';
import { checkCompliance } from '../support/nag';

describe('the library\'s own constructs pass the Bedrock pack', () => {
  test('access policy, guardrail, enforced guardrail, private endpoints, invocation logging and data retention, with defaults: no finding', () => {
    const stack = stackIn(REGION);
    const models = [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45), FoundationModel.of(TITAN_EMBED_V2)];
    const role = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE] });
    new EnforcedGuardrail(stack, 'Enforced', { guardrail });
    new ModelAccessPolicy(stack, 'Access', { models, roles: [role] });
    new BedrockPrivateEndpoints(stack, 'Endpoints', { models });
    new ModelInvocationLogging(stack, 'Logging');
    // MN1: the logging's delivery failures are alarmed, to a subscribed topic (MN2).
    new InvocationLoggingAlarms(stack, 'LoggingAlarms', { topic: new GovernanceNotifications(stack, 'Notifications', { emails: ['sec@example.com'] }).topic });
    new BedrockDataRetention(stack, 'DataRetention', { mode: DataRetentionMode.NONE });

    const pack = new BedrockGovernanceChecks(stack.node.root, {
      approvedModels: [SONNET_45, TITAN_EMBED_V2],
      approvedGeographies: [Geography.EU],
    });
    const result = checkCompliance(stack, [pack]);
    expect(result.violations.filter(v => v.startsWith('Bedrock-'))).toEqual([]);
    expect(result.acknowledgements.filter(a => a.id.startsWith('Bedrock::'))).toEqual([]);
  });

  test('an access policy that requires the guardrail (no enforced guardrail), with logging and data retention: no finding', () => {
    const stack = stackIn(REGION);
    const role = new iam.Role(stack, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const guardrail = new Guardrail(stack, 'Guardrail', { presets: [GuardrailPreset.BASELINE, GuardrailPreset.PCI_DSS] });
    new ModelAccessPolicy(stack, 'Access', {
      models: [CrossRegionInferenceProfile.of(Geography.EU, SONNET_45)],
      requireGuardrail: guardrail,
      roles: [role],
    });
    new ModelInvocationLogging(stack, 'Logging');
    // MN1: the logging's delivery failures are alarmed, to a subscribed topic (MN2).
    new InvocationLoggingAlarms(stack, 'LoggingAlarms', { topic: new GovernanceNotifications(stack, 'Notifications', { emails: ['sec@example.com'] }).topic });
    new BedrockDataRetention(stack, 'DataRetention', { mode: DataRetentionMode.NONE });
    const pack = new BedrockGovernanceChecks(stack.node.root, { requiredPiiEntities: [PiiEntityType.CREDIT_DEBIT_CARD_NUMBER] });
    const result = checkCompliance(stack, [pack]);
    expect(result.violations.filter(v => v.startsWith('Bedrock-'))).toEqual([]);
  });
});
