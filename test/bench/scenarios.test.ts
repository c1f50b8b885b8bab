import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildScenario, classifyStacks, generatedBaselines, scenarioContext } from '../../bench/scenarios';
import { analyzeTemplate, templateFiles } from '../../bench/templates';
import { ScenarioSpec } from '../../bench/types';

function synth(spec: ScenarioSpec) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scenario-'));
  const app = buildScenario(spec, outdir);
  app.synth();
  const classes = classifyStacks(app);
  const stacks = templateFiles(outdir).map(file =>
    analyzeTemplate(file, fs.readFileSync(path.join(outdir, file), 'utf8'), classes.get(path.basename(file)) ?? { kind: 'other' }));
  fs.rmSync(outdir, { recursive: true, force: true });
  return stacks;
}

describe('bench scenarios', () => {
  test('generated baselines: distinct placeholder accounts, regions alternating, zones in the context', () => {
    expect(generatedBaselines(3).map(b => `${b.account}/${b.region}`)).toEqual([
      '100000000000/us-east-1', '100000000001/eu-central-1', '100000000002/us-east-1',
    ]);
    expect(Object.keys(scenarioContext({ app: 'generated', baselines: 2, validation: false, packs: 'none' }))).toEqual([
      '@aws-cdk/core:validateAgainstDefaultRules',
      '@aws-cdk/core:failSynthOnValidationErrors',
      'availability-zones:account=100000000000:region=us-east-1',
      'availability-zones:account=100000000001:region=eu-central-1',
    ]);
  });

  test('a generated organization of 2 is two account baseline stacks', () => {
    expect(synth({ app: 'generated', baselines: 2, validation: false, packs: 'none' }).map(s => [s.template, s.kind])).toEqual([
      ['Baseline-100000000000-us-east-1.template.json', 'baseline'],
      ['Baseline-100000000001-eu-central-1.template.json', 'baseline'],
    ]);
  });

  test('a baseline is measured by the part of its landing zone that declares each resource; without its run-time controls, ' +
    'exactly the alarms, the dashboard, the detective controls and the notifications topic they published to are gone', () => {
    const parts = (runTimeControls?: boolean) => {
      const [baseline] = synth({ app: 'generated', baselines: 1, validation: false, packs: 'none', runTimeControls });
      expect(baseline.parts!.reduce((n, p) => n + p.resources, 0)).toBe(baseline.resources);
      return Object.fromEntries(baseline.parts!.map(p => [p.part, p.resources]));
    };
    const withControls = parts();
    const without = parts(false);
    expect(withControls).toEqual(expect.objectContaining({ 'Alarms': expect.any(Number), 'Dashboard': 1, 'DetectiveControls': expect.any(Number), '(rest of the stack)': 5 }));
    const { Alarms, Dashboard, DetectiveControls, Notifications, ...rest } = withControls;
    const { Notifications: quietNotifications, ...restWithout } = without;
    expect(restWithout).toEqual(rest);
    // No budget in the generated baseline: with the controls gone nothing publishes, so no topic (its key, policy, subscription).
    expect({ Notifications, quietNotifications }).toEqual({ Notifications: 4, quietNotifications: undefined });
  });

  test('one knowledge-base stack per vector store, classified with its store', () => {
    expect(synth({ app: 'stores', validation: false, packs: 'none' }).map(s => [s.template, s.kind, s.store, s.defaultStore])).toEqual([
      ['KnowledgeBase-Managed.template.json', 'knowledge-base', 'MANAGED', false],
      ['KnowledgeBase-OpenSearch.template.json', 'knowledge-base', 'OPENSEARCH_SERVERLESS', false],
      ['KnowledgeBase-OpenSearchStandby.template.json', 'knowledge-base', 'OPENSEARCH_SERVERLESS', false],
      ['KnowledgeBase-S3Vectors.template.json', 'knowledge-base', 'S3_VECTORS', true],
    ]);
  });

  test('the example app: baselines wherever a landing zone is (StackSet templates and the stage too)', () => {
    expect(synth({ app: 'example', validation: false, packs: 'none' }).map(s => [s.template, s.kind, s.defaultStore])).toEqual([
      ['Agent-dev-eu-central-1.template.json', 'other', undefined],
      ['Agent-dev-us-east-1.template.json', 'other', undefined],
      ['Agent-prod-eu-central-1.template.json', 'other', undefined],
      ['Agent-prod-us-east-1.template.json', 'other', undefined],
      ['Baseline-dev-eu-central-1.template.json', 'baseline', undefined],
      ['Baseline-dev-us-east-1.template.json', 'baseline', undefined],
      ['Baseline-prod-eu-central-1.template.json', 'baseline', undefined],
      ['Baseline-prod-us-east-1.template.json', 'baseline', undefined],
      ['KnowledgeBase-dev-eu-central-1.template.json', 'knowledge-base', true],
      ['KnowledgeBase-dev-us-east-1.template.json', 'knowledge-base', true],
      ['KnowledgeBase-prod-eu-central-1.template.json', 'knowledge-base', true],
      ['KnowledgeBase-prod-us-east-1.template.json', 'knowledge-base', true],
      ['Organization.template.json', 'other', undefined],
      ['OrganizationBaselineeucentral1E12D4973.stackset.template.json', 'baseline', undefined],
      ['OrganizationBaselineuseast109867175.stackset.template.json', 'baseline', undefined],
      // The management account's organization-wide guardrail, one stack per StackSet region.
      ['OrganizationGuardrail-eu-central-1.template.json', 'other', undefined],
      ['OrganizationGuardrail-us-east-1.template.json', 'other', undefined],
      // The dev account's spend stops for the agent's and the knowledge base's roles, deployed after them.
      ['SpendStop-dev-eu-central-1.template.json', 'other', undefined],
      ['SpendStop-dev-us-east-1.template.json', 'other', undefined],
      ['assembly-Sandbox/SandboxBaselineF5538404.template.json', 'baseline', undefined],
    ]);
  });
});
