import { compactActions } from '../../catalogue/action-groups';
import { SERVICE_MODEL_ACTIONS } from '../../catalogue/other-services';
import { onAnyResource, statementClass } from '../private/statement-record';

export const DATA_PERIMETER_STATEMENTS = statementClass({
  title: 'The data perimeter',
  summary: 'Governed data does not leave the stores, accounts do not leave the organization, and other services do not run models for ' +
    'the developer. The log groups\' subscriptions and exports and the buckets\' replication, policy and notifications are closed by ' +
    '`ProtectGovernanceResources`; resource policies that admit other accounts by `ProtectGovernanceSettings`.',
  statements: [
    {
      sid: 'DenyLeavingTheOrganization',
      denies: '`organizations:LeaveOrganization` and `account:CloseAccount` (the management account can still remove or close an account)',
      why: 'every service control policy, the organization\'s guardrail and the StackSets\' rollout stop applying to an account that leaves; ' +
        'an account closed from inside takes its retained invocation logs with it when AWS deletes what remains after 90 days (rt3 F13)',
      build: () => onAnyResource(['organizations:LeaveOrganization', 'account:CloseAccount']),
    },

    {
      sid: 'DenyKnowledgeBasesOutsideAws',
      denies: 'a knowledge base on a vector store outside AWS (`bedrock:AssociateThirdPartyKnowledgeBase`: Pinecone, MongoDB Atlas, Redis ' +
        'Enterprise Cloud)',
      why: 'the chunks of governed documents would be stored outside AWS and outside the jurisdiction',
      build: () => onAnyResource(['bedrock:AssociateThirdPartyKnowledgeBase']),
    },

    {
      sid: 'DenyMonitoringLinksOutsideOrganization',
      denies: 'creating or updating an observability link (`oam:CreateLink`, `UpdateLink`) whose sink\'s `aws:ResourceOrgID` is not the ' +
        'caller\'s organization (also a sink in no organization)',
      why: 'a link shares the account\'s log groups, the invocation logs too, with the sink\'s monitoring account; a monitoring account inside ' +
        'the organization stays possible',
      build: () => onAnyResource(
        ['oam:CreateLink', 'oam:UpdateLink'],
        { StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
      ),
    },

    {
      sid: 'DenyModelsThroughOtherServices',
      denies: 'the generative features of other services: Lex\'s generative bot building, Q in Connect\'s assistants, AI agents and prompts, ' +
        'Q Business, Q Developer\'s completions, Quick Suite agents and topics, Q Apps, B2B Data Interchange\'s generated mappings, natural-language ' +
        'queries and summaries (CloudWatch, CloudTrail, SQL Workbench), DataZone\'s, Glue\'s, Transcribe\'s and HealthLake\'s generative features, ' +
        'the assistants of Detective, IoT SiteWise and the Support Console (the services that are an agent, whole, are the deployers\' only: ' +
        '`ProtectGovernanceSettings`)',
      why: 'they invoke models with service-linked roles, which no service control policy restricts: what they invoke bypasses the approved ' +
        'list, the governed regions, the guardrail requirement and invocation logging',
      liftedBy: { allowGenerativeFeaturesOfOtherServices: true },
      build: () => onAnyResource(compactActions(SERVICE_MODEL_ACTIONS)),
    },
  ],
});
