import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockLandingZoneErrorCode as Code } from '../../src/errors';
import { Guardrail } from '../../src/guardrails';
import { CrossRegionInferenceProfile, FoundationModel, Geography } from '../../src/models';
import { GovernanceDashboard, GovernanceDashboardProps, PinnedTokenPrices } from '../../src/monitoring';
import { VERIFIED_METRICS } from '../../src/monitoring/private/verified-metrics';
import { HAIKU_45, SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';
import { checkCompliance } from '../support/nag';

const GUARDRAIL_ARN = 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc123';

function synth(props: (stack: Stack) => GovernanceDashboardProps) {
  const stack = new Stack(new App(), 'Ops', { env: { account: '111111111111', region: 'eu-central-1' } });
  const dashboard = new GovernanceDashboard(stack, 'Dashboard', props(stack));
  const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'));
  const body = resource.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((p: any) => typeof p === 'string' ? p : 'TOKEN').join('');
  return { stack, dashboard, widgets: JSON.parse(text).widgets as any[] };
}

/** Each metric of each widget: [namespace, name, dimension names sorted, stat]; expressions as ['expression', text] */
function widgetMetrics(widgets: any[]): string[][] {
  const out: string[][] = [];
  for (const w of widgets) {
    for (const m of w.properties.metrics ?? []) {
      const options = typeof m[m.length - 1] === 'object' ? m[m.length - 1] : {};
      if (options.expression) { out.push(['expression', options.expression]); continue; }
      const parts = m.filter((x: any) => typeof x === 'string');
      const dims: string[] = [];
      for (let i = 2; i < parts.length; i += 2) dims.push(parts[i]);
      out.push([parts[0], parts[1], dims.sort().join(','), options.stat]);
    }
  }
  return out;
}

describe('GovernanceDashboard', () => {
  const { stack, dashboard, widgets } = synth(s => ({
    models: [
      { model: CrossRegionInferenceProfile.of(Geography.EU, SONNET_45), tokensPerMinuteQuota: 1_000_000 },
      { model: FoundationModel.of(TITAN_EMBED_V2) },
      { model: FoundationModel.of('mistral.mistral-large-2407-v1:0') },
    ],
    guardrails: [Guardrail.fromGuardrailAttributes(s, 'Guardrail', { guardrailArn: GUARDRAIL_ARN, guardrailVersion: '3' })],
  }));

  test('every metric drawn is a verified metric', () => {
    const known = Object.values(VERIFIED_METRICS).map(k => [k.namespace, k.metricName, k.dimensions.join(','), k.statistic].join('|'));
    const drawn = widgetMetrics(widgets).filter(m => m[0] !== 'expression').map(m => m.join('|'));
    expect(drawn.length).toBe(5 + 3 * (4 + 3 + 1) + 2 * 2 + 2);
    expect(drawn.filter(d => !known.includes(d))).toEqual([]);
  });

  test('the spend is labelled an estimate with the date and source of its prices, and names the models without a price', () => {
    const texts = widgets.filter(w => w.type === 'text').map(w => w.properties.markdown);
    expect(texts[1]).toBe('## Spend: an ESTIMATE, not a bill\nInput and output tokens times the library\'s pinned list prices ' +
      `(${PinnedTokenPrices.SOURCE}), read on 2026-12-06. Not included: discounts, prompt caching, batch, the regional endpoint premium, ` +
      'provisioned throughput. For what you pay, see AWS Cost Explorer. No price, no estimate: mistral.mistral-large-2407-v1:0.');
    expect(dashboard.unpricedModels).toEqual(['mistral.mistral-large-2407-v1:0']);
  });

  test('the estimate is tokens times the pinned price per million, per day, for each priced model (a profile priced as its model)', () => {
    const spend = widgets.find(w => w.properties.title === 'Estimated spend per day, USD (list prices of 2026-12-06)');
    expect(widgetMetrics([spend]).filter(m => m[0] === 'expression')).toEqual([
      ['expression', '(in0 * 3 + out0 * 15) / 1000000'],
      ['expression', '(in1 * 0.02 + out1 * 0) / 1000000'],
    ]);
    expect(spend.properties.period).toBeUndefined();
  });

  test('the declared quota is drawn on the quota usage graph', () => {
    const quota = widgets.find(w => w.properties.title === `eu.${SONNET_45}: estimated TPM quota usage`);
    expect(quota.properties.annotations).toEqual({ horizontal: [{ value: 1_000_000, label: 'Declared TPM quota', yAxis: 'left' }] });
  });

  test('prices of your own need their date; bad dates and negative prices are errors', () => {
    const models = [{ model: FoundationModel.of(HAIKU_45) }];
    const negativePrice = [{ modelId: HAIKU_45, inputPerMillionTokens: -1, outputPerMillionTokens: 5 }];
    expect(() => synth(() => ({ models, prices: negativePrice }))).toThrow(expect.objectContaining({
      code: Code.MONITORING_PROPS,
      message: 'GovernanceDashboard:\n' +
        '  - prices is given without pricesDate: an estimate must say when its prices were read; give the date, e.g. 2026-12-06\n' +
        `  - prices[0] (${HAIKU_45}) has a negative price; expected US dollars per million tokens, 0 or more`,
    }));
    expect(() => synth(() => ({ models, prices: [], pricesDate: 'December' })))
      .toThrow("GovernanceDashboard: pricesDate is 'December'; expected a date such as 2026-12-06");
    const own = synth(() => ({ models, prices: [{ modelId: HAIKU_45, inputPerMillionTokens: 0.8, outputPerMillionTokens: 4 }], pricesDate: '2027-01-02' }));
    expect(own.widgets.some(w => w.properties.title === 'Estimated spend per day, USD (list prices of 2027-01-02)')).toBe(true);
  });

  // Read on 2026-12-06: Sonnet 4.5 and Haiku 4.5 global prices from https://clauder-navi.com/en/bedrock-claude-cost/,
  // Titan Text Embeddings V2 from https://inventivehq.com/blog/aws-bedrock-pricing-guide (both quoting aws.amazon.com/bedrock/pricing).
  test('the pinned prices, their date and their source', () => {
    expect(PinnedTokenPrices.PRICES).toEqual([
      { modelId: SONNET_45, inputPerMillionTokens: 3, outputPerMillionTokens: 15 },
      { modelId: HAIKU_45, inputPerMillionTokens: 1, outputPerMillionTokens: 5 },
      { modelId: TITAN_EMBED_V2, inputPerMillionTokens: 0.02, outputPerMillionTokens: 0 },
    ]);
    expect(PinnedTokenPrices.DATE).toBe('2026-12-06');
    expect(PinnedTokenPrices.SOURCE.startsWith('https://aws.amazon.com/bedrock/pricing/')).toBe(true);
  });

  test('cdk-nag: no violations, no acknowledgements', () => {
    const result = checkCompliance(stack);
    expect(result.violations).toEqual([]);
    expect(result.acknowledgements).toEqual([]);
  });
});
