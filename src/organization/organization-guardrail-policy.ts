import { Annotations, Aws, CustomResource, Stack, Token, aws_bedrock as bedrock, aws_iam as iam, aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { parseBedrockArn } from '../core/arns';
import { customResourceProviderRole } from '../core/framework-children';
import { governedRegion } from '../core/governed-region';
import { guardrailReferenceProblems } from '../core/guardrail-checks';
import { Problems, describeValue } from '../core/validation';
import { controlPlaneProvider } from '../custom-resources/control-plane-provider';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { Guardrail, IGuardrail, SelectiveGuardingMode } from '../guardrails';
import { guardedModelIds } from '../guardrails/private/guarded-model-ids';
import { IBedrockInvokable } from '../models';

/** AWS Organizations' limit on one Amazon Bedrock policy, in characters. */
const BEDROCK_POLICY_MAX_CHARACTERS = 10_000;
const POLICY_TYPE = 'BEDROCK_POLICY';

/**
 * Properties of an organization-wide guardrail.
 */
export interface OrganizationGuardrailPolicyProps {
  /**
   * The guardrail to enforce: owned by the management account (this stack's account), in this
   * stack's region, at a numeric version, without Automated Reasoning policies.
   */
  readonly guardrail: IGuardrail;

  /** The organization's ID (`o-...`): its principals may apply the guardrail. */
  readonly organizationId: string;

  /**
   * The organization's root ID (`r-...`): the Bedrock policy type is enabled on it (once; left
   * enabled on delete, because disabling it detaches every Bedrock policy of the organization).
   */
  readonly rootId: string;

  /** IDs of the roots, organizational units or accounts the guardrail is enforced on. */
  readonly targetIds: string[];

  /**
   * Models to enforce the guardrail on, by foundation model (a cross-region profile stands for its model).
   *
   * @default - every model
   */
  readonly includedModels?: IBedrockInvokable[];

  /**
   * Models exempt from the guardrail (e.g. embedding models, whose calls carry no text to filter).
   *
   * @default - none
   */
  readonly excludedModels?: IBedrockInvokable[];

  /**
   * How the system prompt is guarded.
   *
   * @default SelectiveGuardingMode.COMPREHENSIVE - all of it, whatever the caller tags
   */
  readonly systemGuarding?: SelectiveGuardingMode;

  /**
   * How the messages are guarded.
   *
   * @default SelectiveGuardingMode.COMPREHENSIVE - all of them, whatever the caller tags
   */
  readonly messagesGuarding?: SelectiveGuardingMode;

  /**
   * The configuration's key in the policy (letters, digits, `_` and `-`, at most 64).
   *
   * @default 'bedrock_landing_zone'
   */
  readonly configurationName?: string;

  /**
   * The policy's name.
   *
   * @default 'bedrock-landing-zone-guardrail-<region>'
   */
  readonly policyName?: string;
}

/**
 * One guardrail of the management account, enforced by AWS Organizations on every Bedrock call of
 * every account of the targets, in the guardrail's region (an Amazon Bedrock policy,
 * `BEDROCK_POLICY`), instead of one `EnforcedGuardrailConfiguration` per account:
 * - the guardrail's resource policy lets the organization's principals apply it (and its key policy
 *   lets them decrypt it through Bedrock), created before the policy: a guardrail the members cannot
 *   apply fails every Bedrock call of the targets;
 * - the Bedrock policy type is enabled on the root through the stack's control-plane function
 *   (CloudFormation has no resource for it);
 * - the policy is written in its own syntax and checked at synth: numeric version, the management
 *   account's guardrail in this region, no Automated Reasoning, 10,000 characters.
 *
 * Deploy it in the management account, in each region the guardrail is enforced in; landing zones
 * of the target accounts set `guardrailEnforcedByOrganization`.
 */
export class OrganizationGuardrailPolicy extends Construct {
  /** The Amazon Bedrock policy */
  public readonly policy: organizations.CfnPolicy;
  /** The guardrail's resource policy for the organization */
  public readonly resourcePolicy: bedrock.CfnResourcePolicy;
  /** The custom resource that enables the Bedrock policy type on the root */
  public readonly policyType: CustomResource;
  /** The policy content */
  public readonly content: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailPolicyProps) {
    super(scope, id);
    const problems = new Problems();
    const stack = Stack.of(this);
    const region = governedRegion(this);
    guardrailReferenceProblems('guardrail', props.guardrail, this).forEach(p => problems.add(p));
    // An imported guardrail is a construct of this stack whatever its ARN says: the ARN decides.
    const arn = Token.isUnresolved(props.guardrail.guardrailArn) ? undefined : parseBedrockArn(props.guardrail.guardrailArn);
    if (arn && Construct.isConstruct(props.guardrail)) {
      if (!Token.isUnresolved(stack.region) && arn.region !== stack.region) {
        problems.add(`guardrail.guardrailArn is in ${arn.region}, but the policy enforces it in the stack region ${stack.region}: a Bedrock policy ` +
          'enforces a guardrail of its own region; deploy this construct in that region');
      }
      if (!Token.isUnresolved(stack.account) && arn.account !== stack.account) {
        problems.add(`guardrail.guardrailArn is in account ${arn.account}, but a Bedrock policy can enforce only a guardrail of the management ` +
          `account (this stack's, ${stack.account})`);
      }
    }
    problems.check(region !== undefined, 'the stack is environment-agnostic: a Bedrock policy enforces the guardrail in the guardrail\'s region; ' +
      'give the stack an env with the management account and the region');
    if (props.guardrail instanceof Guardrail && props.guardrail.resource.automatedReasoningPolicyConfig !== undefined) {
      problems.add(`guardrail ${props.guardrail.node.path} has Automated Reasoning policies, which an organization-wide guardrail cannot have: ` +
        'enforce a guardrail without them');
    }
    if (!Token.isUnresolved(props.organizationId)) {
      problems.check(/^o-[a-z0-9]{10,32}$/.test(props.organizationId), `organizationId '${props.organizationId}' is not an organization ID (o- and 10 to 32 lowercase letters or digits)`);
    }
    if (!Token.isUnresolved(props.rootId)) {
      problems.check(/^r-[0-9a-z]{4,32}$/.test(props.rootId), `rootId '${props.rootId}' is not a root ID (r- and 4 to 32 lowercase letters or digits)`);
    }
    problems.check(props.targetIds.length > 0, 'targetIds is empty: give the root, OU or account IDs to enforce the guardrail on');
    for (const target of props.targetIds) {
      if (Token.isUnresolved(target)) continue;
      problems.check(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/.test(target),
        `targetIds: '${target}' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID`);
    }
    const configurationName = props.configurationName ?? 'bedrock_landing_zone';
    problems.check(/^[A-Za-z0-9_-]{1,64}$/.test(configurationName),
      `configurationName '${configurationName}' is not allowed: use 1 to 64 letters, digits, '_' or '-'`);
    const included = guardedModelIds('includedModels', props.includedModels, problems, 'a Bedrock policy');
    const excluded = guardedModelIds('excludedModels', props.excludedModels, problems, 'a Bedrock policy');
    problems.check(props.includedModels === undefined || props.includedModels.length > 0,
      'includedModels is empty: give at least one model, or leave it undefined to enforce on every model');
    for (const [prop, mode] of [['systemGuarding', props.systemGuarding], ['messagesGuarding', props.messagesGuarding]] as const) {
      problems.check(mode === undefined || Object.values(SelectiveGuardingMode).includes(mode),
        `${prop} is ${describeValue(mode)}; expected SelectiveGuardingMode.SELECTIVE or SelectiveGuardingMode.COMPREHENSIVE`);
    }
    problems.throwIfAny(this, 'OrganizationGuardrailPolicy', BedrockLandingZoneErrorCode.ORGANIZATION_GUARDRAIL_PROPS);

    const guardrail = props.guardrail;
    const assign = (value: unknown) => ({ '@@assign': value });
    const render = (identifier: string) => ({
      bedrock: {
        guardrail_inference: {
          [region!]: {
            [configurationName]: {
              identifier: assign(identifier),
              selective_content_guarding: {
                system: assign((props.systemGuarding ?? SelectiveGuardingMode.COMPREHENSIVE).toLowerCase()),
                messages: assign((props.messagesGuarding ?? SelectiveGuardingMode.COMPREHENSIVE).toLowerCase()),
              },
              model_enforcement: { included_models: assign(included ?? ['ALL']), excluded_models: assign(excluded ?? []) },
            },
          },
        },
      },
    });
    // Measured with the longest identifier a guardrail can have: the ARN is a token until deployed.
    const longest = `arn:aws-us-gov:bedrock:${region}:${stack.account}:guardrail/${'x'.repeat(12)}:99999999`;
    const size = JSON.stringify(render(longest)).length;
    if (size > BEDROCK_POLICY_MAX_CHARACTERS) {
      problems.add(`the policy is up to ${size} characters, more than the ${BEDROCK_POLICY_MAX_CHARACTERS} AWS Organizations allows for a Bedrock ` +
        'policy: name fewer includedModels or excludedModels');
      problems.throwIfAny(this, 'OrganizationGuardrailPolicy', BedrockLandingZoneErrorCode.ORGANIZATION_GUARDRAIL_PROPS);
    }
    this.content = render(`${guardrail.guardrailArn}:${guardrail.guardrailVersion}`);

    // The members apply the guardrail cross-account: without this, every Bedrock call of the targets fails.
    this.resourcePolicy = new bedrock.CfnResourcePolicy(this, 'GuardrailResourcePolicy', {
      resourceArn: guardrail.guardrailArn,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'OrganizationAppliesGuardrail',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'bedrock:ApplyGuardrail',
          Resource: guardrail.guardrailArn,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }],
      },
    });
    const keyStatement = guardrail.encryptionKey?.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OrganizationAppliesGuardrail',
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:PrincipalOrgID': props.organizationId, 'kms:ViaService': `bedrock.${region}.amazonaws.com` },
      },
    }));
    if (keyStatement && !keyStatement.statementAdded) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:organizationGuardrailKey',
        `The guardrail's key (${guardrail.encryptionKey!.keyArn}) is imported, so its policy cannot be changed here: allow kms:Decrypt to principals ` +
        `of ${props.organizationId} (aws:PrincipalOrgID) through bedrock.${region}.amazonaws.com (kms:ViaService), or every Bedrock call of the ` +
        'targets fails.');
    }

    const provider = controlPlaneProvider(this);
    provider.addToRolePolicy({ Effect: 'Allow', Action: 'organizations:ListRoots', Resource: '*' });
    provider.addToRolePolicy({
      Effect: 'Allow',
      Action: 'organizations:EnablePolicyType',
      Resource: `arn:${Aws.PARTITION}:organizations::${stack.account}:root/${props.organizationId}/${props.rootId}`,
      Condition: { StringEquals: { 'organizations:PolicyType': POLICY_TYPE } },
    });
    this.policyType = new CustomResource(this, 'PolicyType', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::OrganizationsPolicyType',
      properties: { RootId: props.rootId, PolicyType: POLICY_TYPE },
    });
    this.policyType.node.addDependency(customResourceProviderRole(provider));

    this.policy = new organizations.CfnPolicy(this, 'Resource', {
      name: props.policyName ?? `bedrock-landing-zone-guardrail-${region}`,
      description: `Enforces guardrail ${guardrail.guardrailId} on every Amazon Bedrock call in ${region}`,
      type: POLICY_TYPE,
      content: this.content,
      targetIds: props.targetIds,
    });
    this.policy.node.addDependency(this.policyType, this.resourcePolicy);
    if (guardrail instanceof Guardrail) this.policy.node.addDependency(guardrail.version);
  }
}
