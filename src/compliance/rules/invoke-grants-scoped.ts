import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { IDENTITY_POLICY_TYPES, allowsInvoke, conditionValues, identityStatements } from '../private/iam';
import { BedrockRule } from '../private/rule';

/** One ARN segment: text without a colon, or placeholders such as `<AWS::Partition>` (which contain colons). */
const SEGMENT = '(?:<[^>]*>|[^:<])*';
const BEDROCK_ARN = new RegExp(`^arn:${SEGMENT}:bedrock:(${SEGMENT}):(${SEGMENT}):([a-z-]+)/(.*)$`);
const ANY_REGION_BEDROCK = new RegExp(`^arn:${SEGMENT}:bedrock:\\*`);

/** IAM2: invoke grants name models, not `*`, and use a region wildcard only behind the profile fence. */
export const InvokeGrantsScoped: BedrockRule = {
  id: 'IAM2',
  name: 'InvokeGrantsScoped',
  info: 'The IAM resource allows invoking models on `*`, on every model, or in every region without the inference-profile fence.',
  explanation: 'An invoke grant must name the model or profile ARNs it needs. `Resource: "*"`, `NotResource`, `foundation-model/*` and ' +
    '`arn:...:bedrock:*::...` let the principal call any model anywhere, which breaks model approval and data residency. A region wildcard is accepted ' +
    'only when the statement is fenced by `bedrock:InferenceProfileArn`, so the model is reachable only through the profile.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: {
    nist80053r5: ['AC-3', 'AC-6', 'AC-4'],
    hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
    pciDss: ['7.1.2', '7.2.1'],
    securityHub: ['IAM.21'],
    wellArchitectedGenAi: ['GENSEC01'],
  },
  check(node, context) {
    const res = context.render(node);
    if (!res) return NagRuleCompliance.NOT_APPLICABLE;
    const statements = identityStatements(res).filter(allowsInvoke);
    if (statements.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const findings = new Set<string>();
    for (const s of statements) {
      if (s.notResources.length > 0) findings.add('NotResource');
      const fenced = conditionValues(s, 'bedrock:InferenceProfileArn') !== undefined;
      for (const resource of s.resources) {
        if (resource === '*') {
          findings.add('Resource::*');
          continue;
        }
        const arn = BEDROCK_ARN.exec(resource);
        if (!arn) {
          if (ANY_REGION_BEDROCK.test(resource) || resource.startsWith('arn:*')) findings.add(`Resource::${resource}`);
          continue;
        }
        const [, region, , , id] = arn;
        // Any wildcard in the model ID (anthropic.*, a*) grants models nobody approved.
        if (/[*?]/.test(id)) findings.add(`Resource::${resource}`);
        else if ((region.includes('*') || region.includes('?')) && !fenced) findings.add(`Resource::${resource}`);
      }
    }
    return findings.size > 0 ? [...findings] : NagRuleCompliance.COMPLIANT;
  },
};
