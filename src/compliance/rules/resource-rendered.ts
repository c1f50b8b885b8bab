import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { BedrockRule, EVERY_RESOURCE_TYPE } from '../private/rule';

/** PK1: the pack fails closed. A resource it cannot render is a finding, never a pass. */
export const ResourceRendered: BedrockRule = {
  id: 'PK1',
  name: 'ResourceRendered',
  info: 'The pack cannot render the resource as CloudFormation will see it, so no other rule of the pack could check it.',
  explanation: 'Every rule reads a resource as its template will hold it. When rendering throws (a token that fails to resolve, an ' +
    'escape hatch that sets a value CloudFormation cannot hold), the other rules cannot say anything about the resource, so this rule ' +
    'reports it instead of letting it pass unchecked, as cdk-nag does for a rule that throws. The finding carries the reason: ' +
    '`Bedrock-PK1[Render::<message>]`. Fix the resource; acknowledge only with the reason it cannot be read.',
  defaultLevel: NagMessageLevel.ERROR,
  resourceTypes: [EVERY_RESOURCE_TYPE],
  controls: {
    nist80053r5: ['CA-7', 'SI-4'],
    hipaa: ['164.308(a)(8)'],
    pciDss: ['11.5'],
    securityHub: [],
    wellArchitectedGenAi: ['GENSEC01'],
  },
  check(node, context) {
    const reason = context.renderFailure(node);
    if (reason === undefined) return NagRuleCompliance.COMPLIANT;
    // A finding ID holds no brackets and stays one readable line: the first line of the message, without
    // the "Resolution error: " aws-cdk-lib repeats per level of nesting, nor the creation stack after it.
    const text = (reason.split('\n')[0] ?? '').replace(/^(Resolution error: )+/, '').replace(/\.+$/, '')
      .replace(/\s+/g, ' ').replace(/\[/g, '(').replace(/\]/g, ')').trim();
    return [`Render::${text.length > 200 ? `${text.slice(0, 197)}...` : text}`];
  },
};
