import { Token } from 'aws-cdk-lib';
import { ValueSetClass, valueSetProblems } from '../../core/validation';
import { ContentFilterType } from '../content-filter-type';
import { ContextualGroundingType } from '../contextual-grounding-type';
import { GuardrailAction } from '../guardrail-action';
import { GuardrailModality } from '../guardrail-modality';
import {
  AutomatedReasoningPolicyReference, ContentFilter, ContextualGroundingFilter, DeniedTopic, FilterStrength,
  GuardrailPolicies, ManagedWordListFilter, PiiEntityFilter, RegexFilter, WordFilter,
} from '../guardrail-policies';
import { GuardrailPreset } from '../guardrail-preset';
import { SensitiveInformationAction } from '../sensitive-information-action';

/**
 * The documented limits of a guardrail and their checks. Internal: not exported from the package.
 *
 * Unless noted, limits are those of the Bedrock `CreateGuardrail` API in the botocore service model
 * `bedrock/2023-04-20` (botocore 1.43.11), the same as the API reference pages
 * `API_CreateGuardrail`, `API_GuardrailTopicConfig`, `API_GuardrailRegexConfig`, ...
 */
export const LIMITS = {
  /** GuardrailName: min 1, max 50, pattern [0-9a-zA-Z-_]+ */
  name: { min: 1, max: 50, pattern: /^[0-9a-zA-Z_-]+$/ },
  /** GuardrailDescription: 1..200 */
  description: { min: 1, max: 200 },
  /** GuardrailBlockedMessaging: 1..500 */
  blockedMessaging: { min: 1, max: 500 },
  /** GuardrailTopicsConfig: 1..30 */
  topics: 30,
  /** GuardrailTopicName: 1..100, pattern [0-9a-zA-Z-_ !?.]+ */
  topicName: { min: 1, max: 100, pattern: /^[0-9a-zA-Z_ !?.-]+$/ },
  /** GuardrailTopicDefinition: 1..200 */
  topicDefinition: { min: 1, max: 200 },
  /** GuardrailTopicExamples: 0..5 items, GuardrailTopicExample: 1..100 */
  topicExamples: 5,
  topicExample: { min: 1, max: 100 },
  /** GuardrailWordsConfig: 1..10000 items; GuardrailWordConfigTextString: 1..100 */
  words: 10000,
  word: { min: 1, max: 100 },
  /** GuardrailRegexesConfig: 1..10; name 1..100; pattern 1..500; description 1..1000 */
  regexes: 10,
  regexName: { min: 1, max: 100 },
  regexPattern: { min: 1, max: 500 },
  regexDescription: { min: 1, max: 1000 },
  /** GuardrailModalities: 1..2 items */
  modalities: { min: 1, max: 2 },
  /** Contextual grounding threshold: user guide "Use contextual grounding check": 0 to 0.99 */
  groundingThreshold: { min: 0, max: 0.99 },
  /** GuardrailAutomatedReasoningPolicyConfigPoliciesList: 1..2; AutomatedReasoningConfidenceFilterThreshold 0..1 */
  automatedReasoningPolicies: { min: 1, max: 2 },
  automatedReasoningConfidence: { min: 0, max: 1 },
  /** AutomatedReasoningPolicyArn pattern */
  automatedReasoningPolicyArn: /^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:automated-reasoning-policy\/[a-z0-9]{12}(:([1-9][0-9]{0,11}))?$/,
  /** PII entity type names are upper-case identifiers (GuardrailPiiEntityType) */
  piiEntityType: /^[A-Z][A-Z0-9_]*$/,
};

/**
 * Where image content filters are offered, by region (user guide "Block harmful images with content
 * filters"): generally available for all six categories in four regions, in preview for four
 * categories in eight more.
 */
const ALL_CATEGORIES = ContentFilterType.all().map(c => c.value);
const PREVIEW_CATEGORIES = [ContentFilterType.HATE, ContentFilterType.INSULTS, ContentFilterType.SEXUAL, ContentFilterType.VIOLENCE]
  .map(c => c.value);
