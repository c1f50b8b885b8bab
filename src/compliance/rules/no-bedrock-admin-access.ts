import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { LANDING_ZONE_ROLE_PATH } from '../../custom-resources/control-plane-provider';
import { ADMIN_RESOURCE_TYPES, BEDROCK_ADMIN_ACTIONS, GOVERNANCE_SETTING_ACTIONS } from '../private/bedrock-actions';
import { RenderedResource } from '../private/context';
import { IDENTITY_POLICY_TYPES, IdentityDocument, servicePrincipals, statementsOf } from '../private/iam';
import { allowedBy, grantingAction, policySetOf } from '../private/policy-questions';
import { namedResources, probeScopeOf } from '../private/probes';
import { defineRule } from '../private/rule-definition';
import { flatten } from '../private/values';

/** Creating or updating an OpenAI-compatible project: a governance switch when the request sets the project's own retention mode. */
const PROJECT_RETENTION_ACTIONS = ['bedrock-mantle:CreateProject', 'bedrock-mantle:UpdateProject'];

/** IAM1: no Bedrock administration, and no switching governance off, through identity policies. */
export const NoBedrockAdminAccess = defineRule({
  id: 'IAM1',
  name: 'NoBedrockAdminAccess',
  info: 'The IAM resource allows Bedrock administration (model access, Marketplace subscriptions, imported or customized models, changing or deleting guardrails) or switching governance off (invocation logging, the enforced guardrail, data retention), through its own statements or an AWS managed policy.',
  explanation: 'Workload principals should be able to invoke approved models, not to subscribe the account to new models (model access, ' +
    'Marketplace subscriptions, model import, customization or copy, Marketplace endpoints), change or delete guardrails, ' +
    'or switch off invocation logging, the enforced guardrail or the data-retention setting. The rule asks the policy, as IAM would, whether it ' +
    'allows each of those actions: `*`, `bedrock:*`, `bedrock:Put*`, `*Logging*`, a `NotAction` that leaves one out, and the AWS managed ' +
    'policies that grant them (AdministratorAccess, PowerUserAccess, AmazonBedrockFullAccess and the others the pack bundles) are all ' +
    'reported, naming the statement: `Bedrock-IAM1[Statement::1::Action::bedrock:*]`, `Bedrock-IAM1[Policy::AdministratorAccess]`. The ' +
    'governance settings are exempt only for the landing zone\'s control-plane function (a role on the path `/bedrock-landing-zone/` that ' +
    'only Lambda assumes; the organization policies protect that path). Grant administration to a separate, audited role and acknowledge it there.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: { nist80053r5: ['AC-2', 'AC-3', 'AC-6', 'AC-6(10)'], hipaa: ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(B)', '164.312(a)(1)'], pciDss: ['7.1.2', '7.2.1'], securityHub: ['IAM.1', 'IAM.21'], wellArchitectedGenAi: ['GENSEC01'] },
  judge(res) {
    const set = policySetOf(res);
    if (set.documents.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const scope = probeScopeOf(res.stack);
    const controlPlane = set.documents.every(d => isControlPlaneDocument(d, res));
    const actions = [...BEDROCK_ADMIN_ACTIONS, ...(controlPlane ? [] : [...GOVERNANCE_SETTING_ACTIONS, ...PROJECT_RETENTION_ACTIONS])];
    const findings = new Set<string>();
    const statements = set.variants.flat();
    for (const action of actions) {
      const type = ADMIN_RESOURCE_TYPES[action];
      const [service] = action.split(':');
      // A probe of the type, `*`, and every resource the policy itself names for the action.
      const resources = [type ? `arn:aws:${service}:${scope.region}:${scope.account}:${type}/probe` : '*', '*', ...namedResources(statements, action)];
      // A project of the OpenAI-compatible endpoint with a retention mode of its own overrides the account's: asked with one.
      const retention = PROJECT_RETENTION_ACTIONS.includes(action);
      for (const resource of new Set(resources)) {
        const request = retention ? { action, resource, context: { 'bedrock-mantle:DataRetentionMode': 'provider_data_share' } } : { action, resource };
        for (const s of allowedBy(set, request, retention ? ['bedrock-mantle:DataRetentionMode'] : [])) {
          findings.add(s.label.startsWith('Policy::') ? s.label : `${s.label}::${grantingAction(s, action)}`);
        }
      }
    }
    return findings.size > 0 ? [...findings].sort() : NagRuleCompliance.COMPLIANT;
  },
});

/** A document of the landing zone's control-plane function: its roles are on the landing zone's path and only Lambda assumes them. */
function isControlPlaneDocument(doc: IdentityDocument, res: RenderedResource): boolean {
  if (doc.otherPrincipals || doc.roles.length === 0 || doc.managedPolicy) return false;
  return doc.roles.every(id => {
    const role = res.stack.byId(id);
    if (!role || flatten(role.properties.Path, res.stack) !== LANDING_ZONE_ROLE_PATH) return false;
    const trusts = statementsOf(role.properties.AssumeRolePolicyDocument, res.stack).filter(s => s.effect === 'Allow');
    return trusts.length > 0 && trusts.every(s => {
      const services = servicePrincipals(s, res.stack);
      return services.length > 0 && services.every(v => v === 'lambda.amazonaws.com') && Object.keys(s.principal).every(k => k === 'Service');
    });
  });
}
