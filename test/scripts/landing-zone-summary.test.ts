import { renderComplianceReport } from '../../scripts/compliance-report';
import { AssemblyContents, renderSummary, summarize } from '../../scripts/landing-zone-summary';

const stacks = [{ name: 'A', resources: { Fn: { Type: 'AWS::Lambda::Function' }, Role: { Type: 'AWS::IAM::Role' } } }];

describe('landing-zone summary', () => {
  test('an unacknowledged error fails the command; an acknowledgement is listed with its reason', () => {
    const summary = summarize({
      stacks,
      report: {
        pluginReports: [{
          pluginName: 'AwsSolutions',
          violations: [{ ruleName: 'AwsSolutions-IAM5', description: 'wildcard', severity: 'error', violatingConstructs: [{ constructPath: 'A/Role' }] }],
          suppressedViolations: [{
            ruleName: 'AwsSolutions-L1',
            description: 'runtime',
            severity: 'error',
            violatingConstructs: [{ constructPath: 'A/Fn' }],
            acknowledgedId: 'AwsSolutions::AwsSolutions-L1',
            reason: 'pinned on purpose',
          }],
        }],
      },
    }, ['AwsSolutions', 'HIPAA.Security']);
    expect(summary.unacknowledgedErrors).toBe(1);
    expect(summary.stacks).toEqual([{
      name: 'A', resourceCount: 2, lambdaFunctions: 1, path: 'A', environment: undefined, resourceTypes: ['AWS::IAM::Role', 'AWS::Lambda::Function'],
    }]);
    const text = renderSummary(summary);
    expect(text).toContain('  AwsSolutions                 1 errors, 0 warnings, 1 acknowledged');
    expect(text).toContain('  HIPAA.Security               0 errors, 0 warnings, 0 acknowledged');
    expect(text).toContain('  [error] AwsSolutions-IAM5 @ A/Role: wildcard');
    expect(text).toContain('  AwsSolutions::AwsSolutions-L1 (1): pinned on purpose');
    expect(text).toContain('FAILED: 1 unacknowledged error(s)');
  });

  test('warnings alone do not fail the command', () => {
    const summary = summarize({
      stacks,
      report: { pluginReports: [{ pluginName: 'CloudFormation Validate', violations: [{ ruleName: 'W1', description: 'w', severity: 'warning', violatingConstructs: [{}] }] }] },
    }, ['CloudFormation Validate']);
    expect(summary.unacknowledgedErrors).toBe(0);
    expect(renderSummary(summary)).toContain('OK: no unacknowledged errors');
  });
});

