import { CfnParameter, Stack, aws_iam as iam } from 'aws-cdk-lib';

/** IAM's limit on a customer-managed policy, whitespace excluded. */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/**
 * The size IAM will count for a managed policy's document, estimated at synth: the partition at its
 * longest and every other reference at a generous length, so a policy that passes here passes IAM.
 */
export function estimatedPolicySize(policy: iam.ManagedPolicy): number {
  const stack = Stack.of(policy);
  // A parameter can carry a whole ARN: it is costed like an attribute, not like a resource's ID.
  const parameters = new Map(stack.node.findAll()
    .filter((c): c is CfnParameter => c instanceof CfnParameter)
    .map(p => [stack.resolve(p.logicalId) as string, /List/.test(p.type)]));
  return estimate(stack.resolve(policy.document), parameters).length;
}

function estimate(value: any, parameters: Map<string, boolean>): string {
  const inner = (v: any) => estimate(v, parameters);
  if (Array.isArray(value)) return `[${value.map(inner).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref') {
    // A list parameter can hold any number of ARNs: counted as a third of the limit, never as one ARN.
    if (parameters.has(value.Ref)) return JSON.stringify('x'.repeat(parameters.get(value.Ref) ? 2048 : 128));
    // A resource's Ref is an ID or a name: at most 64 characters for what these policies name (endpoint IDs).
    return JSON.stringify({ 'AWS::Partition': 'aws-us-gov', 'AWS::AccountId': '123456789012', 'AWS::Region': 'ap-southeast-7' }[value.Ref as string]
      ?? 'x'.repeat(64));
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const parts = (value['Fn::Join'][1] as unknown[]).map(p => typeof p === 'string' ? p : JSON.parse(inner(p)));
    return JSON.stringify(parts.join(value['Fn::Join'][0]));
  }
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    // A version number, or an ARN.
    const attribute = String(value['Fn::GetAtt'][1]);
    return JSON.stringify('x'.repeat(attribute.endsWith('Version') ? 8 : 128));
  }
  if (keys.length === 1 && keys[0].startsWith('Fn::')) return JSON.stringify('x'.repeat(128));
  return `{${keys.map(k => `${JSON.stringify(k)}:${inner(value[k])}`).join(',')}}`;
}

const watched = new WeakSet<iam.ManagedPolicy>();

/**
 * When a grant writes into a managed policy, synth fails if the policy outgrows what IAM accepts
 * (IAM would refuse it only at deploy time, after the rest of the stack was created). Added once
 * per policy, whichever comes first: the policy's own constructor (with its own message) or a grant.
 */
export function watchManagedPolicySize(grantee: iam.IGrantable, problem: (size: number) => string = grantsProblem(grantee)): void {
  if (!(grantee instanceof iam.ManagedPolicy) || watched.has(grantee)) return;
  watched.add(grantee);
  grantee.node.addValidation({
    validate: () => {
      const size = estimatedPolicySize(grantee);
      return size <= MANAGED_POLICY_MAX_CHARACTERS ? [] : [problem(size)];
    },
  });
}

function grantsProblem(grantee: iam.IGrantable): (size: number) => string {
  return size => `the managed policy ${(grantee as iam.ManagedPolicy).node.path} is about ${size} characters with the grants written into it, over IAM's ` +
    `${MANAGED_POLICY_MAX_CHARACTERS} for a managed policy: split the grants across several managed policies (each can be attached to the same roles)`;
}
