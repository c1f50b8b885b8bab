import * as fs from 'fs';
import * as path from 'path';
import { diagramBlock, withDiagram } from '../../scripts/example-diagram/diagram';
import { DIAGRAM_FILES, currentDiagram } from '../../scripts/example-diagram/write';

const ROOT = path.join(__dirname, '..', '..');

describe('the example organization diagram', () => {
  const diagram = currentDiagram();

  test('shows every account, the StackSets rollout and what each workload takes from its baseline', () => {
    for (const account of ['management (999999999999)', 'dev (111111111111)', 'prod (222222222222)', 'sandbox (333333333333)', 'every account of the workloads OU']) {
      expect(diagram).toContain(`["${account}"]`);
    }
    expect(diagram).toContain('Organization -->|rolls out| OrganizationBaselineeucentral1E12D4973');
    expect(diagram).toContain('KnowledgeBase_prod_eu_central_1 -->|uses| Baseline_prod_eu_central_1');
    expect(diagram).toContain('Baseline_dev_eu_central_1["<b>Baseline-dev-eu-central-1</b><br/>eu-central-1<br/>BedrockLandingZone');
  });

  test.each(DIAGRAM_FILES)('%s shows the diagram the app draws today', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf-8');
    expect(text).toContain(diagramBlock(diagram));
    expect(withDiagram(text, diagram)).toBe(text);
  });
});