export const IMAGE_FILTER_REGIONS: Record<string, string[]> = {
  'us-east-1': ALL_CATEGORIES,
  'us-west-2': ALL_CATEGORIES,
  'eu-central-1': ALL_CATEGORIES,
  'ap-northeast-1': ALL_CATEGORIES,
  'us-east-2': PREVIEW_CATEGORIES,
  'ap-south-1': PREVIEW_CATEGORIES,
  'ap-northeast-2': PREVIEW_CATEGORIES,
  'ap-southeast-1': PREVIEW_CATEGORIES,
  'ap-southeast-2': PREVIEW_CATEGORIES,
  'eu-west-1': PREVIEW_CATEGORIES,
  'eu-west-2': PREVIEW_CATEGORIES,
  'us-gov-west-1': PREVIEW_CATEGORIES,
};

/** Problems of a string length; nothing for an unresolved token. */
export function lengthProblem(problems: string[], prop: string, value: string | undefined, limit: { min: number; max: number }): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.length < limit.min || value.length > limit.max) {
    problems.push(`${prop} has ${value.length} characters (${JSON.stringify(truncate(value))}); allowed: ${limit.min} to ${limit.max}`);
  }
}

function checkPattern(problems: string[], prop: string, value: string | undefined, pattern: RegExp, allowed: string): void {
  if (value === undefined || Token.isUnresolved(value) || value.length === 0) return;
  if (!pattern.test(value)) problems.push(`${prop} ${JSON.stringify(truncate(value))} has characters that are not allowed; allowed: ${allowed}`);
}

function checkCount(problems: string[], prop: string, items: unknown[] | undefined, max: number, what: string): void {
  if (items && items.length > max) problems.push(`${prop} has ${items.length} ${what}; allowed: at most ${max}`);
}

function checkRange(problems: string[], prop: string, value: number | undefined, limit: { min: number; max: number }): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!(value >= limit.min && value <= limit.max)) problems.push(`${prop} is ${value}; allowed: ${limit.min} to ${limit.max}`);
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

/** One policy list as it came from a preset or from the props, with the label messages use. */
interface Source { readonly label: string; readonly policies: GuardrailPolicies }

export function sourcesOf(presets: GuardrailPreset[], own: GuardrailPolicies): Source[] {
  return [
    ...presets.map((p, i) => ({ label: `presets[${i}] (${p.name}).`, policies: p.policies })),
    { label: '', policies: own },
  ];
}

/** Keys that identify an entry: a later entry with the same key replaces an earlier one. */
export const KEYS = {
  contentFilters: (f: ContentFilter) => f.type.value,
  deniedTopics: (t: DeniedTopic) => t.name,
  words: (w: WordFilter) => w.text,
  managedWordLists: (m: ManagedWordListFilter) => m.type.value,
  piiEntities: (p: PiiEntityFilter) => p.type.value,
  regexes: (r: RegexFilter) => r.name,
  contextualGrounding: (g: ContextualGroundingFilter) => g.type.value,
};

type ListName = keyof typeof KEYS;

/** The presets' and the props' policies merged: later entries replace earlier ones with the same key. */
export function mergePolicies(sources: Source[]): GuardrailPolicies {
  const merge = <T>(name: ListName): T[] | undefined => {
    const byKey = new Map<string, T>();
    let any = false;
    for (const s of sources) {
      const list = s.policies[name] as unknown as T[] | undefined;
      if (!list) continue;
      any = true;
      for (const item of list) byKey.set((KEYS[name] as (t: T) => string)(item), item);
    }
    return any ? [...byKey.values()] : undefined;
  };
  return {
    contentFilters: merge('contentFilters'),
    deniedTopics: merge('deniedTopics'),
    words: merge('words'),
    managedWordLists: merge('managedWordLists'),
    piiEntities: merge('piiEntities'),
    regexes: merge('regexes'),
    contextualGrounding: merge('contextualGrounding'),
  };
}

