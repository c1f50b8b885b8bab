import {
  Annotations, Aws, Reference, RemovalPolicy, Stack, Token, Tokenization, Validations,
  aws_ec2 as ec2, aws_iam as iam, aws_kms as kms, aws_logs as logs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BedrockEndpointService } from './bedrock-endpoint-service';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { IBedrockInvokable, IGuardrailReference } from '../models';
import {
  AGENT_BUILDER_ACTIONS, CONTROL_PLANE_ACTIONS, Perimeter, agentRuntimeStatements, anyBedrockActionStatements, managementStatements,
  perimeterOf, runtimeStatements,
  s3GatewayStatements, s3VectorsStatements,
} from './private/endpoint-policies';
import { parseBedrockArn } from '../private/arns';
import { hardenedLogGroup } from '../private/hardened-stores';
import { Problems, oneOf, modelReferenceProblems } from '../private/validation';

/**
 * The regions that offer each FIPS 140 Bedrock endpoint service, checked against the AWS service
 * endpoint tables (`bedrock-fips.<region>.amazonaws.com`, `bedrock-runtime-fips.<region>.amazonaws.com`)
 * and the AWS SDK endpoint data. Asking for a FIPS endpoint elsewhere fails at synth.
 */
const FIPS_REGIONS: Record<string, string[]> = {
  'bedrock-runtime-fips': ['ca-central-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-2'],
  'bedrock-fips': ['ca-central-1', 'us-east-1', 'us-east-2', 'us-gov-east-1', 'us-gov-west-1', 'us-west-2'],
};

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/** The number of availability zones of a VPC the construct creates. */
const CREATED_VPC_AZS = 2;

const DEFAULT_VPC_CIDR = '10.0.0.0/16';

/**
 * Properties of `BedrockPrivateEndpoints`.
 */
export interface BedrockPrivateEndpointsProps {
  /**
   * The VPC to put the endpoints in: an existing or imported one. When it is imported with
   * `Vpc.fromVpcAttributes`, give its `vpcCidrBlock` (the security group admits it) or `allowFrom`.
   *
   * @default - a governed VPC is created: isolated subnets in two availability zones, no internet
   * gateway, no NAT gateway, flow logs of all traffic to a log group encrypted with a
   * customer-managed key (rotation on), kept one year; the log group and key are retained on deletion
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets for the endpoints' network interfaces (one per availability zone is used). Only with
   * `vpc`; a selection that matches no subnet is an error.
   *
   * @default - the VPC's default selection: its private subnets, else its isolated subnets, else its public subnets
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * The CIDR range of the VPC that is created. Only without `vpc`.
   *
   * @default '10.0.0.0/16'
   */
  readonly vpcCidr?: string;

  /**
   * The Bedrock services to create interface endpoints for, in addition to `RUNTIME`, which is always
   * created. FIPS variants are refused in regions that do not offer them.
   *
   * @default - only BedrockEndpointService.RUNTIME
   */
  readonly services?: BedrockEndpointService[];

  /**
   * Also create an S3 gateway endpoint (free of charge) in the route tables of the subnets, with a
   * policy that admits only principals and buckets of the organization (or account). Its policy is
   * exposed as `s3GatewayEndpoint`; add statements to it for buckets outside the organization that
   * the workloads must reach (for example the regional buckets that serve ECR image layers).
   *
   * @default false
   */
  readonly s3GatewayEndpoint?: boolean;

  /**
   * The approved models and profiles: the runtime endpoints allow invoking these and nothing else,
   * with exactly the statements their identity grants use (profile ARN, destination regions, fences).
   * Give the same objects to `ModelAccessPolicy`.
   *
   * @default - none; required unless `allowAnyBedrockAction` is set
   */
  readonly models?: IBedrockInvokable[];

  /**
   * The guardrails the runtime endpoints allow applying (`bedrock:ApplyGuardrail`), also when an
   * invocation carries them.
   *
   * @default - no guardrail can be applied through the endpoints
   */
  readonly guardrails?: IGuardrailReference[];

  /**
   * The knowledge bases the agent-runtime endpoint allows retrieving from (`bedrock:Retrieve`).
   * Requires `BedrockEndpointService.AGENT_RUNTIME` in `services`.
   *
   * @default - none
   */
  readonly knowledgeBaseArns?: string[];

  /**
   * Allow `bedrock:RetrieveAndGenerate` through the agent-runtime endpoint. That action has no
   * resource type in IAM, so the endpoint can only allow it on `*` (to principals of the
   * organization or account): the knowledge base and the model it uses stay authorized by the
   * caller's identity policy (`bedrock:Retrieve` on the knowledge base, invoke on the model).
   *
   * @default false
   */
  readonly allowRetrieveAndGenerate?: boolean;

