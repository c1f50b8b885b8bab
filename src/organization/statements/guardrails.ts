import { compactActions, doorsWith } from '../../private/inference-doors';
import { StatementClass, StatementRecord } from '../private/statement-record';

export const GUARDRAIL_STATEMENTS: StatementClass = {
  title: 'Guardrails (`requireGuardrail`)',
  summary: 'Every invocation carries a guardrail of the organization, and no developer can make the guardrail that satisfies it.',
};

const requireGuardrail = 'with `requireGuardrail: true`';

/**
 * A missing identifier, a guardrail ID without its ARN, or another account's guardrail is denied.
 * Calls Bedrock makes itself are not.
 */
export const DENY_WITHOUT_OWN_GUARDRAIL: StatementRecord = {
  sid: 'DenyInvocationWithoutOwnGuardrail',
  class: GUARDRAIL_STATEMENTS,
  appliesWhen: requireGuardrail,
  denies: 'invocations whose `bedrock:GuardrailIdentifier` is not a guardrail ARN of the calling account (or of `guardrailAccounts`): ' +
    'missing, a bare ID, or another account\'s',
  why: 'a guardrail of an account outside the organization filters nothing the organization controls. Approved embedding models (they carry ' +
    'no text to filter; a knowledge base\'s role embeds documents with its own credentials) and calls Bedrock makes itself ' +
    '(`aws:ViaAWSService`) are exempt',
  applies: s => s.props.requireGuardrail === true,
  build: c => {
    const exempt = c.approvedArns(c.settings.embeddingModels);
    return {
      actions: compactActions(doorsWith(d => d.guardrail === 'key')),
      ...(exempt.length > 0 ? { notResources: exempt } : { resources: ['*'] }),
      conditions: {
        StringNotLike: {
          'bedrock:GuardrailIdentifier': ['${aws:PrincipalAccount}', ...(c.settings.props.guardrailAccounts ?? [])]
            .map(account => `arn:${c.partition}:bedrock:*:${account}:guardrail/*`),
        },
        Bool: { 'aws:ViaAWSService': 'false' },
      },
    };
  },
};

/** Ungoverned doors are left out: `DenyUngovernedInference` denies them whoever calls. */
export const DENY_DOORS_WITHOUT_GUARDRAIL: StatementRecord = {
  sid: 'DenyDoorsThatCannotCarryAGuardrail',
  class: GUARDRAIL_STATEMENTS,
  appliesWhen: requireGuardrail,
  denies: 'batch and evaluation jobs, prompt optimization, inline agents, agentic retrieval, retrieval with generation, the ' +
    'OpenAI-compatible endpoint and the doors that run models AWS chooses, unless Bedrock calls them itself (`aws:ViaAWSService`)',
  why: 'they generate from prompts but IAM cannot see a guardrail on them',
  applies: s => s.props.requireGuardrail === true,
  build: () => ({
    actions: compactActions(doorsWith(d => d.guardrail === 'cannot-carry' && d.modelFence !== 'ungoverned')),
    resources: ['*'],
    conditions: { Bool: { 'aws:ViaAWSService': 'false' } },
  }),
};

export const PROTECT_GUARDRAILS: StatementRecord = {
  sid: 'DenyGuardrailChangesExceptDeployers',
  class: GUARDRAIL_STATEMENTS,
  appliesWhen: requireGuardrail,
  denies: 'creating, updating, versioning or deleting guardrails, except by the deployment roles and the settings admins',
  why: 'otherwise a developer\'s own empty guardrail, in the same account, satisfies the requirement',
  applies: s => s.props.requireGuardrail === true,
  build: c => ({
    actions: ['bedrock:CreateGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteGuardrail'],
    resources: ['*'],
    conditions: { ArnNotLike: { 'aws:PrincipalArn': c.exempt.allAdmins } },
  }),
};

/**
 * CloudFormation calls through a forward access session, with or without a service role (CloudFormation
 * User Guide, "Forward access sessions (FAS) requests and permission evaluation"), so `aws:ViaAWSService`
 * is true and the guardrail statements would take a stack's call for Bedrock's own.
 */
export const DENY_GUARDRAIL_DOORS_THROUGH_CLOUDFORMATION: StatementRecord = {
  sid: 'DenyGuardrailDoorsThroughCloudFormation',
  class: GUARDRAIL_STATEMENTS,
  appliesWhen: requireGuardrail,
  denies: 'creating, through CloudFormation (`aws:CalledVia`), the resource types that are doors without a guardrail (the catalogue names ' +
    'them: today `AWS::BedrockAgentCore::OnlineEvaluationConfig`)',
  why: 'CloudFormation calls through a forward access session with or without a service role (`aws:ViaAWSService` true), which the ' +
    'guardrail statements exempt as Bedrock\'s own call; every other Bedrock resource in a stack stays possible. That CloudFormation puts ' +
    'itself in `aws:CalledVia` is AWS\'s documented behaviour for forward sessions, not tested against AWS here',
  applies: s => s.props.requireGuardrail === true,
  build: () => ({
    actions: doorsWith(d => d.guardrail === 'cannot-carry' && d.cloudFormationType !== undefined),
    resources: ['*'],
    conditions: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } },
  }),
};
