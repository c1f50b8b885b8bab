import { DOOR_ACTIONS, MODEL_DOORS } from './bedrock-actions';
import { RenderedResource, RuleContext, StackIndex } from './context';
import { deployVariants } from './deploy-variants';
import { Statement, conditionValues } from './iam';
import { coversAction } from './policy-evaluator';
import { policySetOf } from './policy-questions';
import { asArray, flatten, isIntrinsic, referenceOf } from './values';

export const LOGGING_TYPE = 'Custom::BedrockModelInvocationLogging';
export const DATA_RETENTION_TYPE = 'Custom::BedrockDataRetention';
export const PROVISIONED_THROUGHPUT_TYPE = 'Custom::BedrockProvisionedThroughput';

/**
 * Facts about the whole app that several rules need, computed once per validation pass.
 */

/** The resources of a type the app creates unconditionally: one under a CloudFormation condition may not exist, so it counts for nothing. */
function unconditionalOfType(context: RuleContext, type: string): RenderedResource[] {
  return context.memoize(`unconditional|${type}`, () => context.appStacks().flatMap(s => s.ofType(type)).filter(r => r.condition === undefined));
}

/**
 * Whether the app makes an account-and-region setting (invocation logging, data retention: a resource
 * of the type) where a stack runs: in the same account and region, or in an environment-agnostic stack;
 * for an environment-agnostic stack, anywhere in the app.
 */
export function settingMadeFor(context: RuleContext, type: string, environment: string | undefined): boolean {
  const settings = unconditionalOfType(context, type);
  if (environment === undefined) return settings.length > 0;
  return settings.some(r => r.stack.environment === undefined || r.stack.environment === environment);
}

/**
 * The Allow statements of an identity policy that cover a door of the inference catalogue; none when
 * the stack's account is outside the pack's `governedAccounts`.
 */
export function governedDoorGrants(res: RenderedResource, context: RuleContext): Statement[] {
  const governed = context.settings.governedAccounts;
  if (governed !== undefined && res.stack.account !== undefined && !governed.includes(res.stack.account)) return [];
  return policySetOf(res).variants.flat().filter(s => s.effect === 'Allow' && DOOR_ACTIONS.some(a => coversAction(s, a)));
}

/**
 * The regions other than the stack's own where an identity policy lets a model be called, read from
 * the model doors its Allow statements grant: the region of each Bedrock ARN they name, or, for legs
 * fenced by `bedrock:InferenceProfileArn`, the region of that profile (a cross-region call is made,
 * logged and retained in the profile's region). Wildcard regions are not listed (IAM2 and MD2 judge them).
 */
export function otherCallRegions(statements: Statement[], stackRegion: string | undefined): string[] {
  const regions = new Set<string>();
  const literal = (region: string | undefined) => region !== undefined && region !== '' && !/[*?<]/.test(region);
  for (const s of statements.filter(st => st.effect === 'Allow' && MODEL_DOORS.some(d => d.modelFence === 'model-resource' && coversAction(st, d.action)))) {
    const profiles = (conditionValues(s, 'bedrock:InferenceProfileArn') ?? []).filter(v => !/[*?]/.test(v));
    const arns = profiles.length > 0 ? profiles : s.resources;
    for (const arn of arns) {
      const parts = arn.replace(/<AWS::Partition>/g, 'aws').split(':');
      if (parts[0] === 'arn' && parts[2] === 'bedrock' && literal(parts[3])) regions.add(parts[3]);
    }
  }
  return [...regions].filter(r => r !== stackRegion).sort();
}

/** The logical IDs (`<stack path>|<logical ID>`) of the buckets and log groups invocation logs go to. */
export function loggingDestinations(context: RuleContext): Set<string> {
  return context.memoize('loggingDestinations', () => {
    const out = new Set<string>();
    for (const config of unconditionalOfType(context, LOGGING_TYPE)) {
      const stack = config.stack;
      const lc = config.properties.LoggingConfig ?? {};
      const named: Array<[unknown, string, string]> = [
        [lc.s3Config?.bucketName, 'AWS::S3::Bucket', 'BucketName'],
        [lc.cloudWatchConfig?.largeDataDeliveryS3Config?.bucketName, 'AWS::S3::Bucket', 'BucketName'],
        [lc.cloudWatchConfig?.logGroupName, 'AWS::Logs::LogGroup', 'LogGroupName'],
      ];
      for (const [value, type, nameProperty] of named) {
        if (value === undefined) continue;
        resourcesNamedBy(value, type, nameProperty, stack).forEach(id => out.add(`${stack.stack.node.path}|${id}`));
      }
    }
    return out;
  });
}

/** The logical IDs of the resources of a type in the stack that a value names: by reference, or by their name property. */
function resourcesNamedBy(value: unknown, type: string, nameProperty: string, stack: StackIndex): string[] {
  const ref = referenceOf(value);
  if (ref && stack.byId(ref.logicalId)?.type === type) return [ref.logicalId];
  const name = flatten(value, stack);
  return stack.ofType(type).filter(r => flatten(r.properties[nameProperty], stack) === name).map(r => r.logicalId);
}

/** Whether a bucket or log group receives invocation logs. */
export function isLoggingDestination(context: RuleContext, res: RenderedResource): boolean {
  return loggingDestinations(context).has(`${res.stack.stack.node.path}|${res.logicalId}`);
}

/**
 * Whether an enforced guardrail evaluates all content: `SelectiveContentGuarding` SELECTIVE for messages
 * or system prompts evaluates only what the caller wraps in guard-content tags, so the caller decides.
 * Absent, or COMPREHENSIVE, it evaluates everything; any other value (a parameter) is not known to.
 */
export function guardsEverything(enforced: RenderedResource): boolean {
  const guarding = enforced.properties.SelectiveContentGuarding;
  if (guarding === undefined) return true;
  if (isIntrinsic(guarding)) return false;
  return [guarding.Messages, guarding.System].every(v => v === undefined || v === 'COMPREHENSIVE');
}

/** An account's enforced guardrail: which models it covers. */
export interface EnforcedCoverage {
  /** undefined: every model */
  readonly included?: string[];
  readonly excluded: string[];
}

/**
 * The enforced guardrail configurations of the app for the account and region a call is made in: an
 * enforced guardrail never covers a call made in another region. A configuration of an
 * environment-agnostic stack is taken to cover the calls of its app.
 */
export function enforcedGuardrailsFor(context: RuleContext, environment: string | undefined, region?: string): EnforcedCoverage[] {
  // A configuration counts only as every deployment of it is: one whose Fn::If or parameters change
  // it, or one that guards only the content the caller marks (SELECTIVE), covers nothing.
  const all = context.memoize('enforced', () => context.appStacks().flatMap(s => s.ofType('AWS::Bedrock::EnforcedGuardrailConfiguration'))
    .filter(e => e.condition === undefined && deployVariants(e).length === 1 && guardsEverything(e)));
  return all
    .filter(e => {
      if (environment !== undefined && e.stack.environment !== undefined) return e.stack.environment === environment;
      if (region !== undefined && e.stack.region !== undefined) return e.stack.region === region;
      return true;
    })
    .map(e => {
      const enforcement = e.properties.ModelEnforcement;
      if (!enforcement) return { excluded: [] };
      const included = asArray(enforcement.IncludedModels).map(m => flatten(m, e.stack) ?? '');
      return {
        included: included.includes('ALL') || included.length === 0 ? undefined : included,
        excluded: asArray(enforcement.ExcludedModels).map(m => flatten(m, e.stack) ?? ''),
      };
    });
}