  /**
   * The AWS Organizations ID (`o-...`) whose principals may use the endpoints, and whose S3 buckets and
   * vector buckets the S3 endpoints may reach.
   *
   * @default - principals and resources of the stack's account only (`aws:PrincipalAccount`)
   */
  readonly organizationId?: string;

  /**
   * Who may connect to the endpoints on TCP 443.
   *
   * @default - the VPC's primary CIDR range
   */
  readonly allowFrom?: ec2.IPeer[];

  /**
   * Actions the control-plane and agent-builder endpoints pass besides their defaults (reading the
   * configuration with `bedrock:Get*` and `bedrock:List*`; on the agent-builder endpoint also starting
   * and stopping ingestion jobs), e.g. `bedrock:CreateModelInvocationJob`. Exact `bedrock:` actions or
   * verb wildcards; never `bedrock:*`.
   *
   * @default - the defaults only
   */
  readonly managementActions?: string[];

  /**
   * The explicit permissive choice: the runtime and agent-runtime endpoints allow every Bedrock action
   * on every resource, to principals of the organization (or account) only, instead of the approved
   * models, guardrails and knowledge bases. Use it only when the identity policies (for example
   * `ModelAccessPolicy`) are the sole model control you want; a warning is added to the construct.
   * Cannot be combined with `models`, `guardrails`, `knowledgeBaseArns`.
   *
   * @default false
   */
  readonly allowAnyBedrockAction?: boolean;
}

/**
 * Private access to Amazon Bedrock: calls never cross the public internet.
 *
 * Creates interface VPC endpoints (AWS PrivateLink) with private DNS for `bedrock-runtime` and the
 * chosen Bedrock services, optionally an S3 gateway endpoint, and one security group that admits TCP
 * 443 from the VPC only. Each endpoint carries its own policy: the runtime endpoints allow only the
 * approved models, profiles and guardrails; the agent-runtime endpoint only retrieval on the given
 * knowledge bases; every endpoint only principals of the organization (or account).
 *
 * Pass `runtimeEndpoints` to `ModelAccessPolicy({ requireVpcEndpoints })` so that identity policies
 * also deny invocations that do not come through them.
 */
export class BedrockPrivateEndpoints extends Construct {
  /** The VPC of the endpoints: the one given, or the one created */
  public readonly vpc: ec2.IVpc;
  /** The security group of every interface endpoint: TCP 443 in from `allowFrom` only, nothing out */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The interface endpoints, in the order of `BedrockEndpointService.all()` */
  public readonly endpoints: ec2.InterfaceVpcEndpoint[];
  /** The `bedrock-runtime` endpoint */
  public readonly runtimeEndpoint: ec2.InterfaceVpcEndpoint;
  /** The S3 gateway endpoint, when asked for */
  public readonly s3GatewayEndpoint?: ec2.GatewayVpcEndpoint;
  /** The IDs of the interface endpoints, for `aws:SourceVpce` conditions */
  public readonly vpcEndpointIds: string[];
  /** The organization whose principals may use the endpoints, when given */
  public readonly organizationId?: string;
  /** The log group of the created VPC's flow logs (none when a VPC is given) */
  public readonly flowLogGroup?: logs.LogGroup;
  /** The key that encrypts the flow log group (none when a VPC is given) */
  public readonly flowLogKey?: kms.Key;

  private readonly services: BedrockEndpointService[];
  private readonly byService = new Map<BedrockEndpointService, ec2.InterfaceVpcEndpoint>();

