import { renderSummary, summarize } from '../../scripts/landing-zone-summary';

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
    expect(summary.stacks).toEqual([{ name: 'A', resourceCount: 2, lambdaFunctions: 1 }]);
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