/** Entries of one source that repeat a key: within one list, a repeated key is a mistake. */
function duplicates(problems: string[], label: string, policies: GuardrailPolicies): void {
  for (const name of Object.keys(KEYS) as ListName[]) {
    const list = policies[name] as unknown[] | undefined;
    if (!list) continue;
    const seen = new Set<string>();
    for (const item of list) {
      const key = (KEYS[name] as (t: unknown) => string)(item);
      if (Token.isUnresolved(key)) continue;
      if (seen.has(key)) problems.push(`${label}${name} has more than one entry for ${JSON.stringify(key)}; give each at most once`);
      seen.add(key);
    }
  }
}

/** Every problem of the entries of one source (a preset or the props). */
export function entryProblems(source: Source, region: string | undefined): string[] {
  const problems: string[] = [];
  const { label, policies } = source;
  duplicates(problems, label, policies);
  (policies.contentFilters ?? []).forEach((f, i) => {
    const at = `${label}contentFilters[${i}]`;
    if (f.type.value === ContentFilterType.PROMPT_ATTACK.value && f.outputStrength !== FilterStrength.NONE) {
      problems.push(`${at}.outputStrength is ${f.outputStrength} for PROMPT_ATTACK; allowed: NONE (prompt attacks are evaluated on input only)`);
    }
    for (const [dir, modalities] of [['inputModalities', f.inputModalities], ['outputModalities', f.outputModalities]] as const) {
      if (modalities === undefined) continue;
      if (modalities.length < LIMITS.modalities.min || modalities.length > LIMITS.modalities.max || new Set(modalities).size !== modalities.length) {
        problems.push(`${at}.${dir} is [${modalities.join(', ')}]; allowed: TEXT, IMAGE or both, each once`);
      }
      if (modalities.includes(GuardrailModality.IMAGE) && region !== undefined) {
        const offered = IMAGE_FILTER_REGIONS[region];
        if (!offered) {
          problems.push(`${at}.${dir} includes IMAGE, but image content filters are not offered in ${region}; ` +
            `they are offered in: ${Object.keys(IMAGE_FILTER_REGIONS).sort().join(', ')}`);
        } else if (!offered.includes(f.type.value)) {
          problems.push(`${at}.${dir} includes IMAGE for ${f.type}, but in ${region} image filters support only: ${offered.join(', ')}`);
        }
      }
    }
  });
  (policies.deniedTopics ?? []).forEach((t, i) => {
    const at = `${label}deniedTopics[${i}]`;
    lengthProblem(problems, `${at}.name`, t.name, LIMITS.topicName);
    checkPattern(problems, `${at}.name`, t.name, LIMITS.topicName.pattern, 'letters, digits, space and - _ ! ? .');
    lengthProblem(problems, `${at}.definition`, t.definition, LIMITS.topicDefinition);
    checkCount(problems, `${at}.examples`, t.examples, LIMITS.topicExamples, 'examples');
    (t.examples ?? []).forEach((e, j) => lengthProblem(problems, `${at}.examples[${j}]`, e, LIMITS.topicExample));
  });
  (policies.words ?? []).forEach((w, i) => lengthProblem(problems, `${label}words[${i}].text`, w.text, LIMITS.word));
  (policies.piiEntities ?? []).forEach((p, i) => {
    checkPattern(problems, `${label}piiEntities[${i}].type`, p.type.value, LIMITS.piiEntityType, 'upper-case letters, digits and _ (PiiEntityType.X or PiiEntityType.of(name))');
  });
  (policies.regexes ?? []).forEach((r, i) => {
    const at = `${label}regexes[${i}]`;
    lengthProblem(problems, `${at}.name`, r.name, LIMITS.regexName);
    lengthProblem(problems, `${at}.pattern`, r.pattern, LIMITS.regexPattern);
    lengthProblem(problems, `${at}.description`, r.description, LIMITS.regexDescription);
  });
  (policies.contextualGrounding ?? []).forEach((g, i) => {
    checkRange(problems, `${label}contextualGrounding[${i}].threshold`, g.threshold, LIMITS.groundingThreshold);
  });
  problems.push(...valueSetFieldProblems(label, policies));
  return problems;
}

