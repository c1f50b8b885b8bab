import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { RenderedResource, RuleContext, RuleSettings } from './context';
import { BedrockRule } from './rule';

/**
 * A rule as its file writes it: the metadata of `BedrockRule`, and a judgement of one rendered
 * resource. `defineRule` adds the frame every rule shares, so a rule file holds only what it decides.
 */
export interface RuleDefinition extends Omit<BedrockRule, 'check'> {
  /**
   * Whether the pack's settings ask for the rule at all (MD1 without an approved list does not).
   * Asked before the resource is rendered; false makes every resource NOT_APPLICABLE.
   */
  readonly enabled?: (settings: RuleSettings) => boolean;
  /**
   * Whether a resource of the rule's types is one the rule judges (only Bedrock's interface endpoints,
   * only encryption policies). False makes it NOT_APPLICABLE.
   */
  readonly appliesTo?: (res: RenderedResource, context: RuleContext) => boolean;
  /** Judges one resource as CloudFormation will see it; NOT_APPLICABLE when it turns out not to be the rule's business. */
  judge(res: RenderedResource, context: RuleContext): NagRuleResult;
}

/**
 * A rule of the pack from its definition. The frame: a rule the settings switch off, a resource that
 * cannot be rendered (rule PK1 reports it; no other rule can read it) and a resource the rule does not
 * judge are NOT_APPLICABLE; any other resource is judged.
 */
export function defineRule(definition: RuleDefinition): BedrockRule {
  const { enabled, appliesTo, judge, ...metadata } = definition;
  return {
    ...metadata,
    check(node, context) {
      if (enabled && !enabled(context.settings)) return NagRuleCompliance.NOT_APPLICABLE;
      const res = context.render(node);
      if (!res || (appliesTo && !appliesTo(res, context))) return NagRuleCompliance.NOT_APPLICABLE;
      return judge(res, context);
    },
  };
}
