import { compactActions } from '../../catalogue/action-groups';
import { doorsWith } from '../../catalogue/inference-doors';
import { onAnyResource, statementClass } from '../private/statement-record';


const requireGuardrail = 'with `requireGuardrail: true`';

export const GUARDRAIL_STATEMENTS = statementClass({
  title: 'Guardrails (`requireGuardrail`)',
  summary: 'Every invocation carries a guardrail of the organization, and no developer can make the guardrail that satisfies it.',
  statements: [
    /**
     * A missing identifier, a guardrail ID without its ARN, or another account's guardrail is denied.
     * Calls Bedrock makes itself are not.
     */
    {
      sid: 'DenyInvocationWithoutOwnGuardrail',
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
    },

    /** Ungoverned doors are left out: `DenyUngovernedInference` denies them whoever calls. */
    {
      sid: 'DenyDoorsThatCannotCarryAGuardrail',
      appliesWhen: requireGuardrail,
      denies: 'batch and evaluation jobs, prompt optimization, inline agents, agentic retrieval, retrieval with generation, the ' +
        'OpenAI-compatible endpoint and the doors that run models AWS chooses, unless Bedrock calls them itself (`aws:ViaAWSService`)',
      why: 'they generate from prompts but IAM cannot see a guardrail on them',
      applies: s => s.props.requireGuardrail === true,
      build: () => onAnyResource(
        compactActions(doorsWith(d => d.guardrail === 'cannot-carry' && d.modelFence !== 'ungoverned')),
        { Bool: { 'aws:ViaAWSService': 'false' } },
      ),
    },

    {
      sid: 'DenyGuardrailChangesExceptDeployers',
      appliesWhen: requireGuardrail,
      denies: 'creating, updating, versioning or deleting guardrails, except by the deployment roles and the settings admins',
      why: 'otherwise a developer\'s own empty guardrail, in the same account, satisfies the requirement',
      applies: s => s.props.requireGuardrail === true,
      build: c => onAnyResource(
        ['bedrock:CreateGuardrail', 'bedrock:UpdateGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:DeleteGuardrail'],
        { ArnNotLike: { 'aws:PrincipalArn': c.exempt.allAdmins } },
      ),
    },

    /**
     * CloudFormation calls through a forward access session, with or without a service role (CloudFormation
     * User Guide, "Forward access sessions (FAS) requests and permission evaluation"), so `aws:ViaAWSService`
     * is true and the guardrail statements would take a stack's call for Bedrock's own.
     */
    {
      sid: 'DenyGuardrailDoorsThroughCloudFormation',
      appliesWhen: requireGuardrail,
      denies: 'creating or updating, through CloudFormation or Cloud Control API (`aws:CalledVia`), the resource types that are doors without a guardrail (the catalogue names ' +
        'them: today `AWS::BedrockAgentCore::OnlineEvaluationConfig`)',
      why: 'CloudFormation calls through a forward access session with or without a service role (`aws:ViaAWSService` true), which the ' +
        'guardrail statements exempt as Bedrock\'s own call; every other Bedrock resource in a stack stays possible. That CloudFormation puts ' +
        'itself in `aws:CalledVia` is AWS\'s documented behaviour for forward sessions, not tested against AWS here',
      applies: s => s.props.requireGuardrail === true,
      build: () => onAnyResource(
        compactActions(doorsWith(d => d.guardrail === 'cannot-carry' && d.cloudFormationType !== undefined)),
        // Cloud Control API creates the same resource types through the registry's handlers (rt3 F12; its value in aws:CalledVia is not verified).
        { 'ForAnyValue:StringEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com', 'cloudcontrolapi.amazonaws.com'] } },
      ),
    },
  ],
});
