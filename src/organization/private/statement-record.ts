import { aws_iam as iam } from 'aws-cdk-lib';
import { ApprovedModel } from '../../landing-zone/approved-model';
import { Geography, ServiceTier } from '../../models';
import { BedrockOrganizationPoliciesProps } from '../bedrock-organization-policies-props';
import { ExemptPrincipals } from './exempt-principals';

/**
 * What one policy set is made from, worked out once from the props: the values every statement's
 * `applies` and `build` read, independent of the partition.
 */
export interface PolicySettings {
  readonly props: BedrockOrganizationPoliciesProps;
  /** The geographies models are approved through (the props' or the profiles'). */
  readonly geographies: Geography[];
  /** Under a residency profile: its regions inside the geographies. */
  readonly residencyRegions?: string[];
  /** `governedRegions`, deduplicated and sorted. */
  readonly governedRegions?: string[];
  /** The CDK bootstrap qualifier whose roles deploy the landing zones (`*`: any). */
  readonly qualifier: string;
  /** The service tiers invocations may use. */
  readonly tiers: ServiceTier[];
  /** The approved models that are embedding models (exempt from the guardrail requirement). */
  readonly embeddingModels: ApprovedModel[];
  /** `allowOpenAiCompatibleEndpoint` */
  readonly openAiGoverned: boolean;
  /** `governAgentCore` */
  readonly governAgentCore: boolean;
  /** `protectInvocationLogStreams` */
  readonly protectLogStreams: boolean;
}

/**
 * The settings and the exempt principals in one partition (a token when deployed, the longest name
 * when measured), with the ARNs the statements name.
 */
export class StatementContext {
  public readonly exempt: ExemptPrincipals;

  constructor(public readonly settings: PolicySettings, public readonly partition: string) {
    this.exempt = new ExemptPrincipals(partition, settings.qualifier,
      settings.props.configurationAdminRoleArnPatterns ?? [], settings.props.deploymentPrincipalArnPatterns ?? []);
  }

  /** A Bedrock ARN of this partition. */
  public arn(region: string, account: string, resource: string): string {
    return `arn:${this.partition}:bedrock:${region}:${account}:${resource}`;
  }

  /**
   * The ARNs a model may be reached by. Foundation-model ARNs name the model in any region: which
   * regions a call may reach is decided by the profile (a geography's profile routes only inside it)
   * and, under residency, by the statement that denies requests outside the allowed regions. That
   * keeps the list to two or three ARNs a model, so dozens of models fit one policy.
   */
  public approvedArns(models: ApprovedModel[]): string[] {
    return [...new Set(models.flatMap(model => {
      const id = model.modelId!;
      const anyRegion = this.arn('*', '', `foundation-model/${id}`);
      if (model.isGlobal) return [this.arn('*', '*', `inference-profile/global.${id}`), anyRegion];
      if (model.isInRegion) return [anyRegion];
      return [...this.settings.geographies.map(g => this.arn('*', '*', `inference-profile/${g.prefix}.${id}`)), anyRegion];
    }))];
  }

  /** The approved models' foundation-model ARNs (what provisioned throughput and customization name). */
  public approvedFoundationModelArns(): string[] {
    return this.approvedArns(this.settings.props.approvedModels).filter(a => a.includes(':foundation-model/'));
  }
}

/**
 * One statement of the organization policies, as its class file writes it: what it denies and why
 * (the documentation is generated from these), when the policy set holds it, and how it is built.
 */
export interface StatementDefinition {
  /** The statement's Sid: reviewers, tests and the perimeter's attacks name it, so it never changes. */
  readonly sid: string;
  /**
   * When the policy set holds it, in words: the props that add it.
   *
   * @default 'always'
   */
  readonly appliesWhen?: string;
  /** What it denies, and to whom, in words. */
  readonly denies: string;
  /** Why a security reviewer can accept it: the attack it closes. */
  readonly why: string;
  /** The props that take it out of the policy set (a test checks that they do). */
  readonly liftedBy?: Partial<BedrockOrganizationPoliciesProps>;
  /**
   * Whether it denies only requests on resources that carry the landing zone's protection tag: then it
   * is harmless on a parent of the targets, and `protectionTargetIds` attaches it there.
   *
   * @default false
   */
  readonly tagScoped?: boolean;
  /**
   * Whether the policy set holds it.
   *
   * @default - unless the props hold every value of `liftedBy`; always when nothing lifts it
   */
  readonly applies?: (settings: PolicySettings) => boolean;
  /** The Deny statement's body (its Sid and effect are the record's), in the context's partition. */
  readonly build: (context: StatementContext) => DenyBody;
}

/** A statement with its class, and its defaults filled in. */
export interface StatementRecord extends StatementDefinition {
  readonly class: StatementClass;
  readonly appliesWhen: string;
  readonly applies: (settings: PolicySettings) => boolean;
}

/** A group of statements with one purpose: a section of docs/organization-policies.md. */
export interface StatementClass {
  /** The section's title. */
  readonly title: string;
  /** What the statements of the class have in common, in a sentence or two. */
  readonly summary: string;
  readonly statements: StatementRecord[];
}

/** A class of statements, each record knowing its class. */
export function statementClass(definition: { title: string; summary: string; statements: StatementDefinition[] }): StatementClass {
  const statements: StatementRecord[] = [];
  const result: StatementClass = { title: definition.title, summary: definition.summary, statements };
  statements.push(...definition.statements.map(d => ({ appliesWhen: 'always', ...d, applies: d.applies ?? notLiftedBy(d.liftedBy), class: result })));
  return result;
}

/** Whether the props leave a statement in: they do not hold every value `liftedBy` names. */
function notLiftedBy(liftedBy: Partial<BedrockOrganizationPoliciesProps> = {}): (settings: PolicySettings) => boolean {
  const entries = Object.entries(liftedBy) as Array<[keyof BedrockOrganizationPoliciesProps, unknown]>;
  return settings => entries.length === 0 || !entries.every(([prop, value]) => settings.props[prop] === value);
}

/** What a Deny statement names: every statement of the organization policies is a Deny. */
export type DenyBody = Pick<iam.PolicyStatementProps, 'actions' | 'resources' | 'notResources' | 'conditions'>;

/** A Deny of the actions on any resource: they accept no narrower one, or the condition is the fence. */
export function onAnyResource(actions: string[], conditions?: Record<string, Record<string, unknown>>): DenyBody {
  return conditions ? { actions, resources: ['*'], conditions } : { actions, resources: ['*'] };
}

/** The record's statement in the context's partition. */
export function renderStatement(record: StatementRecord, context: StatementContext): iam.PolicyStatement {
  return new iam.PolicyStatement({ sid: record.sid, effect: iam.Effect.DENY, ...record.build(context) });
}
