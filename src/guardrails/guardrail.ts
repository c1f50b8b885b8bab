import {
  Annotations, Arn, ArnFormat, IResource, Names, RemovalPolicy, Resource, Stack, Token, aws_bedrock as bedrock, aws_iam as iam, aws_kms as kms,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GuardrailAction } from './guardrail-action';
import { GuardrailModality } from './guardrail-modality';
import { AutomatedReasoningPolicyReference, GuardrailPolicies } from './guardrail-policies';
import { GuardrailPreset } from './guardrail-preset';
import { GuardrailTier } from './guardrail-tier';
import { BedrockLandingZoneErrorCode } from '../errors/error-code';
import { Geography, IGuardrailReference } from '../models';
import { ContentHashedCfnGuardrail } from './private/content-hash';
import { crossRegionProblems, guardrailProfileArn, regionOf } from './private/cross-region';
import { filterActions, sensitiveInformationActions } from './private/filter-actions';
import { guardrailKey } from './private/guardrail-key';
import { LIMITS, automatedReasoningProblems, countProblems, entryProblems, lengthProblem, mergePolicies, nameProblems, sourcesOf } from './private/limits';
import { declareUniqueName } from '../core/account-singleton';
import { guardrailAttributeProblems } from '../core/guardrail-checks';
import { Problems } from '../core/validation';
import { grantStatements } from '../models/invoke-statements';

/** The message Bedrock's console proposes when a guardrail blocks. */
const DEFAULT_BLOCKED_MESSAGE = 'Sorry, the model cannot answer this question.';

/** Properties the version's content hash leaves out: tags are applied by aspects and are not content. */
const NOT_CONTENT = ['Tags'];

/**
 * A guardrail, created here or imported.
 */
export interface IGuardrail extends IResource, IGuardrailReference {
  /** The guardrail's ID */
  readonly guardrailId: string;
  /** The customer-managed key the guardrail is encrypted with, if any */
  readonly encryptionKey?: kms.IKey;
  /** The geography of the guardrail's cross-region profile, if it has one */
  readonly crossRegion?: Geography;

  /**
   * Grants `bedrock:ApplyGuardrail` on the guardrail (and on its guardrail profile in every
   * destination region when it is cross-region) and `kms:Decrypt` on its key.
   */
  grantApply(grantee: iam.IGrantable): iam.Grant;
}

/**
 * Attributes of a guardrail created elsewhere.
 */
export interface GuardrailAttributes {
  /** The guardrail's ARN, without a version */
  readonly guardrailArn: string;
  /** The numeric version that invocations must carry (not DRAFT) */
  readonly guardrailVersion: string;
  /**
   * The customer-managed key the guardrail is encrypted with.
   *
   * @default - the guardrail uses an AWS owned key; no KMS permission is granted
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The geography of the guardrail's cross-region profile.
   *
   * @default - the guardrail is not cross-region
   */
  readonly crossRegion?: Geography;
}

/**
 * Properties of a guardrail.
 */
export interface GuardrailProps extends GuardrailPolicies {
  /**
   * The guardrail's name (1 to 50 letters, digits, `-` and `_`).
   *
   * @default - a unique name generated from the construct path
   */
  readonly guardrailName?: string;

  /**
   * A description (1 to 200 characters).
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Presets to start from, applied in order before this guardrail's own policies. An entry of the
   * props with the same key as a preset's (content filter category, PII type, topic name, word,
   * regex name, managed list, grounding check) replaces it.
   *
   * @default - no preset
   */
  readonly presets?: GuardrailPreset[];

  /**
   * The message returned when the guardrail blocks a prompt (1 to 500 characters).
   *
   * @default 'Sorry, the model cannot answer this question.'
   */
  readonly blockedInputMessaging?: string;

  /**
   * The message returned when the guardrail blocks a model response (1 to 500 characters).
   *
   * @default 'Sorry, the model cannot answer this question.'
   */
  readonly blockedOutputsMessaging?: string;

  /**
   * The tier of the content filters. STANDARD needs `crossRegion`.
   *
   * @default - STANDARD when `crossRegion` is set, otherwise CLASSIC
   */
  readonly contentFiltersTier?: GuardrailTier;