  constructor(scope: Construct, id: string, props: BedrockPrivateEndpointsProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const problems = new Problems();
    const wrongKind = new Problems();
    modelReferenceProblems('models', props.models).forEach(p => wrongKind.add(p));
    wrongKind.throwIfAny(this, 'BedrockPrivateEndpoints', BedrockLandingZoneErrorCode.MODEL_REFERENCE_KIND);
    const models = props.models ?? [];
    const guardrails = props.guardrails ?? [];
    const knowledgeBaseArns = props.knowledgeBaseArns ?? [];
    const permissive = props.allowAnyBedrockAction ?? false;
    this.services = BedrockEndpointService.all()
      .filter(s => s === BedrockEndpointService.RUNTIME || (props.services ?? []).includes(s));
    const has = (s: BedrockEndpointService) => this.services.includes(s);
    for (const action of props.managementActions ?? []) {
      problems.check(/^bedrock:[A-Za-z]+\*?$/.test(action),
        `managementActions: '${action}' is not allowed: give bedrock: actions (an exact name, or a verb with a trailing *), never bedrock:*`);
    }

    // What the endpoints allow
    if (permissive) {
      problems.check(props.models === undefined && props.guardrails === undefined && props.knowledgeBaseArns === undefined,
        'allowAnyBedrockAction is true, so the endpoints allow every Bedrock action and models, guardrails and knowledgeBaseArns would have no effect: ' +
        'remove them, or remove allowAnyBedrockAction to allow only them');
    } else {
      problems.check(models.length > 0, 'models is empty: give at least one approved model or profile, ' +
        'or set allowAnyBedrockAction: true to let the endpoints pass any model (a permissive choice)');
      models.forEach((model, i) => model.problemsFor(this).forEach(p => problems.add(`models[${i}]: ${p}`)));
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

    // FIPS
    for (const service of this.services.filter(s => s.isFips)) {
      const regions = FIPS_REGIONS[service.shortName] ?? [];
      if (Token.isUnresolved(stack.region)) {
        problems.add(`services includes ${service.shortName}, which only some regions offer, but the stack is environment-agnostic: ` +
          'give the stack an env with a region');
      } else if (!regions.includes(stack.region)) {
        problems.add(`services includes ${service.shortName}, but region ${stack.region} has no FIPS endpoint for it; ` +
          `it is offered in: ${oneOf(regions)}`);
      }
    }

    // Network
    if (props.vpc === undefined) {
      problems.check(props.subnets === undefined, 'subnets is set without vpc: subnets select from a given VPC; the created VPC uses all of its isolated subnets');
    } else {
      problems.check(props.vpcCidr === undefined, `vpcCidr '${props.vpcCidr}' is set with vpc: vpcCidr applies only to the VPC the construct creates; remove one of them`);
    }
    if (props.allowFrom !== undefined) {
      problems.check(props.allowFrom.length > 0, 'allowFrom is empty: nothing could reach the endpoints; give at least one peer, or leave it undefined for the VPC\'s CIDR range');
    }
    let selected: ec2.SelectedSubnets | undefined;
    let peers: ec2.IPeer[] | undefined = props.allowFrom;
    if (props.vpc) {
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
    problems.throwIfAny(this, 'BedrockPrivateEndpoints', BedrockLandingZoneErrorCode.PRIVATE_ENDPOINTS_PROPS);

    this.organizationId = props.organizationId;
    const perimeter = perimeterOf(props.organizationId, stack.account);

    if (props.vpc) {
      this.vpc = props.vpc;
    } else {
      const created = this.createVpc(props.vpcCidr ?? DEFAULT_VPC_CIDR);
      this.vpc = created.vpc;
      this.flowLogGroup = created.logGroup;
      this.flowLogKey = created.key;
      peers = peers ?? [ec2.Peer.ipv4(props.vpcCidr ?? DEFAULT_VPC_CIDR)];
    }
    const subnets: ec2.SubnetSelection | undefined = props.vpc ? props.subnets : { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: 'Amazon Bedrock interface endpoints: HTTPS in from the VPC only',
      allowAllOutbound: false,
    });
    for (const peer of peers!) {
      this.securityGroup.addIngressRule(peer, ec2.Port.tcp(443), `HTTPS to the Bedrock endpoints from ${peer.uniqueId}`);
    }

    for (const service of this.services) {
      const endpoint = new ec2.InterfaceVpcEndpoint(this, service.constructId, {
        vpc: this.vpc,
        service: service.endpointService,
        subnets,
        securityGroups: [this.securityGroup],
        open: false,
        privateDnsEnabled: true,
      });
      for (const statement of this.policyOf(service, perimeter, models, guardrails, knowledgeBaseArns, props)) {
        endpoint.addToPolicy(statement);
      }
      this.byService.set(service, endpoint);
    }
    this.endpoints = this.services.map(s => this.byService.get(s)!);
    this.runtimeEndpoint = this.byService.get(BedrockEndpointService.RUNTIME)!;
    this.vpcEndpointIds = this.endpoints.map(e => e.vpcEndpointId);

    if (props.s3GatewayEndpoint) {
      this.s3GatewayEndpoint = new ec2.GatewayVpcEndpoint(this, 'S3Gateway', {
        vpc: this.vpc,
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: subnets ? [subnets] : undefined,
      });
      for (const statement of s3GatewayStatements(perimeter)) this.s3GatewayEndpoint.addToPolicy(statement);
    }

    if (permissive) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:permissiveEndpointPolicy',
        'allowAnyBedrockAction is true: the runtime endpoints pass any model and any Bedrock action for principals of the ' +
        (props.organizationId ? `organization ${props.organizationId}` : 'account') + '; only identity policies limit the models.');
    }

