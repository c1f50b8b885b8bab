import { Aws, Token, aws_iam as iam, aws_organizations as organizations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApprovedModel } from '../landing-zone/approved-model';
import { GovernanceProfile } from '../landing-zone/governance-profile';
import { Geography } from '../models';
import { LANDING_ZONE_ROLE_PATH } from '../private/control-plane-provider';
import { Problems, oneOf } from '../private/validation';

const INVOKE = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
/** AWS Organizations' limit on one service control policy, in characters. */
const SCP_MAX_CHARACTERS = 5120;
/** SCPs per target: AWS allows 5, one of which is normally FullAWSAccess. */
const MAX_POLICIES = 4;
/** The longest partition the policies may be deployed in: sizes are checked for it. */
const LONGEST_PARTITION = 'aws-us-gov';

/**
 * Properties of the organization's Bedrock service control policies.
 */
export interface BedrockOrganizationPoliciesProps {
  /** The one list of approved models: every other model is denied in every account of the targets. */
  readonly approvedModels: ApprovedModel[];

  /**
   * The geographies the organization's landing zones operate in. Models are allowed only through
   * these geographies' profiles and in their regions.
   *
   * @default - the profiles' allowed geographies; required when no profile restricts geographies
   */
  readonly geographies?: Geography[];

  /**
   * Governance profiles, as in the landing zone (EU residency denies global profiles and every
   * region outside the EU).
   *
   * @default [GovernanceProfile.BASELINE]
   */
  readonly profiles?: GovernanceProfile[];

  /** IDs of the roots, organizational units or accounts the policies are attached to. */
  readonly targetIds: string[];

  /**
   * Deny invocations that carry no guardrail (`bedrock:GuardrailIdentifier` absent). Calls Bedrock
   * makes itself (`aws:ViaAWSService`, e.g. a knowledge base embedding documents) are not denied.
   *
   * @default false - the landing zone's IAM and enforced guardrail already require it per account
   */
  readonly requireGuardrail?: boolean;

  /**
   * Roles, besides the landing zone's own control-plane role (path `/bedrock-landing-zone/`), that
   * may change the invocation logging and enforced guardrail configurations, as ARN patterns.
   *
   * @default - the landing zone's role, CDK's CloudFormation execution roles (`cdk-*-cfn-exec-role-*`) and
   * the StackSets execution roles (`stacksets-exec-*`)
   */
  readonly configurationAdminRoleArnPatterns?: string[];

  /**
   * Allow model customization and Custom Model Import jobs. Imported weights and models fine-tuned
   * from any base are invoked through `imported-model/` and `custom-model-deployment/` ARNs, which the
   * approved-model list cannot name: by default creating them is denied.
   *
   * @default false
   */
  readonly allowModelCustomization?: boolean;

  /**
   * A prefix for the policies' names.
   *
   * @default 'bedrock-landing-zone'
   */
  readonly policyNamePrefix?: string;
}

/**
 * Service control policies for Amazon Bedrock, generated from the same approved-model list as the
 * landing zones: deny unapproved models and profiles (and provisioned throughput for them), deny
 * global profiles and other regions under EU residency, protect the invocation logging and enforced
 * guardrail configurations, deny long-term Bedrock API keys, and optionally deny invocations
 * without a guardrail.
 *
 * Statements are packed into as few policies as AWS Organizations' 5,120-character limit allows; a
 * statement that alone is too large fails synth with the statement named.
 */
export class BedrockOrganizationPolicies extends Construct {
  /** The policies, in the order their statements were packed */
  public readonly policies: organizations.CfnPolicy[];
  /** The statements, as policy documents, one per policy */
  public readonly documents: iam.PolicyDocument[];