  /**
   * The tier of the denied topics. STANDARD needs `crossRegion`.
   *
   * @default - STANDARD when `crossRegion` is set, otherwise CLASSIC
   */
  readonly topicsTier?: GuardrailTier;

  /**
   * Use the geography's system-defined guardrail profile (`<prefix>.guardrail.v1:0`), so Bedrock may
   * evaluate the guardrail in the geography's destination regions. The stack's region must be a
   * source region of the geography.
   *
   * @default - the guardrail is evaluated in the stack's region only
   */
  readonly crossRegion?: Geography;

  /**
   * Automated Reasoning policies the guardrail applies.
   *
   * @default - none
   */
  readonly automatedReasoning?: AutomatedReasoningPolicyReference;

  /**
   * The customer-managed key to encrypt the guardrail with.
   *
   * @default - a customer-managed key with rotation is created and retained on deletion
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Keep a published version in the account when a content change publishes a new one, so clients
   * pinned to it keep working. When false, CloudFormation deletes the previous version once the new
   * one is published.
   *
   * @default true
   */
  readonly retainPreviousVersions?: boolean;

  /**
   * What happens to the guardrail (and with it every version) when it is removed from the stack.
   *
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * What a guardrail does, created here or imported: subclasses name the guardrail, its version, key
 * and geography; the statements for applying it are shared.
 */
export abstract class GuardrailBase extends Resource implements IGuardrail {
  /** The guardrail's ARN */
  public abstract readonly guardrailArn: string;
  /** The guardrail's ID */
  public abstract readonly guardrailId: string;
  /** The numeric version that invocations must carry */
  public abstract readonly guardrailVersion: string;
  /** The customer-managed key the guardrail is encrypted with, if any */
  public abstract readonly encryptionKey?: kms.IKey;
  /** The geography of the guardrail's cross-region profile, if any */
  public abstract readonly crossRegion?: Geography;

  /**
   * `bedrock:ApplyGuardrail` on the guardrail and, when cross-region, on its guardrail profile in
   * the guardrail's region and every destination region; `kms:Decrypt` on its key.
   */
  public applyStatements(): iam.PolicyStatement[] {
    const resources = [this.guardrailArn];
    const geography = this.crossRegion;
    if (geography) {
      const regions = [...new Set([regionOf(this, this.guardrailArn), ...geography.destinationRegions])].sort();
      resources.push(...regions.map(r => guardrailProfileArn(this, r, geography)));
    }
    const statements = [new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources })];
    if (this.encryptionKey) statements.push(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [this.encryptionKey.keyArn] }));
    return statements;
  }

  /**
   * Grants applying the guardrail (`ApplyGuardrail`, through `InvokeModel`/`Converse` or directly):
   * the statements of `applyStatements()`.
   */
  public grantApply(grantee: iam.IGrantable): iam.Grant {
    return grantStatements(grantee, this.applyStatements());
  }
}

/**
 * An Amazon Bedrock guardrail with a customer-managed key and a published version that follows its
 * content.
 *
 * The guardrail publishes an `AWS::Bedrock::GuardrailVersion` whose logical ID carries a SHA-256 of
 * the guardrail's resolved configuration: changing any policy publishes a new version, and nothing
 * else does (see docs/adr/0003-guardrail-versions-follow-content.md). `guardrailVersion` is that
 * version's number, so `requireGuardrail: guardrail` pins invocations to it.
 */
export class Guardrail extends GuardrailBase {
  /**
   * References a guardrail created elsewhere, at one numeric version.
   */
  public static fromGuardrailAttributes(scope: Construct, id: string, attrs: GuardrailAttributes): IGuardrail {
    const attributeProblems = guardrailAttributeProblems(attrs);
    class Import extends GuardrailBase {
      public readonly guardrailArn = attrs.guardrailArn;
      public readonly guardrailVersion = attrs.guardrailVersion;
      // An ARN that is not a guardrail's cannot be split: the problems below are thrown instead.
      public readonly guardrailId = attributeProblems.length === 0 ? guardrailIdOf(attrs.guardrailArn) : '';
      public readonly encryptionKey = attrs.encryptionKey;
      public readonly crossRegion = attrs.crossRegion;
    }
    const problems = new Problems();
    attributeProblems.forEach(p => problems.add(p));
    const imported = new Import(scope, id);
    crossRegionProblems(imported, attrs.crossRegion).forEach(p => problems.add(p));
    problems.throwIfAny(imported, 'Guardrail.fromGuardrailAttributes', BedrockLandingZoneErrorCode.GUARDRAIL_ATTRIBUTES);
    return imported;
  }