    this.node.addValidation({ validate: () => this.duplicatePrivateDns() });
  }

  /** The interface endpoint of one service, or undefined when it was not asked for. */
  public endpointFor(service: BedrockEndpointService): ec2.InterfaceVpcEndpoint | undefined {
    return this.byService.get(service);
  }

  /**
   * The endpoints through which models are invoked (`bedrock-runtime` and, when created,
   * `bedrock-runtime-fips`): pass them to `ModelAccessPolicy({ requireVpcEndpoints })`.
   */
  public get runtimeEndpoints(): ec2.IVpcEndpoint[] {
    return [BedrockEndpointService.RUNTIME, BedrockEndpointService.RUNTIME_FIPS]
      .map(s => this.byService.get(s))
      .filter((e): e is ec2.InterfaceVpcEndpoint => e !== undefined);
  }

  private policyOf(service: BedrockEndpointService, perimeter: Perimeter, models: IBedrockInvokable[], guardrails: IGuardrailReference[],
    knowledgeBaseArns: string[], props: BedrockPrivateEndpointsProps): iam.PolicyStatement[] {
    const permissive = props.allowAnyBedrockAction ?? false;
    switch (service._policyKind) {
      case 'runtime':
        return permissive ? anyBedrockActionStatements(perimeter) : runtimeStatements(this, models, guardrails, perimeter);
      case 'agent-runtime':
        return permissive ? anyBedrockActionStatements(perimeter)
          : agentRuntimeStatements(knowledgeBaseArns, props.allowRetrieveAndGenerate ?? false, perimeter);
      case 's3vectors':
        return s3VectorsStatements(perimeter);
      case 'management': {
        const defaults = service === BedrockEndpointService.AGENT ? AGENT_BUILDER_ACTIONS : CONTROL_PLANE_ACTIONS;
        return managementStatements([...defaults, ...(props.managementActions ?? [])], perimeter);
      }
    }
  }

  private createVpc(cidr: string): { vpc: ec2.Vpc; logGroup: logs.LogGroup; key: kms.Key; flowLog: ec2.FlowLog } {
    const { logGroup, createdKey } = hardenedLogGroup(this, 'FlowLogGroup', {
      keyId: 'FlowLogKey',
      keyDescription: 'Encrypts the flow logs of the VPC of the Amazon Bedrock private endpoints',
      keyPolicySid: 'AllowCloudWatchLogsOfThisAccountAndRegion',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      maxAzs: CREATED_VPC_AZS,
      natGateways: 0,
      createInternetGateway: false,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [{ name: 'Endpoints', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    // The delivery role trusts the flow logs service of this account and region only, and its
    // permissions are a managed policy scoped to the one log group.
    const role = new iam.Role(this, 'FlowLogRole', {
      description: 'Delivers the flow logs of the VPC of the Amazon Bedrock private endpoints to their log group',
      assumedBy: new iam.PrincipalWithConditions(new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'), {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
      }),
    });
    const policy = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: 'Writes the flow logs of the VPC of the Amazon Bedrock private endpoints to their log group',
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup.logGroupArn],
      })],
    });
    const flowLog = vpc.addFlowLog('FlowLog', {
      // The policy above already holds the permissions; the destination must not add an inline one.
      destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup, role.withoutPolicyUpdates()),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    flowLog.node.addDependency(policy);
    const reason = 'Closing the default security group needs a custom-resource Lambda function (aws-cdk-lib restrictDefaultSecurityGroup), ' +
      'which this construct avoids. Nothing in this VPC uses the default group: the endpoints have their own group that admits only TCP 443 ' +
      'from the VPC, and the VPC has no internet gateway or NAT. Close it account-wide with Security Hub control EC2.2 and its remediation.';
    Validations.of(vpc).acknowledge(
      { id: 'HIPAA.Security::HIPAA.Security-VPCDefaultSecurityGroupClosed', reason },
      { id: 'NIST.800.53.R5::NIST.800.53.R5-VPCDefaultSecurityGroupClosed', reason },
      { id: 'PCI.DSS.321::PCI.DSS.321-VPCDefaultSecurityGroupClosed', reason },
    );
    return { vpc, logGroup, key: createdKey!, flowLog };
  }

  /**
   * Two interface endpoints with private DNS for the same service in the same VPC cannot both be
   * deployed: the second fails. Finds them anywhere in the app.
   */
  private duplicatePrivateDns(): string[] {
    const mine = this.node.findAll().filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint);
    const others = this.node.root.node.findAll()
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

function describeSelection(selection?: ec2.SubnetSelection): string {
  if (selection === undefined) return '(the default selection)';
  const parts: string[] = [];
  if (selection.subnetType) parts.push(`subnetType ${selection.subnetType}`);
  if (selection.subnetGroupName) parts.push(`subnetGroupName '${selection.subnetGroupName}'`);
  if (selection.availabilityZones) parts.push(`availabilityZones [${selection.availabilityZones.join(', ')}]`);
  if (selection.subnets) parts.push(`subnets [${selection.subnets.map(s => s.subnetId).join(', ')}]`);
  return parts.length > 0 ? `{ ${parts.join(', ')} }` : '{}';
}