  constructor(scope: Construct, id: string, props: BedrockOrganizationPoliciesProps) {
    super(scope, id);
    const profile = GovernanceProfile.combine(props.profiles ?? [GovernanceProfile.BASELINE]);
    const geographies = this.validate(props, profile);
    const statementsIn = (partition: string) => {
      const p = new Partitioned(partition);
      return [
        p.denyUnapprovedModels(props.approvedModels, geographies),
        p.denyUnapprovedProvisionedThroughput(props.approvedModels, geographies),
        ...(profile.allowedGeographies ? [p.denyOutsideGeographies(geographies), p.denyGlobalProfiles()] : []),
        ...(props.requireGuardrail ? [p.denyWithoutGuardrail()] : []),
        p.protectConfigurations(props.configurationAdminRoleArnPatterns),
        p.protectExemptRoles(props.configurationAdminRoleArnPatterns),
        ...(props.allowModelCustomization ? [] : [p.denyModelCustomization()]),
        denyLongTermApiKeys(),
        denyBearerTokens(),
      ];
    };
    // Sizes are measured with the longest partition name; the policies themselves use AWS::Partition.
    const groups = packStatements(this, statementsIn(Aws.PARTITION), statementsIn(LONGEST_PARTITION).map(statementSize));
    const prefix = props.policyNamePrefix ?? 'bedrock-landing-zone';
    this.documents = groups.map(group => new iam.PolicyDocument({ statements: group }));
    this.policies = this.documents.map((document, i) => new organizations.CfnPolicy(this, `Policy${i + 1}`, {
      name: `${prefix}-bedrock-${i + 1}`,
      description: `Amazon Bedrock governance (${profile.name}), part ${i + 1} of ${groups.length}`,
      type: 'SERVICE_CONTROL_POLICY',
      content: document,
      targetIds: props.targetIds,
    }));
  }

  private validate(props: BedrockOrganizationPoliciesProps, profile: GovernanceProfile): Geography[] {
    const problems = new Problems();
    const geographies = props.geographies ?? profile.allowedGeographies ?? [];
    problems.check(geographies.length > 0, 'geographies is empty: name the geographies the landing zones operate in (e.g. [Geography.US, Geography.EU])');
    if (profile.allowedGeographies && props.geographies) {
      const outside = props.geographies.filter(g => !profile.allowedGeographies!.some(a => a.prefix === g.prefix));
      problems.check(outside.length === 0, `geographies ${oneOf(outside.map(g => g.prefix))} are not allowed by profile ${profile.name}; ` +
        `allowed: ${oneOf(profile.allowedGeographies.map(g => g.prefix))}`);
    }
    problems.check(props.approvedModels.length > 0, 'approvedModels is empty: give at least one approved model');
    if (!profile.allowsGlobalProfiles) {
      props.approvedModels.filter(m => m.isGlobal).forEach(m => problems.add(
        `approvedModels: ${m} may route to any commercial region, which profile ${profile.name} does not allow`));
    }
    props.approvedModels.filter(m => m.modelId === undefined).forEach(() => problems.add(
      'approvedModels: ApprovedModel.of(invokable) is account-specific and cannot be named in an organization policy; ' +
      'list the model with throughGeography, inRegion or global'));
    problems.check(props.targetIds.length > 0, 'targetIds is empty: give the root, OU or account IDs to attach the policies to');
    for (const target of props.targetIds) {
      if (Token.isUnresolved(target)) continue;
      problems.check(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/.test(target),
        `targetIds: '${target}' is not a root (r-...), organizational unit (ou-...-...) or account (12 digits) ID`);
    }
    problems.throwIfAny(this, 'BedrockOrganizationPolicies');
    return geographies;
  }
}

/** The statements, for one partition (a token when deployed, the longest name when measured). */
class Partitioned {
  constructor(private readonly partition: string) {}

  private arn(region: string, account: string, resource: string): string {
    return `arn:${this.partition}:bedrock:${region}:${account}:${resource}`;
  }