describe('compliance report', () => {
  const contents = {
    stacks: [
      { name: 'Base', environment: 'aws://111111111111/eu-central-1', resources: { Fn: { Type: 'AWS::Lambda::Function' }, G: { Type: 'AWS::Bedrock::Guardrail' } } },
    ],
    report: {
      pluginReports: [{
        pluginName: 'HIPAA.Security',
        violations: [{
          ruleName: 'HIPAA.Security-LambdaDLQ',
          description: 'No DLQ - (Control IDs: 164.312(b)).',
          severity: 'error',
          violatingConstructs: [{ constructPath: 'Base/Fn' }],
        }],
        suppressedViolations: [{
          ruleName: 'HIPAA.Security-S3BucketReplicationEnabled',
          description: 'No replication - (Control IDs: 164.308(a)(7)(i)).',
          severity: 'error',
          violatingConstructs: [{ constructPath: 'Base/B' }],
          acknowledgedId: 'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled',
          reason: 'residency',
        }],
      }],
    },
  };
  const evaluated = [
    { pack: 'HIPAA.Security', ruleId: 'HIPAA.Security-LambdaDLQ', info: 'No DLQ - (Control IDs: 164.312(b)).', level: 'Error' },
    { pack: 'HIPAA.Security', ruleId: 'HIPAA.Security-S3BucketReplicationEnabled', info: 'x', level: 'Error' },
    { pack: 'HIPAA.Security', ruleId: 'HIPAA.Security-IAMNoInlinePolicy', info: 'Inline - (Control IDs: 164.308(a)(3)(i)).', level: 'Error', applicable: true },
    { pack: 'HIPAA.Security', ruleId: 'HIPAA.Security-RDSInstanceBackupEnabled', info: 'No backup - (Control IDs: 164.308(a)(7)(i)).', level: 'Error', applicable: false },
  ];

  const route = {
    account: '111111111111',
    region: 'eu-central-1',
    principal: 'Base/AppRole',
    grantedBy: 'managed policy Base/Access',
    model: 'amazon.titan-embed-text-v2:0',
    through: 'in-region (no profile)',
    processedIn: ['eu-central-1'],
    allowedRegions: ['eu-central-1', 'eu-west-1'],
    outsideAllowedRegions: [],
    requiredEndpoints: [],
    loggedTo: ['CloudWatch Logs /bedrock/invocations (eu-central-1)'],
    loggingGaps: [],
  };

  test('lists every evaluated rule as pass, acknowledged (with reason), fail or not applicable, with its controls, and where data can go', () => {
    const report = renderComplianceReport(summarize(contents, ['HIPAA.Security']), evaluated, [route]);
    expect(report).toContain('Result: **FAILED**, 1 unacknowledged error(s).');
    expect(report).toContain('| HIPAA.Security | 4 | 1 | 1 | 1 | 1 |');
    expect(report).toContain('| HIPAA.Security-LambdaDLQ | fail | 164.312(b) | 1 |  |');
    expect(report).toContain('| HIPAA.Security-S3BucketReplicationEnabled | acknowledged | 164.308(a)(7)(i) | 1 | residency |');
    expect(report).toContain('| HIPAA.Security-IAMNoInlinePolicy | pass | 164.308(a)(3)(i) |  |  |');
    // No database in the app: the backup rule judged nothing, so it did not pass.
    expect(report).toContain('| HIPAA.Security-RDSInstanceBackupEnabled | not applicable | 164.308(a)(7)(i) |  |  |');
    expect(report).toContain('## Where data can go\n\nRoutes from a principal to a model, from the grants and access policies the library wrote: 1. ' +
      'Processed outside the regions their landing zone allows: none. Not logged by this app: none. Logged with gaps: none.');
    expect(report).toContain('  subgraph env0["account 111111111111 · eu-central-1"]');
    expect(report).toContain('| 111111111111 | eu-central-1 | Base/AppRole | managed policy Base/Access | amazon.titan-embed-text-v2:0 | in-region (no profile) | ' +
      'eu-central-1 | eu-central-1, eu-west-1 | none | any network path | CloudWatch Logs /bedrock/invocations (eu-central-1) |');
  });

  test('a route processed outside its allowed regions, or not logged, is counted and marked', () => {
    const outside = { ...route, processedIn: ['any region'], outsideAllowedRegions: ['any region'], loggedTo: [] };
    const gap = { ...route, principal: 'Base/Other', loggingGaps: ['not delivered: text data'] };
    const report = renderComplianceReport(summarize(contents, ['HIPAA.Security']), evaluated, [route, outside, gap]);
    expect(report).toContain('library wrote: 3. Processed outside the regions their landing zone allows: **1**. Not logged by this app: **1**. ' +
      'Logged with gaps: **1**.');
    expect(report).toContain('| CloudWatch Logs /bedrock/invocations (eu-central-1)<br>**not delivered: text data** |');
    expect(report).toContain('| any region **outside the allowed regions: any region** | eu-central-1, eu-west-1 | none | any network path | **not logged by this app** |');
  });

  test('at a glance: per account and region, what governs it, its open and acknowledged findings, and links to the detail', () => {
    const several: AssemblyContents = {
      stacks: [
        ...contents.stacks,
        { name: 'Org', displayName: 'Org', environment: 'aws://999999999999/us-east-1', resources: { P: { Type: 'AWS::Organizations::Policy' } } },
        { name: 'OrgBaselineABC', displayName: 'Org/Baseline', environment: 'aws://unknown-account/eu-central-1', resources: { L: { Type: 'Custom::BedrockModelInvocationLogging' } } },
      ],
      report: contents.report,
    };
    const report = renderComplianceReport(summarize(several, ['HIPAA.Security']), evaluated, []);
    const glance = report.slice(report.indexOf('## At a glance'), report.indexOf('## Per pack'));
    expect(glance).toBe([
      '## At a glance',
      '',
      '| account | region | stacks | governed by | open findings | acknowledged |',
      '|---|---|---:|---|---:|---:|',
      '| 111111111111 | eu-central-1 | 1 | guardrail | **1** | 1 |',
      '| 999999999999 | us-east-1 | 1 | organization policies | 0 | 0 |',
      '| each target account (StackSet) | eu-central-1 | 1 | invocation logging | 0 | 0 |',
      '',
      'Detail: [per pack](#per-pack), [HIPAA.Security](#hipaasecurity), [where data can go](#where-data-can-go).',
      '',
      '',
    ].join('\n'));
    expect(report.indexOf('## At a glance')).toBeLessThan(report.indexOf('| pack | rules evaluated |'));
  });

  test('no route: the section says so', () => {
    expect(renderComplianceReport(summarize(contents, ['HIPAA.Security']), evaluated, []))
      .toContain('## Where data can go\n\nNo grant of the library allows invoking a model in this app.');
  });
});
