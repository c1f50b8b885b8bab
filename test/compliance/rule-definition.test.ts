import { App, Lazy, Stack, aws_bedrock as bedrock } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { ACCOUNT, REGION } from './helpers';
import { RenderedResource, RuleContext, RuleSettings } from '../../src/compliance/private/context';
import { RuleDefinition, defineRule } from '../../src/compliance/private/rule-definition';

const SETTINGS: RuleSettings = {
  dataResidency: true,
  minimumLogRetentionDays: 365,
  requireGuardrailOnInvoke: true,
  requiredPiiEntities: [],
  minimumHarmfulContentStrength: 'MEDIUM',
  maximumAgentIdleSessionSeconds: 900,
  trustedGuardrailAccounts: [],
  knownGeographyPrefixes: ['eu', 'us', 'global'],
};

const METADATA = {
  id: 'XX1',
  name: 'Example',
  info: 'The guardrail is an example.',
  explanation: 'For the test of the rule frame.',
  defaultLevel: NagMessageLevel.WARN,
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: { nist80053r5: ['SC-28'], hipaa: [], pciDss: ['3.4'], securityHub: [], wellArchitectedGenAi: ['GENSEC02'] },
};

/** A guardrail whose blocked-input message counts how often it is resolved, and throws when `fails` is set. */
function guardrail(stack: Stack, id: string, resolved: { count: number }, fails = false): bedrock.CfnGuardrail {
  return new bedrock.CfnGuardrail(stack, id, {
    name: id,
    blockedInputMessaging: Lazy.string({
      produce: () => {
        resolved.count++;
        if (fails) throw new Error('not ready');
        return 'blocked';
      },
    }),
    blockedOutputsMessaging: 'blocked',
  });
}

function setup(settings: RuleSettings = SETTINGS) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
  return { stack, context: new RuleContext(settings, app) };
}

describe('defineRule', () => {
  test('the rule carries the metadata as written, and nothing of the definition\'s frame', () => {
    const rule = defineRule({ ...METADATA, enabled: () => true, appliesTo: () => true, judge: () => NagRuleCompliance.COMPLIANT });
    expect(Object.keys(rule).sort()).toEqual(['check', 'controls', 'defaultLevel', 'explanation', 'id', 'info', 'name', 'resourceTypes']);
    const { check: _check, ...metadata } = rule;
    expect(metadata).toEqual(METADATA);
  });

  test('a renderable resource is judged as CloudFormation will see it, and the judgement is the result', () => {
    const { stack, context } = setup();
    const seen: RenderedResource[] = [];
    const rule = defineRule({ ...METADATA, judge: res => { seen.push(res); return ['Finding']; } });
    const node = guardrail(stack, 'Guardrail', { count: 0 });
    expect(rule.check(node, context)).toEqual(['Finding']);
    expect(seen.map(r => [r.logicalId, r.type, r.properties.BlockedInputMessaging])).toEqual([['Guardrail', 'AWS::Bedrock::Guardrail', 'blocked']]);
  });

  test('a resource that cannot be rendered is not applicable (PK1 reports it) and is not judged', () => {
    const { stack, context } = setup();
    let judged = 0;
    const rule = defineRule({ ...METADATA, judge: () => { judged++; return NagRuleCompliance.NON_COMPLIANT; } });
    const node = guardrail(stack, 'Guardrail', { count: 0 }, true);
    expect(rule.check(node, context)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(judged).toBe(0);
    expect(context.renderFailure(node)?.split('\n')[0]).toBe('Resolution error: Resolution error: Resolution error: not ready...');
  });

  test('a rule the settings switch off is not applicable without rendering the resource; switched on, it judges', () => {
    const { stack, context } = setup();
    const resolved = { count: 0 };
    const node = guardrail(stack, 'Guardrail', resolved);
    const definition: RuleDefinition = {
      ...METADATA,
      enabled: settings => settings.requiredPiiEntities.length > 0,
      judge: () => NagRuleCompliance.NON_COMPLIANT,
    };
    expect(defineRule(definition).check(node, context)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(resolved.count).toBe(0);
    const on = setup({ ...SETTINGS, requiredPiiEntities: ['EMAIL'] });
    expect(defineRule(definition).check(guardrail(on.stack, 'Guardrail', resolved), on.context)).toBe(NagRuleCompliance.NON_COMPLIANT);
    expect(resolved.count).toBe(1);
  });

  test('a resource the rule does not judge is not applicable; one it judges gets the judgement', () => {
    const { stack, context } = setup();
    const rule = defineRule({
      ...METADATA,
      appliesTo: (res, ctx) => ctx === context && res.logicalId === 'Judged',
      judge: () => NagRuleCompliance.NON_COMPLIANT,
    });
    expect(rule.check(guardrail(stack, 'Skipped', { count: 0 }), context)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    expect(rule.check(guardrail(stack, 'Judged', { count: 0 }), context)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
