import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { INFERENCE_DOORS } from '../../catalogue/inference-doors';
import { documentVariants } from '../private/iam';
import { bedrockServiceOf, isBedrockInterfaceEndpoint } from '../private/network-endpoints';
import { allowedBy, policySetOfStatements } from '../private/policy-questions';
import { FOREIGN_ACCOUNT, PRINCIPAL_KEYS, SAMPLE_MODEL, UNLISTED_MODEL, foundationModelArn, namedResources, otherAccountsNamed, principalContext, probeScopeOf } from '../private/probes';
import { defineRule } from '../private/rule-definition';

/** NW2: a Bedrock endpoint has its own policy, not the default allow-all. */
export const EndpointPolicyNotDefault = defineRule({
  id: 'NW2',
  name: 'EndpointPolicyNotDefault',
  info: 'The Bedrock interface endpoint has no policy, or a policy that lets a principal of another account, outside the organization, through.',
  explanation: 'An interface endpoint without a policy allows everything: any principal, from any account, can use it to reach any model. Give it a ' +
    'policy that limits principals (`aws:PrincipalOrgID` or `aws:PrincipalAccount`) and, for the runtime endpoint, the approved models ' +
    '(`BedrockPrivateEndpoints` does). The rule asks the policy, as IAM would, whether a principal of another account and organization ' +
    'may use the endpoint\'s doors (for `bedrock-runtime`, `InvokeModel` and the rest of the inference catalogue; `bedrock-mantle`, ' +
    '`bedrock-agent-runtime` and AgentCore likewise): `"*"`, `{ AWS: "*" }`, `bedrock:*` on `*`, or a condition that fences nothing are ' +
    'reported, naming the statement: `Bedrock-NW2[Statement::1::Principal::outside]`. Every other account the policy names is asked ' +
    'too, as a possible outsider (`Bedrock-NW2[Statement::1::Principal::222222222222]`): the pack cannot know which accounts are the ' +
    'organization\'s, so acknowledge the finding for an account that is.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  controls: { nist80053r5: ['AC-3', 'AC-4', 'SC-7'], hipaa: ['164.312(a)(1)', '164.312(e)(1)'], pciDss: ['1.2.1', '7.2.1'], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  appliesTo: isBedrockInterfaceEndpoint,
  judge(res) {
    const service = bedrockServiceOf(res)!;
    const document = res.properties.PolicyDocument;
    if (!document) return NagRuleCompliance.NON_COMPLIANT;
    // Asked as IAM would: may a principal of another account, outside any organization, use the endpoint?
    const scope = probeScopeOf(res.stack);
    const set = policySetOfStatements(documentVariants(document, res.stack));
    const statements = set.variants.flat();
    // The outsiders: an account of another organization, and every other account the policy names (it may not be the organization's).
    const outsiders = [FOREIGN_ACCOUNT, ...otherAccountsNamed(statements, scope.account)];
    const findings = new Set<string>();
    // Each outsider is asked twice: as a principal of another organization, and of an account in no
    // organization, which has no aws:PrincipalOrgID at all (an `...IfExists` organization condition lets it through).
    const { ['aws:PrincipalOrgID']: _org, ['aws:PrincipalOrgPaths']: _paths, ...noOrganization } = principalContext(FOREIGN_ACCOUNT, 'o-probeforeign');
    const asked = outsiders.flatMap(account => [
      { account, context: principalContext(account, 'o-probeforeign') },
      ...(account === FOREIGN_ACCOUNT ? [{ account, context: noOrganization }] : []),
    ]);
    for (const { account, context: outsiderContext } of asked) {
      const outsider = { type: 'AWS' as const, id: `arn:aws:iam::${account}:role/probe`, account };
      for (const action of probeActionsOf(service)) {
        const [prefix] = action.split(':');
        // The probes, and every resource the policy names for the action: a policy scoped to one profile is asked about that profile.
        const resources = [...new Set(['*', foundationModelArn(scope.region, probeModelFor(service)), `arn:aws:${prefix}:${scope.region}:${scope.account}:probe/probe`,
          ...namedResources(statements, action)])];
        for (const resource of resources) {
          for (const s of allowedBy(set, { action, resource, principal: outsider, context: outsiderContext }, PRINCIPAL_KEYS)) {
            findings.add(`${s.label}::Principal::${account === FOREIGN_ACCOUNT ? 'outside' : account}`);
          }
        }
      }
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
});

/** The actions an outsider would use through an endpoint of the service: its doors of the catalogue, or a read of its API. */
function probeActionsOf(service: string): string[] {
  const base = service.replace(/-fips$/, '');
  const doors = INFERENCE_DOORS.filter(d => d.endpoint === base).map(d => d.action);
  if (doors.length > 0) return doors;
  if (base === 'bedrock-agent') return ['bedrock:GetKnowledgeBase', 'bedrock:StartIngestionJob'];
  if (base === 'bedrock-agentcore') return ['bedrock-agentcore:InvokeAgentRuntime', 'bedrock-agentcore:InvokeGateway'];
  return ['bedrock:GetFoundationModel', 'bedrock:CreateModelInvocationJob'];
}

function probeModelFor(service: string): string {
  return service.startsWith('bedrock-runtime') ? SAMPLE_MODEL : UNLISTED_MODEL;
}
