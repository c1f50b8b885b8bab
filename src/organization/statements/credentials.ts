import { BEARER_TOKEN_ACTIONS } from '../../catalogue/inference-doors';
import { onAnyResource, statementClass } from '../private/statement-record';

export const CREDENTIAL_STATEMENTS = statementClass({
  title: 'Long-term API keys',
  summary: 'Bedrock API keys are short-term: long-term keys outlive the people and roles they were made for.',
  statements: [
    /** Long-term Bedrock API keys are IAM service-specific credentials, for either endpoint. */
    {
      sid: 'DenyLongTermBedrockApiKeys',
      denies: 'creating IAM service-specific credentials for any `bedrock*` service (long-term Bedrock API keys)',
      why: 'long-term keys outlive the people and roles they were made for',
      build: () => onAnyResource(
        ['iam:CreateServiceSpecificCredential'],
        { StringLike: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock*' } },
      ),
    },

    /** Calls with a long-term key, one statement per endpoint (each has its own condition key). */
    ...BEARER_TOKEN_ACTIONS.map(({ action, typeKey }, i) => ({
      sid: `DenyLongTermBearerTokens${i === 0 ? '' : i + 1}`,
      denies: `calling \`${action}\` with a long-term key (\`${typeKey}\` is \`LONG_TERM\`), a key created before this policy included`,
      why: 'long-term keys outlive the people and roles they were made for; denying the call also stops the keys that already exist',
      build: () => onAnyResource([action], { StringEquals: { [typeKey]: 'LONG_TERM' } }),
    })),
  ],
});
