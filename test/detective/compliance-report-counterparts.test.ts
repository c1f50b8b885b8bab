import { renderComplianceReport } from '../../scripts/compliance-report';
import { Summary } from '../../scripts/landing-zone-summary';
import { BedrockGovernanceChecks } from '../../src/compliance';

const EMPTY: Summary = { packs: [], stacks: [], resourcesByType: {}, findings: [], acknowledgements: [], unacknowledgedErrors: 0 };

describe('the compliance report names the detective counterpart of every Bedrock rule', () => {
  const report = renderComplianceReport(EMPTY, [], []);

  test('one row per rule of the pack, after the residency section', () => {
    const section = report.slice(report.indexOf('## After deploy: detective counterparts'));
    expect(report.indexOf('## Where data can go')).toBeLessThan(report.indexOf('## After deploy: detective counterparts'));
    const rows = section.split('\n').filter(l => l.startsWith('| Bedrock-'));
    expect(rows.map(r => r.split(' | ')[0].slice(2))).toEqual(BedrockGovernanceChecks.allRuleIds().map(id => `Bedrock-${id}`));
  });

  test.each([
    ['| Bedrock-KB1 | AWS Config BEDROCK_DATA_SOURCE_ENCRYPTION_ENABLED; Security Hub Bedrock.1 |'],
    ['| Bedrock-GR2 | none exists |'],
    ['| Bedrock-LG1 | EventBridge rule on CloudTrail events (BedrockDetectiveControls) on Put/DeleteModelInvocationLoggingConfiguration |'],
  ])('%s', (row) => {
    expect(report).toContain(row);
  });
});
