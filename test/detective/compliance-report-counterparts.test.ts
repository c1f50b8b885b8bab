import { renderComplianceReport } from '../../scripts/compliance-report';
import { Summary } from '../../scripts/landing-zone-summary';
import { BedrockGovernanceChecks } from '../../src/compliance';
import { BEDROCK_RULES } from '../../src/compliance/rules';
import { DetectiveCounterparts } from '../../src/detective';

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
    ['| Bedrock-LG1 | EventBridge rule on CloudTrail events (BedrockDetectiveControls) on Put/DeleteModelInvocationLoggingConfiguration; put back by ' +
      'BedrockSettingRestore when the landing zone\'s restoreChangedSettings is on |'],
    ['| Bedrock-LG5 | Security Hub S3.5 and AWS Config S3_BUCKET_SSL_REQUESTS_ONLY, account-wide, not created by BedrockDetectiveControls |'],
  ])('%s', (row) => {
    expect(report).toContain(row);
  });
});

describe('the counterparts agree with the rules\' own control mapping', () => {
  // RULES.md maps some rules to a Security Hub control: that control is a detective counterpart, so "none exists"
  // would be wrong for them (IAM2, IAM5, LG3, LG4, LG5, SP2 and MN2 said so before; IAM1 named only the alerts).
  test.each(BEDROCK_RULES.filter(r => r.controls.securityHub.length > 0).map(r => [r.id, r.controls.securityHub] as [string, string[]]))(
    '%s names its Security Hub controls %j', (id, controls) => {
      const counterpart = DetectiveCounterparts.of(id)!;
      expect(counterpart).toContain('Security Hub ');
      expect(controls.filter(c => !counterpart.includes(c))).toEqual([]);
      expect(counterpart).not.toBe(DetectiveCounterparts.NONE);
    });

  test('the rules with no counterpart are exactly these', () => {
    expect(DetectiveCounterparts.all().filter(c => c.counterpart === DetectiveCounterparts.NONE).map(c => c.ruleId)).toEqual([
      'GR1', 'GR2', 'GR3', 'GR4', 'GR5', 'AG1', 'AG2', 'AG3', 'KB2', 'KB3', 'KB4', 'MD3', 'IAM4', 'NW1', 'NW2', 'PT1', 'PK1', 'FL1',
      'SP1', 'SP3', 'SP4', 'MN1',
    ]);
  });

  test('the settings the restore writes back say so; the enforced guardrail, which it does not, does not', () => {
    for (const id of ['LG1', 'LG2', 'DR1']) expect(DetectiveCounterparts.of(id)).toContain('BedrockSettingRestore');
    expect(DetectiveCounterparts.of('IAM3')).not.toContain('BedrockSettingRestore');
  });
});
