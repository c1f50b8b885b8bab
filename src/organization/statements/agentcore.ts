import { compactActions } from '../../catalogue/action-groups';
import { AGENTCORE_PAYMENT_ACTIONS } from '../../catalogue/inference-doors';
import { PolicySettings, onAnyResource, statementClass } from '../private/statement-record';

const builtInToolsDenied = (s: PolicySettings) => s.governAgentCore && !s.props.allowAgentCoreBuiltInTools;
const jwtAuthorizersDenied = (s: PolicySettings) => s.governAgentCore && !s.props.allowAgentCoreJwtAuthorizers;

export const AGENTCORE_STATEMENTS = statementClass({
  title: 'AgentCore (`governAgentCore`)',
  summary: 'AgentCore inside the network and behind authorization: the organization\'s counterparts of rules AC1 to AC3 of the pack and ' +
    'of Security Hub\'s BedrockAgentCore.1 and .2. `governAgentCore: false` lifts every statement of this class.',
  statements: [
    /** AWS's built-in tools are AWS's resources (account "aws" in their ARN), run outside the organization's VPCs. */
    {
      sid: 'DenyAgentCoreBuiltInTools',
      denies: 'starting or using a session on AWS\'s built-in browser or code interpreter (`aws.browser.v1`, `aws.codeinterpreter.v1`, ' +
        'resources of AWS\'s own account in their ARN); sessions on the account\'s own tools (created in a VPC) stay allowed',
      why: 'they run outside the organization\'s VPCs, and the browser reaches the public internet: an agent\'s data can leave with them',
      liftedBy: { allowAgentCoreBuiltInTools: true },
      applies: builtInToolsDenied,
      build: c => ({
        // Starting a session, and using one (a session started before this policy, or by code AWS runs).
        actions: [
          'bedrock-agentcore:StartBrowserSession', 'bedrock-agentcore:UpdateBrowserStream', 'bedrock-agentcore:SaveBrowserSessionProfile',
          'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter',
        ],
        resources: [
          `arn:${c.partition}:bedrock-agentcore:*:aws:browser/*`,
          `arn:${c.partition}:bedrock-agentcore:*:aws:code-interpreter/*`,
        ],
      }),
    },

    {
      sid: 'DenyAgentCoreWebAccessTools',
      denies: 'AgentCore web search and Bedrock\'s web search and fetch tools (`bedrock-agentcore:InvokeWebSearch`, ' +
        '`bedrock-websearch:InvokeSearch`, `InvokeFetch`, `ExternalWebAccess`)',
      why: 'they reach sites outside AWS with what the agent sends: the same egress as the built-in browser',
      liftedBy: { allowAgentCoreBuiltInTools: true },
      applies: builtInToolsDenied,
      build: () => ({
        actions: [
          'bedrock-agentcore:InvokeWebSearch', 'bedrock-websearch:InvokeSearch', 'bedrock-websearch:InvokeFetch', 'bedrock-websearch:ExternalWebAccess',
        ],
        resources: ['*'],
      }),
    },

    {
      sid: 'DenyAgentCoreOutsideVpc',
      denies: 'creating or updating a runtime, and creating a code interpreter or browser, without VPC subnets (`bedrock-agentcore:subnets`)',
      why: 'outside a VPC they reach the internet and the organization\'s private endpoints do not apply. A code interpreter in sandbox mode ' +
        'has no subnets either, so it is denied too: no condition key tells sandbox from public mode',
      liftedBy: { governAgentCore: false },
      build: () => ({
        // The AgentCore requests that carry the subnets of VPC mode (Service Authorization Reference).
        actions: compactActions(['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:UpdateAgentRuntime',
          'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:CreateBrowser']),
        resources: ['*'],
        conditions: { Null: { 'bedrock-agentcore:subnets': 'true' } },
      }),
    },

    {
      sid: 'DenyAgentCoreGatewaysWithoutAuthorizer',
      denies: 'creating or updating a gateway with `AuthorizerType: NONE`, and (unless `allowAgentCoreJwtAuthorizers`) `CUSTOM_JWT`',
      why: 'a gateway without an authorizer lets anyone who reaches it call its targets with the gateway\'s credentials; one with a JWT ' +
        'authorizer lets anyone holding a token of the issuer its creator names, and no service control policy can judge the issuer (rt3 F7)',
      liftedBy: { governAgentCore: false },
      build: c => onAnyResource(
        compactActions(['bedrock-agentcore:CreateGateway', 'bedrock-agentcore:UpdateGateway']),
        { StringEqualsIgnoreCase: { 'bedrock-agentcore:GatewayAuthorizerType': jwtAuthorizersDenied(c.settings) ? ['NONE', 'CUSTOM_JWT'] : 'NONE' } },
      ),
    },

    /**
     * A runtime's inbound authorizer is SigV4 (IAM) or a JWT of an issuer its creator names: the Service
     * Authorization Reference gives Create/UpdateAgentRuntime the type (`RuntimeAuthorizerType`), not the
     * issuer's discovery URL, audiences or clients, so an SCP can refuse the type only.
     */
    {
      sid: 'DenyAgentCoreJwtRuntimes',
      denies: 'creating or updating a runtime with an inbound JWT authorizer (`bedrock-agentcore:RuntimeAuthorizerType` `CUSTOM_JWT`)',
      why: 'its endpoint then answers bearer tokens of whatever identity provider the creator names, with no IAM identity and no SigV4: ' +
        'anyone outside AWS holding such a token invokes the agent and gets what its role reads (rt3 F7); only the type can be judged',
      liftedBy: { allowAgentCoreJwtAuthorizers: true },
      applies: jwtAuthorizersDenied,
      build: () => onAnyResource(
        compactActions(['bedrock-agentcore:CreateAgentRuntime', 'bedrock-agentcore:UpdateAgentRuntime']),
        { StringEqualsIgnoreCase: { 'bedrock-agentcore:RuntimeAuthorizerType': 'CUSTOM_JWT' } },
      ),
    },

    {
      sid: 'DenyAgentCoreHarnesses',
      denies: 'creating or updating a harness',
      why: 'a harness\'s requests carry no network key, so no condition can show VPC mode',
      liftedBy: { governAgentCore: false },
      build: () => onAnyResource(['bedrock-agentcore:CreateHarness', 'bedrock-agentcore:UpdateHarness']),
    },

    {
      sid: 'DenyAgentCoreMemoryWithoutKey',
      denies: 'creating memory without a customer-managed key of the calling account (`bedrock-agentcore:KmsKeyArn`)',
      why: 'an agent\'s memory holds its conversations: without a key of the account, the account cannot revoke access to them, and the owner ' +
        'of another account\'s key could read or withhold them',
      liftedBy: { governAgentCore: false },
      build: c => onAnyResource(
        ['bedrock-agentcore:CreateMemory'],
        { StringNotLike: { 'bedrock-agentcore:KmsKeyArn': `arn:${c.partition}:kms:*:\${aws:PrincipalAccount}:*` } },
      ),
    },

    /** Gateway targets, which may be servers outside AWS, are left to the deployers in ProtectGovernanceSettings. */
    {
      sid: 'DenyAgentCorePayments',
      denies: 'every AgentCore payment action (`*Payment*`: payment managers, connectors, instruments, sessions and credentials)',
      why: 'an agent with a payment instrument spends the organization\'s money at merchants outside AWS and hands them the data of its ' +
        'requests; nothing in IAM limits the merchant or the amount',
      liftedBy: { allowAgentCorePayments: true },
      applies: s => s.governAgentCore && !s.props.allowAgentCorePayments,
      build: () => onAnyResource(AGENTCORE_PAYMENT_ACTIONS),
    },
  ],
});
