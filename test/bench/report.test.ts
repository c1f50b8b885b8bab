import { generated, scenario, stack } from './fixtures';
import { idleCost } from '../../bench/cost';
import { runTimeControlsSection } from '../../bench/report';

const alarm = { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/Bedrock', MetricName: 'InvocationThrottles' } };

describe('bench report: what the run-time controls add', () => {
  test('parts of the first generated baseline, and synth time per baseline with and without the controls', () => {
    const withControls = generated(16, [3200], true, 'nag');
    const parts = [
      { part: '(rest of the stack)', resources: 5, idle: idleCost({ Resources: {} }) },
      { part: 'Alarms', resources: 2, idle: idleCost({ Resources: { A: alarm, B: alarm } }) },
    ];
    const first = scenario({ app: 'generated', baselines: 1, validation: false, packs: 'none' }, [300],
      [stack({ template: 'Baseline-100000000000-us-east-1.template.json', resources: 7, parts })]);
    const without = scenario({ app: 'generated', baselines: 16, validation: true, packs: 'nag', runTimeControls: false }, [1600],
      Array.from({ length: 16 }, (_, i) => stack({ template: `Baseline-${i}.template.json`, resources: 30 })));
    const text = runTimeControlsSection({ scenarios: [first, withControls, without] }).join('\n');
    expect(text).toContain([
      '| part | resources | idle USD / month | what |',
      '|---|---|---|---|',
      '| (rest of the stack) | 5 | $0.00 | nothing billed at idle |',
      '| Alarms | 2 | $0.20 | CloudWatch alarm metrics: $0.20 |',
    ].join('\n'));
    expect(text).toContain('| validation on, cdk-nag packs | 16 | 200 | 100 | 100 | 34 vs 30 |');
  });

  test('the example\'s baseline with the most parts gets a table of its own', () => {
    const part = (name: string) => ({ part: name, resources: 1, idle: idleCost({ Resources: {} }) });
    const example = scenario({ app: 'example', validation: true, packs: 'nag' }, [900], [
      stack({ template: 'Baseline-prod.template.json', resources: 2, parts: [part('Alarms'), part('Endpoints')] }),
      stack({ template: 'Baseline-dev.template.json', resources: 3, parts: [part('Alarms'), part('Endpoints'), part('SpendStop')] }),
    ]);
    const text = runTimeControlsSection({ scenarios: [example] }).join('\n');
    expect(text).toContain('The example\'s baseline with the most parts (`Baseline-dev.template.json`, 3 resources):');
    expect(text).toContain('| SpendStop | 1 | $0.00 | nothing billed at idle |');
    expect(text).not.toContain('Baseline-prod.template.json');
  });

  test('without a measurement of the organization without controls there is no comparison table', () => {
    const text = runTimeControlsSection({ scenarios: [generated(16, [3200], true, 'nag')] }).join('\n');
    expect(text).not.toContain('without (ms per baseline)');
  });
});
