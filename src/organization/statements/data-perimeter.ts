import { SERVICE_MODEL_ACTIONS } from '../../private/inference-doors';
import { ALWAYS, StatementClass, StatementRecord } from '../private/statement-record';

export const DATA_PERIMETER_STATEMENTS: StatementClass = {
  title: 'The data perimeter',
  summary: 'Governed data does not leave the stores, accounts do not leave the organization, and other services do not run models for ' +
    'the developer. The log groups\' subscriptions and exports and the buckets\' replication, policy and notifications are closed by ' +
    '`ProtectGovernanceResources`; resource policies that admit other accounts by `ProtectGovernanceSettings`.',
};

export const DENY_LEAVING_THE_ORGANIZATION: StatementRecord = {
  sid: 'DenyLeavingTheOrganization',
  class: DATA_PERIMETER_STATEMENTS,
  appliesWhen: 'always',
  denies: '`organizations:LeaveOrganization` (the management account can still remove an account)',
  why: 'every service control policy, the organization\'s guardrail and the StackSets\' rollout stop applying to an account that leaves',
  applies: ALWAYS,
  build: () => ({ actions: ['organizations:LeaveOrganization'], resources: ['*'] }),
};

export const DENY_KNOWLEDGE_BASES_OUTSIDE_AWS: StatementRecord = {
  sid: 'DenyKnowledgeBasesOutsideAws',
  class: DATA_PERIMETER_STATEMENTS,
  appliesWhen: 'always',
  denies: 'a knowledge base on a vector store outside AWS (`bedrock:AssociateThirdPartyKnowledgeBase`: Pinecone, MongoDB Atlas, Redis ' +
    'Enterprise Cloud)',
  why: 'the chunks of governed documents would be stored outside AWS and outside the jurisdiction',
  applies: ALWAYS,
  build: () => ({ actions: ['bedrock:AssociateThirdPartyKnowledgeBase'], resources: ['*'] }),
};

export const DENY_MONITORING_LINKS_OUTSIDE_ORGANIZATION: StatementRecord = {
  sid: 'DenyMonitoringLinksOutsideOrganization',
  class: DATA_PERIMETER_STATEMENTS,
  appliesWhen: 'always',
  denies: 'creating or updating an observability link (`oam:CreateLink`, `UpdateLink`) whose sink\'s `aws:ResourceOrgID` is not the ' +
    'caller\'s organization (also a sink in no organization)',
  why: 'a link shares the account\'s log groups, the invocation logs too, with the sink\'s monitoring account; a monitoring account inside ' +
    'the organization stays possible',
  applies: ALWAYS,
  build: () => ({
    actions: ['oam:CreateLink', 'oam:UpdateLink'],
    resources: ['*'],
    conditions: { StringNotEquals: { 'aws:ResourceOrgID': '${aws:PrincipalOrgID}' } },
  }),
};

export const DENY_MODELS_THROUGH_OTHER_SERVICES: StatementRecord = {
  sid: 'DenyModelsThroughOtherServices',
  class: DATA_PERIMETER_STATEMENTS,
  appliesWhen: 'always',
  denies: 'the generative features of other services: Lex\'s generative bot building, Q in Connect\'s assistants, AI agents and prompts, ' +
    'Q Business, Q Developer (chat, completions, agent sessions), Quick Suite agents, B2B Data Interchange\'s generated mappings',
  why: 'they invoke models with service-linked roles, which no service control policy restricts: what they invoke bypasses the approved ' +
    'list, the governed regions, the guardrail requirement and invocation logging',
  liftedBy: { allowGenerativeFeaturesOfOtherServices: true },
  applies: s => !s.props.allowGenerativeFeaturesOfOtherServices,
  build: () => ({ actions: SERVICE_MODEL_ACTIONS, resources: ['*'] }),
};