  /** The guardrail's ARN */
  public readonly guardrailArn: string;
  /** The guardrail's ID */
  public readonly guardrailId: string;
  /** The number of the version this app publishes */
  public readonly guardrailVersion: string;
  /** The key the guardrail is encrypted with (always set: created when not given) */
  public readonly encryptionKey?: kms.IKey;
  /** The geography of the guardrail's cross-region profile, if any */
  public readonly crossRegion?: Geography;
  /** The policies in effect: the presets' merged with the props' */
  public readonly policies: GuardrailPolicies;
  /** The SHA-256 of the guardrail's resolved configuration, which names the published version */
  public readonly contentHash: string;
  /** The guardrail resource */
  public readonly resource: bedrock.CfnGuardrail;
  /** The published version */
  public readonly version: bedrock.CfnGuardrailVersion;

  constructor(scope: Construct, id: string, props: GuardrailProps = {}) {
    super(scope, id, { physicalName: props.guardrailName });

    const problems = new Problems();
    const region = Token.isUnresolved(Stack.of(this).region) ? undefined : Stack.of(this).region;
    const sources = sourcesOf(props.presets ?? [], props);
    sources.forEach(s => entryProblems(s, region).forEach(p => problems.add(p)));
    this.policies = mergePolicies(sources);
    countProblems(this.policies).forEach(p => problems.add(p));
    const policyCount = Object.values(this.policies).filter(v => Array.isArray(v) && v.length > 0).length + (props.automatedReasoning ? 1 : 0);
    if (policyCount === 0) {
      Annotations.of(this).addWarningV2('cdk-bedrock-landing-zone:emptyGuardrail', 'No policy is configured (presets, contentFilters, deniedTopics, ' +
        'words, managedWordLists, piiEntities, regexes, contextualGrounding or automatedReasoning): the guardrail filters nothing, and ' +
        'Bedrock may refuse it. Start from GuardrailPreset.BASELINE.');
    }
    nameProblems(props.guardrailName).forEach(p => problems.add(p));
    const lengths: string[] = [];
    lengthProblem(lengths, 'description', props.description, LIMITS.description);
    lengthProblem(lengths, 'blockedInputMessaging', props.blockedInputMessaging, LIMITS.blockedMessaging);
    lengthProblem(lengths, 'blockedOutputsMessaging', props.blockedOutputsMessaging, LIMITS.blockedMessaging);
    lengths.forEach(p => problems.add(p));
    automatedReasoningProblems(props.automatedReasoning).forEach(p => problems.add(p));
    const defaultTier = props.crossRegion ? GuardrailTier.STANDARD : GuardrailTier.CLASSIC;
    const contentTier = props.contentFiltersTier ?? defaultTier;
    const topicsTier = props.topicsTier ?? defaultTier;
    for (const [prop, tier] of [['contentFiltersTier', props.contentFiltersTier], ['topicsTier', props.topicsTier]] as const) {
      if (tier?.value === GuardrailTier.STANDARD.value && !props.crossRegion) {
        problems.add(`${prop} is STANDARD, which needs a cross-region guardrail profile; set crossRegion (e.g. Geography.EU) or use GuardrailTier.CLASSIC`);
      }
    }
    crossRegionProblems(this, props.crossRegion).forEach(p => problems.add(p));
    problems.throwIfAny(this, 'Guardrail', BedrockLandingZoneErrorCode.GUARDRAIL_PROPS);

    this.crossRegion = props.crossRegion;
    const key = props.encryptionKey ?? guardrailKey(this);
    this.encryptionKey = key;

    const p = this.policies;
    const name = props.guardrailName ?? Names.uniqueResourceName(this, { maxLength: LIMITS.name.max });
    if (props.guardrailName !== undefined) declareUniqueName(this, 'guardrail', 'guardrailName', props.guardrailName);
    const resource = new ContentHashedCfnGuardrail(this, 'Resource', {
      name,
      description: props.description,
      blockedInputMessaging: props.blockedInputMessaging ?? DEFAULT_BLOCKED_MESSAGE,
      blockedOutputsMessaging: props.blockedOutputsMessaging ?? DEFAULT_BLOCKED_MESSAGE,
      kmsKeyArn: key.keyArn,
      crossRegionConfig: props.crossRegion ? { guardrailProfileArn: guardrailProfileArn(this, Stack.of(this).region, props.crossRegion) } : undefined,
      contentPolicyConfig: p.contentFilters?.length ? {
        filtersConfig: p.contentFilters.map(f => ({
          type: f.type.value,
          inputStrength: f.inputStrength,
          outputStrength: f.outputStrength,
          ...filterActions(f),
          inputModalities: (f.inputModalities ?? [GuardrailModality.TEXT]).map(m => m.value),
          outputModalities: (f.outputModalities ?? [GuardrailModality.TEXT]).map(m => m.value),
        })),
        contentFiltersTierConfig: { tierName: contentTier.value },
      } : undefined,
      topicPolicyConfig: p.deniedTopics?.length ? {
        topicsConfig: p.deniedTopics.map(t => ({
          name: t.name,
          definition: t.definition,
          examples: t.examples,
          type: 'DENY',
          ...filterActions(t),
        })),
        topicsTierConfig: { tierName: topicsTier.value },
      } : undefined,
      wordPolicyConfig: p.words?.length || p.managedWordLists?.length ? {
        wordsConfig: p.words?.length ? p.words.map(w => ({
          text: w.text,
          ...filterActions(w),
        })) : undefined,
        managedWordListsConfig: p.managedWordLists?.length ? p.managedWordLists.map(m => ({
          type: m.type.value,
          ...filterActions(m),
        })) : undefined,
      } : undefined,
      sensitiveInformationPolicyConfig: p.piiEntities?.length || p.regexes?.length ? {
        piiEntitiesConfig: p.piiEntities?.length ? p.piiEntities.map(e => ({
          type: e.type.value,
          ...sensitiveInformationActions(e),
        })) : undefined,
        regexesConfig: p.regexes?.length ? p.regexes.map(r => ({
          name: r.name,
          pattern: r.pattern,
          description: r.description,
          ...sensitiveInformationActions(r),
        })) : undefined,
      } : undefined,
      contextualGroundingPolicyConfig: p.contextualGrounding?.length ? {
        filtersConfig: p.contextualGrounding.map(g => ({
          type: g.type.value,
          threshold: g.threshold,
          action: (g.action ?? GuardrailAction.BLOCK).value,
          enabled: g.enabled ?? true,
        })),
      } : undefined,
      automatedReasoningPolicyConfig: props.automatedReasoning ? {
        policies: props.automatedReasoning.policyArns,
        confidenceThreshold: props.automatedReasoning.confidenceThreshold,
      } : undefined,
    });
    this.resource = resource;
    if (props.removalPolicy) this.resource.applyRemovalPolicy(props.removalPolicy);

    this.guardrailArn = this.getResourceArnAttribute(this.resource.attrGuardrailArn, {
      service: 'bedrock', resource: 'guardrail', resourceName: this.physicalName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    this.guardrailId = this.resource.attrGuardrailId;

    resource.excludeFromContent(NOT_CONTENT);
    this.contentHash = resource.contentHash;
    this.version = new bedrock.CfnGuardrailVersion(this, `Version${this.contentHash.slice(0, 8)}`, {
      guardrailIdentifier: this.resource.attrGuardrailId,
      description: `Content sha256:${this.contentHash.slice(0, 16)}`,
    });
    this.version.applyRemovalPolicy((props.retainPreviousVersions ?? true) ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    this.guardrailVersion = this.version.attrVersion;

    this.node.addValidation({
      validate: () => {
        if (resource.contentHash === this.contentHash && !resource.propertiesOverridden) return [];
        return [`the properties of ${this.resource.node.path} changed after the guardrail was constructed (an escape hatch such as ` +
          'addPropertyOverride or a property setter), so its published version would not follow its content: ' +
          'pass the change through GuardrailProps instead'];
      },
    });
  }
}

function guardrailIdOf(guardrailArn: string): string {
  return Arn.split(guardrailArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
}
