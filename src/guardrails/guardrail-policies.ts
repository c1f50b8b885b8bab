/**
 * The policy vocabulary of Amazon Bedrock Guardrails, typed: content filters, denied topics, word
 * filters, sensitive information (PII and regex) filters and contextual grounding checks.
 *
 * Every value-set constant (and `FilterStrength` member) is the exact string of the `AWS::Bedrock::Guardrail` CloudFormation property (and
 * of the Bedrock `CreateGuardrail` API, botocore service model `bedrock/2023-04-20`).
 */
import { ContentFilterType } from './content-filter-type';
import { ContextualGroundingType } from './contextual-grounding-type';
import { GuardrailAction } from './guardrail-action';
import { GuardrailModality } from './guardrail-modality';
import { ManagedWordListType } from './managed-word-list-type';
import { PiiEntityType } from './pii-entity-type';
import { SensitiveInformationAction } from './sensitive-information-action';

/**
 * How strongly a content filter applies: the higher, the more content is filtered.
 */
export enum FilterStrength {
  /** No filtering */
  NONE = 'NONE',
  /** Filters content classified harmful with high confidence */
  LOW = 'LOW',
  /** Filters content classified harmful with medium or high confidence */
  MEDIUM = 'MEDIUM',
  /** Filters content classified harmful with low, medium or high confidence */
  HIGH = 'HIGH',
}

/**
 * Which directions a guardrail policy entry evaluates: every entry type has both switches.
 */
export interface GuardrailFilterDirections {
  /**
   * Whether prompts are evaluated (when false, they are not evaluated and not charged).
   *
   * @default true
   */
  readonly inputEnabled?: boolean;
  /**
   * Whether responses are evaluated (when false, they are not evaluated and not charged).
   *
   * @default true
   */
  readonly outputEnabled?: boolean;
}

/**
 * What a content filter, denied topic, word or managed word list does per direction.
 */
export interface GuardrailFilterActions extends GuardrailFilterDirections {
  /**
   * The action on a prompt that matches.
   *
   * @default GuardrailAction.BLOCK
   */
  readonly inputAction?: GuardrailAction;
  /**
   * The action on a response that matches.
   *
   * @default GuardrailAction.BLOCK
   */
  readonly outputAction?: GuardrailAction;
}

/**
 * What a PII entity or regex filter does per direction.
 */
export interface SensitiveInformationActions extends GuardrailFilterDirections {
  /** The action in both directions, unless `inputAction` or `outputAction` says otherwise */
  readonly action: SensitiveInformationAction;
  /**
   * The action on a prompt that matches.
   *
   * @default - `action`
   */
  readonly inputAction?: SensitiveInformationAction;
  /**
   * The action on a response that matches.
   *
   * @default - `action`
   */
  readonly outputAction?: SensitiveInformationAction;
}

/**
 * A content filter: one harmful-content category with its strength and action per direction.
 */
export interface ContentFilter extends GuardrailFilterActions {
  /** The category */
  readonly type: ContentFilterType;
  /** How strongly prompts are filtered */
  readonly inputStrength: FilterStrength;
  /** How strongly model responses are filtered (must be NONE for PROMPT_ATTACK) */
  readonly outputStrength: FilterStrength;
  /**
   * The modalities of prompts the filter evaluates.
   *
   * @default [GuardrailModality.TEXT]
   */
  readonly inputModalities?: GuardrailModality[];
  /**
   * The modalities of responses the filter evaluates.
   *
   * @default [GuardrailModality.TEXT]
   */
  readonly outputModalities?: GuardrailModality[];
}

/**
 * A topic the guardrail denies.
 */
export interface DeniedTopic extends GuardrailFilterActions {
  /** The topic's name (1 to 100 characters of letters, digits, space and `-_!?.`) */
  readonly name: string;
  /** What the topic is, in natural language (1 to 200 characters) */
  readonly definition: string;
  /**
   * Up to 5 example prompts of the topic (each 1 to 100 characters).
   *
   * @default - no examples
   */
  readonly examples?: string[];
}

/**
 * A custom word or phrase the guardrail matches exactly.
 */
export interface WordFilter extends GuardrailFilterActions {
  /** The word or phrase (1 to 100 characters) */
  readonly text: string;
}

/**
 * A managed word list the guardrail applies.
 */
export interface ManagedWordListFilter extends GuardrailFilterActions {
  /** The managed list */
  readonly type: ManagedWordListType;
}

/**
 * A PII entity type the guardrail detects, with what it does per direction.
 */
export interface PiiEntityFilter extends SensitiveInformationActions {
  /** The entity type */
  readonly type: PiiEntityType;
}

/**
 * A custom sensitive-information pattern (booking IDs, medical record numbers, ...).
 */
export interface RegexFilter extends SensitiveInformationActions {
  /** The pattern's name (1 to 100 characters) */
  readonly name: string;
  /** The regular expression (1 to 500 characters) */
  readonly pattern: string;
  /**
   * What the pattern matches (1 to 1000 characters).
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * A contextual grounding check of model responses.
 */
export interface ContextualGroundingFilter {
  /** The check */
  readonly type: ContextualGroundingType;
  /** Responses scoring below this confidence (0 to 0.99) fail the check */
  readonly threshold: number;
  /**
   * The action on a response that fails the check.
   *
   * @default GuardrailAction.BLOCK
   */
  readonly action?: GuardrailAction;
  /**
   * Whether the check runs.
   *
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * Automated Reasoning policies a guardrail applies.
 */
export interface AutomatedReasoningPolicyReference {
  /** The ARNs of 1 or 2 Automated Reasoning policies (optionally with a `:version`) */
  readonly policyArns: string[];
  /**
   * The minimum confidence (0 to 1) for a finding to trigger the guardrail.
   *
   * @default - Bedrock's default
   */
  readonly confidenceThreshold?: number;
}

/**
 * The filtering policies of a guardrail: what a preset provides and what a guardrail's props add.
 */
export interface GuardrailPolicies {
  /**
   * Content filters, at most one per category.
   *
   * @default - none
   */
  readonly contentFilters?: ContentFilter[];
  /**
   * Denied topics (at most 30).
   *
   * @default - none
   */
  readonly deniedTopics?: DeniedTopic[];
  /**
   * Custom words and phrases (at most 10,000).
   *
   * @default - none
   */
  readonly words?: WordFilter[];
  /**
   * Managed word lists.
   *
   * @default - none
   */
  readonly managedWordLists?: ManagedWordListFilter[];
  /**
   * PII entity types to detect, at most one filter per type.
   *
   * @default - none
   */
  readonly piiEntities?: PiiEntityFilter[];
  /**
   * Custom sensitive-information patterns (at most 10).
   *
   * @default - none
   */
  readonly regexes?: RegexFilter[];
  /**
   * Contextual grounding checks, at most one per type.
   *
   * @default - none
   */
  readonly contextualGrounding?: ContextualGroundingFilter[];
}