  /**
   * The ARNs a model may be reached by. Foundation-model ARNs name the model in any region: which
   * regions a call may reach is decided by the profile (a geography's profile routes only inside it)
   * and, under residency, by the statement that denies requests outside the geographies. That keeps
   * the list to two or three ARNs a model, so dozens of models fit one policy.
   */
  approvedArns(model: ApprovedModel, geographies: Geography[]): string[] {
    const id = model.modelId!;
    const anyRegion = this.arn('*', '', `foundation-model/${id}`);
    if (model.isGlobal) return [this.arn('*', '*', `inference-profile/global.${id}`), anyRegion];
    if (model.isInRegion) return [anyRegion];
    return [...geographies.map(g => this.arn('*', '*', `inference-profile/${g.prefix}.${id}`)), anyRegion];
  }

  denyUnapprovedModels(models: ApprovedModel[], geographies: Geography[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyUnapprovedModels',
      effect: iam.Effect.DENY,
      actions: INVOKE,
      notResources: [
        ...new Set(models.flatMap(m => this.approvedArns(m, geographies))),
        // Account-owned routes: their underlying foundation model is checked in the same request.
        this.arn('*', '*', 'application-inference-profile/*'),
        this.arn('*', '*', 'provisioned-model/*'),
        this.arn('*', '*', 'custom-model-deployment/*'),
        this.arn('*', '*', 'imported-model/*'),
      ],
    });
  }

  denyUnapprovedProvisionedThroughput(models: ApprovedModel[], geographies: Geography[]): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyProvisionedThroughputForUnapprovedModels',
      effect: iam.Effect.DENY,
      actions: ['bedrock:CreateProvisionedModelThroughput'],
      notResources: [
        ...new Set(models.flatMap(m => this.approvedArns(m, geographies)).filter(a => a.includes(':foundation-model/'))),
        this.arn('*', '*', 'custom-model/*'),
      ],
    });
  }

  denyOutsideGeographies(geographies: Geography[]): iam.PolicyStatement {
    // StringNotEquals also matches the region-less leg of global profiles (aws:RequestedRegion = unspecified).
    return new iam.PolicyStatement({
      sid: 'DenyInvocationOutsideGeographies',
      effect: iam.Effect.DENY,
      actions: INVOKE,
      resources: [this.arn('*', '*', '*')],
      conditions: { StringNotEquals: { 'aws:RequestedRegion': [...new Set(geographies.flatMap(g => [...g.sourceRegions, ...g.destinationRegions]))].sort() } },
    });
  }

  denyGlobalProfiles(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyGlobalProfiles',
      effect: iam.Effect.DENY,
      actions: INVOKE,
      resources: [this.arn('*', '*', 'inference-profile/global.*'), this.arn('', '', 'foundation-model/*')],
    });
  }

  denyWithoutGuardrail(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyInvocationWithoutGuardrail',
      effect: iam.Effect.DENY,
      actions: INVOKE,
      resources: [this.arn('*', '*', '*')],
      conditions: { Null: { 'bedrock:GuardrailIdentifier': 'true' }, Bool: { 'aws:ViaAWSService': 'false' } },
    });
  }

  /** The roles allowed to change the configurations, and the roles allowed to manage those roles. */
  private exemptRoles(extraAdmins: string[]): string[] {
    return [
      `arn:${this.partition}:iam::*:role${LANDING_ZONE_ROLE_PATH}*`,
      `arn:${this.partition}:iam::*:role/cdk-*-cfn-exec-role-*`,
      // Service-managed StackSets deploy the baseline through this role in each member account.
      `arn:${this.partition}:iam::*:role/stacksets-exec-*`,
      ...extraAdmins,
    ];
  }

  /**
   * The exemption is by role path and name: without this, anyone allowed iam:CreateRole could make a
   * role on the path and change the logging configuration through it. Only the deployment roles may
   * create or change roles with those names.
   */
  protectExemptRoles(extraAdmins: string[] = []): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectExemptRoles',
      effect: iam.Effect.DENY,
      actions: [
        'iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:PutRolePermissionsBoundary',
        'iam:DeleteRolePermissionsBoundary', 'iam:UpdateRole', 'iam:TagRole',
      ],
      resources: [
        `arn:${this.partition}:iam::*:role${LANDING_ZONE_ROLE_PATH}*`,
        `arn:${this.partition}:iam::*:role/cdk-*-cfn-exec-role-*`,
      ],
      conditions: {
        ArnNotLike: {
          'aws:PrincipalArn': [
            `arn:${this.partition}:iam::*:role/cdk-*-cfn-exec-role-*`,
            `arn:${this.partition}:iam::*:role/stacksets-exec-*`,
            // Bootstrapping (cdk bootstrap) creates the execution role with the account's admin access.
            `arn:${this.partition}:iam::*:role/OrganizationAccountAccessRole`,
            `arn:${this.partition}:iam::*:role/AWSControlTowerExecution`,
            ...extraAdmins,
          ],
        },
      },
    });
  }

  denyModelCustomization(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'DenyModelCustomizationAndImport',
      effect: iam.Effect.DENY,
      actions: ['bedrock:CreateModelCustomizationJob', 'bedrock:CreateModelImportJob'],
      resources: ['*'],
    });
  }

  protectConfigurations(extraAdmins: string[] = []): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'ProtectLoggingAndGuardrailEnforcement',
      effect: iam.Effect.DENY,
      actions: [
        'bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:DeleteModelInvocationLoggingConfiguration',
        'bedrock:PutEnforcedGuardrailConfiguration', 'bedrock:DeleteEnforcedGuardrailConfiguration',
      ],
      // These actions accept only "*": the configuration is an account and region setting.
      resources: ['*'],
      conditions: { ArnNotLike: { 'aws:PrincipalArn': this.exemptRoles(extraAdmins) } },
    });
  }
}

