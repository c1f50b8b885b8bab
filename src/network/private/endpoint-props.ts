import { Stack, Token, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { fipsProblems } from './fips-regions';
import { cidrProblems } from './governed-vpc-resources';
import { parseBedrockArn } from '../../core/arns';
import { Problems, modelReferenceProblems } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';
import { BedrockEndpointService } from '../bedrock-endpoint-service';
import { BedrockPrivateEndpointsProps } from '../bedrock-private-endpoints-props';

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * Checks the props of `BedrockPrivateEndpoints` and throws every problem at once. Returns who may
 * connect to the endpoints of a given VPC (`allowFrom`, or the VPC's CIDR range); undefined when the
 * endpoints create their VPC.
 */
export function validateEndpointProps(
  scope: Construct, props: BedrockPrivateEndpointsProps, services: BedrockEndpointService[],
): ec2.IPeer[] | undefined {
  const stack = Stack.of(scope);
  const wrongKind = new Problems();
  modelReferenceProblems('models', props.models).forEach(p => wrongKind.add(p));
  wrongKind.throwIfAny(scope, 'BedrockPrivateEndpoints', BedrockLandingZoneErrorCode.MODEL_REFERENCE_KIND);

  const problems = new Problems();
  const models = props.models ?? [];
  const knowledgeBaseArns = props.knowledgeBaseArns ?? [];
  const has = (s: BedrockEndpointService) => services.includes(s);
  for (const action of props.managementActions ?? []) {
    problems.check(/^bedrock:[A-Za-z]+\*?$/.test(action),
      `managementActions: '${action}' is not allowed: give bedrock: actions (an exact name, or a verb with a trailing *), never bedrock:*`);
  }

  // What the endpoints allow
  if (props.allowAnyBedrockAction ?? false) {
    problems.check(props.models === undefined && props.guardrails === undefined && props.knowledgeBaseArns === undefined,
      'allowAnyBedrockAction is true, so the endpoints allow every Bedrock action and models, guardrails and knowledgeBaseArns would have no effect: ' +
      'remove them, or remove allowAnyBedrockAction to allow only them');
  } else {
    problems.check(models.length > 0, 'models is empty: give at least one approved model or profile, ' +
      'or set allowAnyBedrockAction: true to let the endpoints pass any model (a permissive choice)');
    models.forEach((model, i) => model.problemsFor(scope).forEach(p => problems.add(`models[${i}]: ${p}`)));
    if (has(BedrockEndpointService.AGENT_RUNTIME)) {
      problems.check(knowledgeBaseArns.length > 0 || props.allowRetrieveAndGenerate === true,
        'services includes AGENT_RUNTIME but knowledgeBaseArns is empty: its endpoint would deny every request; give the knowledge bases to retrieve from');
    }
  }
  if (props.knowledgeBaseArns !== undefined || props.allowRetrieveAndGenerate) {
    problems.check(has(BedrockEndpointService.AGENT_RUNTIME),
      'knowledgeBaseArns or allowRetrieveAndGenerate is set but services does not include BedrockEndpointService.AGENT_RUNTIME, the endpoint that serves retrieval: add it');
  }
  knowledgeBaseArns.forEach((arn, i) => {
    if (Token.isUnresolved(arn)) return;
    const parsed = parseBedrockArn(arn);
    problems.check(parsed?.resourceType === 'knowledge-base' && parsed.region !== '' && parsed.account !== '',
      `knowledgeBaseArns[${i}] '${arn}' is not a knowledge base ARN; expected arn:<partition>:bedrock:<region>:<account>:knowledge-base/<id>`);
  });
  if (props.organizationId !== undefined && !Token.isUnresolved(props.organizationId)) {
    problems.check(ORGANIZATION_ID.test(props.organizationId),
      `organizationId '${props.organizationId}' is not an AWS Organizations ID; expected o- followed by 10 to 32 lowercase letters or digits`);
  }
  if (props.organizationId === undefined) {
    problems.check(!Token.isUnresolved(stack.account),
      'the stack is environment-agnostic, so the endpoints cannot be limited to its account: give the stack an env with an account, or give organizationId');
  }
  fipsProblems(services, stack.region).forEach(p => problems.add(p));

  // Network
  if (props.vpc === undefined) {
    cidrProblems('vpcCidr', props.vpcCidr).forEach(p => problems.add(p));
    problems.check(props.subnets === undefined, 'subnets is set without vpc: subnets select from a given VPC; the created VPC uses all of its isolated subnets');
  } else {
    problems.check(props.vpcCidr === undefined, `vpcCidr '${props.vpcCidr}' is set with vpc: vpcCidr applies only to the VPC the construct creates; remove one of them`);
  }
  if (props.allowFrom !== undefined) {
    problems.check(props.allowFrom.length > 0, 'allowFrom is empty: nothing could reach the endpoints; give at least one peer, or leave it undefined for the VPC\'s CIDR range');
  }
  let peers: ec2.IPeer[] | undefined = props.allowFrom;
  if (props.vpc) {
    // aws-cdk-lib's VPCs have no public way to ask whether a selection matches or whether an imported
    // VPC knows its CIDR range: both throw when asked. Each error becomes one problem in the list.
    let selected: ec2.SelectedSubnets | undefined;
    try {
      selected = props.vpc.selectSubnets(props.subnets);
      problems.check(selected.isPendingLookup || selected.subnets.length > 0,
        `subnets ${describeSelection(props.subnets)} selects no subnet of the VPC: the endpoints need at least one; select subnets the VPC has`);
    } catch (e) {
      problems.add(`subnets ${describeSelection(props.subnets)} cannot be selected in the VPC: ${(e as Error).message}`);
    }
    if (peers === undefined) {
      try {
        peers = [ec2.Peer.ipv4(props.vpc.vpcCidrBlock)];
      } catch {
        problems.add('the VPC has no known CIDR range (it was imported without vpcCidrBlock): give vpcCidrBlock to Vpc.fromVpcAttributes, or give allowFrom');
      }
    }
    if (props.s3GatewayEndpoint && selected && selected.subnets.length > 0 && !selected.isPendingLookup) {
      const routeTables = selected.subnets.filter(s => s.routeTable?.routeTableId !== undefined);
      problems.check(routeTables.length > 0,
        's3GatewayEndpoint is true but the selected subnets have no known route tables: give routeTableIds to Vpc.fromVpcAttributes, or leave s3GatewayEndpoint off');
    }
  }
  problems.throwIfAny(scope, 'BedrockPrivateEndpoints', BedrockLandingZoneErrorCode.PRIVATE_ENDPOINTS_PROPS);
  return peers;
}

function describeSelection(selection?: ec2.SubnetSelection): string {
  if (selection === undefined) return '(the default selection)';
  const parts: string[] = [];
  if (selection.subnetType) parts.push(`subnetType ${selection.subnetType}`);
  if (selection.subnetGroupName) parts.push(`subnetGroupName '${selection.subnetGroupName}'`);
  if (selection.availabilityZones) parts.push(`availabilityZones [${selection.availabilityZones.join(', ')}]`);
  if (selection.subnets) parts.push(`subnets [${selection.subnets.map(s => s.subnetId).join(', ')}]`);
  return parts.length > 0 ? `{ ${parts.join(', ')} }` : '{}';
}