/** Every action, modality and check given as something other than its value set's member (a JavaScript caller's string). */
function valueSetFieldProblems(label: string, policies: GuardrailPolicies): string[] {
  const problems: string[] = [];
  const check = (at: string, entry: object, fields: Array<[string, ValueSetClass, boolean?]>) => {
    for (const [field, set, required] of fields) {
      const value = (entry as Record<string, unknown>)[field];
      if (Array.isArray(value)) value.forEach((v, j) => problems.push(...valueSetProblems(`${at}.${field}[${j}]`, v, set, true)));
      else problems.push(...valueSetProblems(`${at}.${field}`, value, set, required));
    }
  };
  const filterFields: Array<[string, ValueSetClass]> = [['inputAction', GuardrailAction], ['outputAction', GuardrailAction]];
  const sensitiveFields: Array<[string, ValueSetClass, boolean?]> = [['action', SensitiveInformationAction, true],
    ['inputAction', SensitiveInformationAction], ['outputAction', SensitiveInformationAction]];
  (policies.contentFilters ?? []).forEach((f, i) => check(`${label}contentFilters[${i}]`, f,
    [...filterFields, ['inputModalities', GuardrailModality], ['outputModalities', GuardrailModality]]));
  (policies.deniedTopics ?? []).forEach((t, i) => check(`${label}deniedTopics[${i}]`, t, filterFields));
  (policies.words ?? []).forEach((w, i) => check(`${label}words[${i}]`, w, filterFields));
  (policies.managedWordLists ?? []).forEach((m, i) => check(`${label}managedWordLists[${i}]`, m, filterFields));
  (policies.piiEntities ?? []).forEach((p, i) => check(`${label}piiEntities[${i}]`, p, sensitiveFields));
  (policies.regexes ?? []).forEach((r, i) => check(`${label}regexes[${i}]`, r, sensitiveFields));
  (policies.contextualGrounding ?? []).forEach((g, i) => check(`${label}contextualGrounding[${i}]`, g,
    [['type', ContextualGroundingType, true], ['action', GuardrailAction]]));
  return problems;
}

/** Problems of the merged lists' sizes. */
export function countProblems(merged: GuardrailPolicies): string[] {
  const problems: string[] = [];
  checkCount(problems, 'deniedTopics', merged.deniedTopics, LIMITS.topics, 'topics (presets included)');
  checkCount(problems, 'words', merged.words, LIMITS.words, 'words (presets included)');
  checkCount(problems, 'regexes', merged.regexes, LIMITS.regexes, 'regexes (presets included)');
  return problems;
}

export function automatedReasoningProblems(ar: AutomatedReasoningPolicyReference | undefined): string[] {
  if (!ar) return [];
  const problems: string[] = [];
  const n = ar.policyArns.length;
  if (n < LIMITS.automatedReasoningPolicies.min || n > LIMITS.automatedReasoningPolicies.max) {
    problems.push(`automatedReasoning.policyArns has ${n} policies; allowed: 1 to 2`);
  }
  ar.policyArns.forEach((arn, i) => {
    if (Token.isUnresolved(arn) || LIMITS.automatedReasoningPolicyArn.test(arn)) return;
    problems.push(`automatedReasoning.policyArns[${i}] is ${JSON.stringify(arn)}; ` +
      'allowed: an ARN arn:<partition>:bedrock:<region>:<account>:automated-reasoning-policy/<12 characters>[:<version>]');
  });
  checkRange(problems, 'automatedReasoning.confidenceThreshold', ar.confidenceThreshold, LIMITS.automatedReasoningConfidence);
  return problems;
}

export function nameProblems(name: string | undefined): string[] {
  const problems: string[] = [];
  lengthProblem(problems, 'guardrailName', name, LIMITS.name);
  checkPattern(problems, 'guardrailName', name, LIMITS.name.pattern, "letters, digits, '-' and '_'");
  return problems;
}