function denyLongTermApiKeys(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyLongTermBedrockApiKeys',
    effect: iam.Effect.DENY,
    actions: ['iam:CreateServiceSpecificCredential'],
    resources: ['*'],
    conditions: { StringEquals: { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' } },
  });
}

function denyBearerTokens(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyLongTermBearerTokens',
    effect: iam.Effect.DENY,
    actions: ['bedrock:CallWithBearerToken'],
    resources: ['*'],
    conditions: { StringEquals: { 'bedrock:BearerTokenType': 'LONG_TERM' } },
  });
}

/** Minified size of a statement with literal values. */
function statementSize(statement: iam.PolicyStatement): number {
  return JSON.stringify(statement.toStatementJson()).length;
}

const ENVELOPE = JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;

/** First-fit packing of the statements into policies under the size limit. */
function packStatements(scope: Construct, statements: iam.PolicyStatement[], sizes: number[]): iam.PolicyStatement[][] {
  const problems = new Problems();
  const groups: Array<{ size: number; statements: iam.PolicyStatement[] }> = [];
  for (const [i, statement] of statements.entries()) {
    const size = sizes[i];
    if (ENVELOPE + size > SCP_MAX_CHARACTERS) {
      problems.add(`statement ${statement.sid} is ${size} characters, more than one service control policy holds (${SCP_MAX_CHARACTERS - ENVELOPE} ` +
        'after the policy envelope); it cannot be split, because a Deny with NotResource must list every approved ARN at once. ' +
        'Approve fewer models or geographies in one policy set: use one BedrockOrganizationPolicies per group of OUs');
      continue;
    }
    const group = groups.find(g => g.size + size + 1 <= SCP_MAX_CHARACTERS);
    if (group) {
      group.statements.push(statement);
      group.size += size + 1;
    } else {
      groups.push({ size: ENVELOPE + size, statements: [statement] });
    }
  }
  problems.check(groups.length <= MAX_POLICIES, `the statements need ${groups.length} policies, more than the ${MAX_POLICIES} a target can hold ` +
    'next to FullAWSAccess (AWS allows 5 per target): approve fewer models or geographies');
  problems.throwIfAny(scope, 'BedrockOrganizationPolicies');
  return groups.map(g => g.statements);
}
