import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { StackIndex } from '../private/context';
import { IDENTITY_POLICY_TYPES, Statement, identityDocuments, statementsOf } from '../private/iam';
import { ProbeRequest, decide } from '../private/policy-evaluator';
import { defineRule } from '../private/rule-definition';
import { asArray, flatten, referenceOf, referencedResource } from '../private/values';

const FOREIGN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** SP3: a budget action's execution role attaches only its policy, only to its principals. */
export const SpendStopRoleScoped = defineRule({
  id: 'SP3',
  name: 'SpendStopRoleScoped',
  info: 'The execution role of a budget action that applies an IAM policy or an SCP can attach another policy, attach to principals or targets outside ' +
    'the action, or change IAM or the organization\'s policies otherwise.',
  explanation: 'AWS Budgets acts with the action\'s execution role; a role that may attach any policy to any principal is an escalation path for ' +
    'whoever can edit the action. The rule evaluates the identity policies of the execution role (a role of the same stack) and asks, as IAM ' +
    'would: may it attach an AWS managed policy such as AdministratorAccess to a role of the action (`Bedrock-SP3[OtherPolicy]`); may it attach the ' +
    'action\'s policy to a role outside the action (`Bedrock-SP3[OtherPrincipal]`); may it attach to users or groups, write inline policies, change a ' +
    'policy version or pass a role (`Bedrock-SP3[<action>]`). Scope `iam:AttachRolePolicy` and `iam:DetachRolePolicy` to the action\'s roles with ' +
    '`ArnEquals` on `iam:PolicyARN` (as `BedrockSpendStop` does). For an action that applies an SCP, it asks whether the role may attach another ' +
    'policy (`Bedrock-SP3[OtherPolicy]`), attach to an account, OU or root outside the action (`Bedrock-SP3[OtherTarget]`), or create, update or ' +
    'delete policies or pass a role (`Bedrock-SP3[<action>]`): list only the SCP\'s ARN and the targets\' ARNs on `organizations:AttachPolicy` and ' +
    '`organizations:DetachPolicy` (as `BedrockOrganizationSpendStop` does). An execution role given by ARN is the owner\'s to check.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: ['AWS::Budgets::BudgetsAction'],
  controls: { nist80053r5: ['AC-6', 'AC-6(10)'], hipaa: ['164.308(a)(4)(ii)(B)'], pciDss: ['7.1.2'], securityHub: [], wellArchitectedGenAi: ['GENSEC01'] },
  appliesTo: res => res.properties.ActionType === 'APPLY_IAM_POLICY' || res.properties.ActionType === 'APPLY_SCP_POLICY',
  judge(res) {
    const role = referencedResource(res.properties.ExecutionRoleArn, res.stack);
    if (!role || role.type !== 'AWS::IAM::Role') return NagRuleCompliance.NOT_APPLICABLE;
    const stack = res.stack;
    // A policy naming a role of another stack of the app (a stop in a stack deployed after its roles') names it by an import: read as
    // that role, not as an unknown principal (rt3 F20's stops are in their own stacks).
    const attachedPolicies = IDENTITY_POLICY_TYPES.filter(t => t !== 'AWS::IAM::Role').flatMap(t => stack.ofType(t))
      .filter(p => identityDocuments(p).some(d => d.roles.includes(role.logicalId)));
    const statements: Statement[] = [
      ...identityDocuments(role).flatMap(d => d.statements),
      ...attachedPolicies.flatMap(p => statementsOf(exportedRoles(p.properties.PolicyDocument, stack), stack)),
    ];
    const account = stack.account ?? '111111111111';
    if (res.properties.ActionType === 'APPLY_SCP_POLICY') return scpFindings(statements, account);
    const definition = res.properties.Definition?.IamActionDefinition ?? {};
    const policy = flatten(definition.PolicyArn, stack) ?? '';
    // A role of the action, as IAM names it in a request: by its ARN (GetAtt of a role of the stack, or built from its name).
    const roleArns = (name: unknown): string[] => {
      const exported = exportedRoles(name, stack);
      if (typeof exported === 'string' && exported.startsWith('<app:')) return [exported.replace(/\.Ref>$/, '.Arn>')];
      const ref = referenceOf(name);
      if (ref) return [`<${ref.logicalId}.Arn>`];
      const text = flatten(name, stack) ?? '';
      return [`arn:aws:iam::${account}:role/${text}`, `arn:<AWS::Partition>:iam::${account}:role/${text}`];
    };
    const actionRoles = asArray(definition.Roles).flatMap(roleArns);
    const allowed = (request: ProbeRequest) => decide(statements, { ...request, decidedKeys: ['iam:PolicyARN'] }) === 'allow';
    const attach = (resource: string, policyArn: string) => ['iam:AttachRolePolicy'].some(action => allowed({ action, resource, context: { 'iam:PolicyARN': policyArn } }));
    const findings: string[] = [];
    if (actionRoles.some(r => attach(r, FOREIGN_POLICY))) findings.push('OtherPolicy');
    const outsiders = [`arn:aws:iam::${account}:role/not-in-the-action`, `arn:<AWS::Partition>:iam::${account}:role/not-in-the-action`];
    if (outsiders.some(r => attach(r, policy))) findings.push('OtherPrincipal');
    const others: Array<[string, string]> = [
      ['iam:AttachUserPolicy', `arn:aws:iam::${account}:user/probe`], ['iam:AttachGroupPolicy', `arn:aws:iam::${account}:group/probe`],
      ['iam:PutRolePolicy', actionRoles[0] ?? outsiders[0]], ['iam:CreatePolicyVersion', policy || `arn:aws:iam::${account}:policy/probe`],
      ['iam:PassRole', outsiders[0]],
    ];
    for (const [action, resource] of others) {
      if (allowed({ action, resource, context: { 'iam:PolicyARN': FOREIGN_POLICY } })) findings.push(action);
    }
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  },
});

