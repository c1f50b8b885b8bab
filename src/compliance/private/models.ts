import { RenderedResource } from './context';
import { IDENTITY_POLICY_TYPES } from './iam';
import { flatten, hasPlaceholder, isIntrinsic, walk } from './values';

const IDENTITY_POLICY_TYPE_SET = new Set(IDENTITY_POLICY_TYPES);

/** The resource types that name models: Bedrock resources, the provisioned-throughput resource, IAM and endpoint policies. */
export const MODEL_NAMING_TYPES = [
  'AWS::Bedrock::Agent', 'AWS::Bedrock::ApplicationInferenceProfile', 'AWS::Bedrock::DataSource', 'AWS::Bedrock::Flow',
  'AWS::Bedrock::FlowVersion', 'AWS::Bedrock::Guardrail', 'AWS::Bedrock::IntelligentPromptRouter', 'AWS::Bedrock::KnowledgeBase',
  'AWS::Bedrock::Prompt', 'AWS::Bedrock::PromptVersion', 'Custom::BedrockProvisionedThroughput',
  'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy', 'AWS::EC2::VPCEndpoint',
  'AWS::BedrockAgentCore::Harness', 'AWS::BedrockAgentCore::GatewayTarget', 'AWS::BedrockAgentCore::Memory',
  // Policies of Identity Center and SAM (iam.ts IDENTITY_POLICY_TYPES).
  'AWS::SSO::PermissionSet', 'AWS::Serverless::Function', 'AWS::Serverless::StateMachine',
  // Resources that run or judge with a model: an AgentCore evaluator (LLM as a judge), gateway model
  // routing, a Lex bot's generative features, Amazon Q in Connect (Wisdom) prompts and knowledge bases.
  'AWS::BedrockAgentCore::Evaluator', 'AWS::BedrockAgentCore::Gateway', 'AWS::BedrockAgentCore::GatewayRule',
  'AWS::Lex::Bot', 'AWS::Wisdom::AIPrompt', 'AWS::Wisdom::KnowledgeBase',
];

/** Property keys (lower case) whose value is a model ID or ARN. */
const MODEL_KEYS = new Set(['foundationmodel', 'modelid', 'modelarn', 'embeddingmodelarn', 'copyfrom', 'modelidentifier']);

/** One ARN segment: text without a colon, or placeholders such as `<AWS::Partition>` (which contain colons). */
const SEGMENT = '(?:<[^>]*>|[^:<"\\s])*';
const ARN = new RegExp(`arn:${SEGMENT}:bedrock:(${SEGMENT}):(${SEGMENT}):(foundation-model|inference-profile|guardrail-profile)\\/([^"\\s,\\]}]+)`, 'g');
const BARE_MODEL = /^[a-z0-9-]+\.[A-Za-z0-9._:*-]+$/;
/**
 * ARNs of models the approved list cannot name by a foundation-model ID: brought in by import,
 * customized, deployed from a customization, reserved, or bought on the Marketplace.
 */
const MODEL_LIKE_ARN = new RegExp(`arn:${SEGMENT}:bedrock:(${SEGMENT}):(${SEGMENT}):(imported-model|custom-model|custom-model-deployment|provisioned-model|` +
  'marketplace\\/model-endpoint|bedrock-marketplace-model-endpoint)\\/([^"\\s,\\]}]+)', 'g');

/** How a model the pack cannot know is named in findings. */
export const UNKNOWN_MODEL = 'Model::unknown';

/** Whether flattened text holds a value chosen at deployment, not a resource of the template. */
export function unknowable(text: string, res: RenderedResource): boolean {
  for (const m of text.matchAll(/<([^>.]+)(?:\.[^>]*)?>/g)) {
    const name = m[1];
    if (name.startsWith('AWS::')) continue;
    if (name.startsWith('Import')) {
      if (!name.startsWith('Import:') || res.stack.exported(name.slice('Import:'.length)) === undefined) return true;
      continue;
    }
    if (name.startsWith('Fn::') || res.stack.byId(name) === undefined) return true;
  }
  return false;
}

