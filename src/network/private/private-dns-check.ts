import { Reference, Stack, Token, Tokenization, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Two interface endpoints with private DNS for the same service in the same VPC cannot both be
 * deployed: the second fails. The problems of the endpoints under `construct` against every other
 * endpoint of the app (a validation: it runs at synth, when the whole app exists).
 */
export function duplicatePrivateDnsProblems(construct: IConstruct): string[] {
  const mine = construct.node.findAll().filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint);
  const others = construct.node.root.node.findAll()
    .filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint && !mine.includes(c));
  const messages: string[] = [];
  for (const endpoint of mine) {
    const key = privateDnsKey(endpoint);
    if (key === undefined) continue;
    const clashes = others.filter(o => privateDnsKey(o) === key).map(o => o.node.path);
    if (clashes.length > 0) {
      messages.push(`${endpoint.node.path} and ${clashes.join(', ')} are interface endpoints with private DNS for the same service ` +
        `(${Stack.of(endpoint).resolve(endpoint.serviceName)}) in the same VPC: only one can be deployed. ` +
        'Keep one (share a BedrockPrivateEndpoints across stacks), or turn private DNS off on the other');
    }
  }
  return messages;
}

/** `<account>/<region>/<vpc>/<service>` of an interface endpoint with private DNS, or undefined. */
function privateDnsKey(endpoint: ec2.CfnVPCEndpoint): string | undefined {
  const stack = Stack.of(endpoint);
  // CloudFormation's default type is Gateway, which has no DNS.
  if (stack.resolve(endpoint.vpcEndpointType) !== 'Interface') return undefined;
  if (stack.resolve(endpoint.privateDnsEnabled) !== true) return undefined;
  return `${stack.account}/${stack.region}/${vpcIdentity(endpoint)}/${JSON.stringify(stack.resolve(endpoint.serviceName))}`;
}

/**
 * The VPC an endpoint is in: the path of the VPC resource it references (so the same VPC is
 * recognised across stacks), or the literal VPC ID of an imported VPC.
 */
function vpcIdentity(endpoint: ec2.CfnVPCEndpoint): string {
  const vpcId = endpoint.vpcId;
  if (Token.isUnresolved(vpcId)) {
    const reference = Tokenization.reverseString(vpcId).tokens.find((t): t is Reference => t instanceof Reference);
    if (reference) return `ref:${reference.target.node.path}`;
  }
  return `id:${JSON.stringify(Stack.of(endpoint).resolve(vpcId))}`;
}
