import { RenderedResource, StackIndex } from './context';
import { flatten, isTrue, referenceOf } from './values';

/** Shared by the network rules (not a rule): Bedrock interface endpoints and where they are. */

const BEDROCK_SERVICE = /\.(bedrock|bedrock-fips|bedrock-runtime|bedrock-runtime-fips|bedrock-agent|bedrock-agent-runtime|bedrock-mantle|bedrock-agentcore|bedrock-agentcore-control|bedrock-agentcore\.gateway)$/;
const RUNTIME_SERVICE = /\.bedrock-runtime(-fips)?$/;

/** The Bedrock service an endpoint connects to (`bedrock-runtime`, ...), or undefined. */
export function bedrockServiceOf(endpoint: RenderedResource): string | undefined {
  const name = flatten(endpoint.properties.ServiceName, endpoint.stack) ?? '';
  const m = BEDROCK_SERVICE.exec(name);
  return m ? m[1] : undefined;
}

export function isInterfaceEndpoint(endpoint: RenderedResource): boolean {
  return (endpoint.properties.VpcEndpointType ?? 'Gateway') === 'Interface';
}

/** Whether an endpoint is an interface endpoint of a Bedrock service (the network rules judge those). */
export function isBedrockInterfaceEndpoint(endpoint: RenderedResource): boolean {
  return isInterfaceEndpoint(endpoint) && bedrockServiceOf(endpoint) !== undefined;
}

/** A key for a VPC: its logical ID in the stack, or its literal ID. */
export function vpcKey(value: unknown, stack: StackIndex): string | undefined {
  const ref = referenceOf(value);
  if (ref) return `${stack.stack.node.path}|${ref.logicalId}`;
  const text = flatten(value, stack);
  return text === undefined ? undefined : `id|${text}`;
}

/** The VPCs of a stack that have a bedrock-runtime endpoint with private DNS. */
export function vpcsWithPrivateRuntime(stack: StackIndex): Set<string> {
  return stack.memoize('privateRuntime', () => new Set(stack.ofType('AWS::EC2::VPCEndpoint')
    .filter(e => isInterfaceEndpoint(e) && RUNTIME_SERVICE.test(flatten(e.properties.ServiceName, stack) ?? '') && isTrue(e.properties.PrivateDnsEnabled))
    .map(e => vpcKey(e.properties.VpcId, stack))
    .filter((k): k is string => k !== undefined)));
}

/** The VPC of a subnet value (a subnet of the stack), or undefined. */
export function vpcOfSubnet(subnet: unknown, stack: StackIndex): string | undefined {
  const ref = referenceOf(subnet);
  const res = ref ? stack.byId(ref.logicalId) : undefined;
  return res?.type === 'AWS::EC2::Subnet' ? vpcKey(res.properties.VpcId, stack) : undefined;
}