/** A model (or guardrail profile) a resource names. */
export interface ModelReference {
  readonly kind: 'foundation-model' | 'inference-profile' | 'guardrail-profile' | 'model-id' | 'model-like';
  /** The region of an ARN: '' for the region-less global leg, undefined for a bare ID */
  readonly region?: string;
  /** The geography prefix of a profile (`eu`, `global`), if any */
  readonly geography?: string;
  /** The model ID without the prefix (for a guardrail profile, `guardrail.v1:0`) */
  readonly modelId: string;
  /** The text as written, for messages */
  readonly text: string;
}

/** Splits `eu.anthropic.claude...` into the geography prefix and the model ID. */
export function splitGeography(id: string, knownPrefixes: string[]): { geography?: string; modelId: string } {
  const dot = id.indexOf('.');
  if (dot > 0) {
    const prefix = id.slice(0, dot);
    if (knownPrefixes.includes(prefix)) return { geography: prefix, modelId: id.slice(dot + 1) };
  }
  return { modelId: id };
}

/** Every model, inference profile and guardrail profile a resource names. */
export function modelReferences(res: RenderedResource, knownPrefixes: string[]): ModelReference[] {
  const refs: ModelReference[] = [];
  const seen = new Set<string>();
  const add = (ref: ModelReference) => {
    const key = `${ref.kind}|${ref.region}|${ref.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      refs.push(ref);
    }
  };
  // A Deny that names a model restricts it rather than uses it: only what a resource uses or allows counts.
  walk(withoutDenyStatements(res.properties), (key, value) => {
    if (typeof value === 'object' && value !== null && !isIntrinsic(value)) return;
    const text = flatten(value, res.stack);
    if (text === undefined) return;
    let matched = false;
    for (const m of text.matchAll(ARN)) {
      matched = true;
      const kind = m[3] as ModelReference['kind'];
      const split = kind === 'foundation-model' ? { modelId: m[4] } : splitGeography(m[4], knownPrefixes);
      add({ kind, region: m[1], geography: split.geography, modelId: split.modelId, text: m[0] });
    }
    // Policies are asked about these by model-reach.ts; elsewhere the resource runs or names that model.
    if (!IDENTITY_POLICY_TYPE_SET.has(res.type)) {
      for (const m of text.matchAll(MODEL_LIKE_ARN)) {
        matched = true;
        if (!hasPlaceholder(m[4])) add({ kind: 'model-like', region: m[1], modelId: `${m[3]}/${m[4]}`, text: m[0] });
      }
    }
    // A model chosen at deployment (a parameter without allowed values, an import no stack of the app
    // exports, an intrinsic the pack does not evaluate) is one nobody approved: it reads `Model::unknown`.
    if (!matched && MODEL_KEYS.has(key.toLowerCase()) && unknowable(text, res)) {
      add({ kind: 'model-id', modelId: UNKNOWN_MODEL, text });
      return;
    }
    if (!matched && MODEL_KEYS.has(key.toLowerCase()) && BARE_MODEL.test(text)) {
      const split = splitGeography(text, knownPrefixes);
      add({ kind: split.geography ? 'inference-profile' : 'model-id', geography: split.geography, modelId: split.modelId, text });
    }
    // A flow definition or prompt given as a JSON string: look inside it.
    if (!matched && /^\s*[{[]/.test(text)) {
      try {
        const inner = JSON.parse(text);
        modelReferences({ ...res, properties: inner }, knownPrefixes).forEach(add);
      } catch {
        // not JSON
      }
    }
  });
  return refs;
}

/** A copy of the properties without IAM statements whose Effect is Deny. */
function withoutDenyStatements(value: any): any {
  if (Array.isArray(value)) {
    return value.filter(v => !(v && typeof v === 'object' && !Array.isArray(v) && v.Effect === 'Deny')).map(withoutDenyStatements);
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withoutDenyStatements(v);
  return out;
}