/**
 * The value with each import of a role of the app's stacks (its name or ARN, exported by another stack)
 * replaced by a specific value that names the role: `<app:<stack path>/<logical ID>.<Ref|Arn>>`. Other
 * imports stay as they are (unknown, so `*` in an Allow).
 */
function exportedRoles(value: unknown, stack: StackIndex): unknown {
  if (Array.isArray(value)) return value.map(v => exportedRoles(v, stack));
  if (typeof value !== 'object' || value === null) return value;
  const name = (value as Record<string, unknown>)['Fn::ImportValue'];
  if (typeof name === 'string') {
    const exported = stack.exported(name);
    const ref = exported ? referenceOf(exported.value) : undefined;
    const attribute = ref?.attribute ?? 'Ref';
    if (exported && ref && exported.stack.byId(ref.logicalId)?.type === 'AWS::IAM::Role' && ['Ref', 'Arn'].includes(attribute)) {
      return `<app:${exported.stack.stack.node.path}/${ref.logicalId}.${attribute}>`;
    }
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exportedRoles(v, stack)]));
}

/**
 * What the execution role of an SCP action may do beyond attaching its SCP to its targets, probed with
 * ARNs of an organization no statement names: a role scoped to the action's own SCP and targets is
 * allowed none of them.
 */
function scpFindings(statements: Statement[], account: string): string[] | NagRuleCompliance {
  const org = 'o-probe00000';
  const otherPolicy = `arn:aws:organizations::${account}:policy/${org}/service_control_policy/p-probe0000`;
  const allowed = (action: string, resource: string) => decide(statements, {
    action, resource, context: { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' }, decidedKeys: ['organizations:PolicyType'],
  }) === 'allow';
  const findings: string[] = [];
  if (allowed('organizations:AttachPolicy', otherPolicy)) findings.push('OtherPolicy');
  const outsideTargets = [`arn:aws:organizations::${account}:account/${org}/000000000000`, `arn:aws:organizations::${account}:ou/${org}/ou-prob-probe000`,
    `arn:aws:organizations::${account}:root/${org}/r-prob`];
  if (outsideTargets.some(t => allowed('organizations:AttachPolicy', t))) findings.push('OtherTarget');
  const others: Array<[string, string]> = [
    ['organizations:CreatePolicy', otherPolicy], ['organizations:UpdatePolicy', otherPolicy], ['organizations:DeletePolicy', otherPolicy],
    ['iam:PassRole', `arn:aws:iam::${account}:role/not-in-the-action`],
  ];
  for (const [action, resource] of others) if (allowed(action, resource)) findings.push(action);
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}
