import { BEARER_TOKEN_ACTIONS } from '../../private/inference-doors';
import { ALWAYS, StatementClass, StatementRecord } from '../private/statement-record';

export const CREDENTIAL_STATEMENTS: StatementClass = {
  title: 'Long-term API keys',
  summary: 'Bedrock API keys are short-term: long-term keys outlive the people and roles they were made for.',
};

/** Long-term Bedrock API keys are IAM service-specific credentials, for either endpoint. */
export const DENY_LONG_TERM_API_KEYS: StatementRecord = {
  sid: 'DenyLongTermBedrockApiKeys',
  class: CREDENTIAL_STATEMENTS,
  appliesWhen: 'always',
  denies: 'creating IAM service-specific credentials for any `bedrock*` service (long-term Bedrock API keys)',
  why: 'long-term keys outlive the people and roles they were made for',
  applies: ALWAYS,
  build: () => ({
    actions: ['iam:CreateServiceSpecificCredential'],
    resources: ['*'],
    conditions: { StringLike: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock*' } },
  }),
};

/** Calls with a long-term key, one statement per endpoint (each has its own condition key). */
export const DENY_BEARER_TOKENS: StatementRecord[] = BEARER_TOKEN_ACTIONS.map(({ action, typeKey }, i) => ({
  sid: `DenyLongTermBearerTokens${i === 0 ? '' : i + 1}`,
  class: CREDENTIAL_STATEMENTS,
  appliesWhen: 'always',
  denies: `calling \`${action}\` with a long-term key (\`${typeKey}\` is \`LONG_TERM\`), a key created before this policy included`,
  why: 'long-term keys outlive the people and roles they were made for; denying the call also stops the keys that already exist',
  applies: ALWAYS,
  build: () => ({ actions: [action], resources: ['*'], conditions: { StringEquals: { [typeKey]: 'LONG_TERM' } } }),
}));
