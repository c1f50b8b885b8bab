import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { HIPAASecurityChecks } from 'cdk-nag';
import { recordEvaluatedRules } from '../../examples/app/rule-recorder';

describe('the rule recorder of the compliance report', () => {
  test('leaves the packs\' finding IDs as they are, and records which rules judged a resource of the app', () => {
    const recorder = recordEvaluatedRules();
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new s3.CfnBucket(stack, 'Bucket');
    const report = new HIPAASecurityChecks(undefined).validateScope(app);
    // cdk-nag names these findings after the rule function: the recorder's wrapper must not rename them.
    expect(report.violations.map(v => v.ruleName)).toContain('HIPAA.Security-S3BucketLoggingEnabled');
    expect(report.violations.map(v => v.ruleName).filter(n => n.endsWith('-rule'))).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorder-'));
    recorder.write(dir);
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'evaluated-rules.json'), 'utf8')) as Array<{ ruleId: string; applicable: boolean }>;
    const applicable = (id: string) => recorded.find(r => r.ruleId === id)?.applicable;
    expect([applicable('HIPAA.Security-S3BucketLoggingEnabled'), applicable('HIPAA.Security-RDSInstanceBackupEnabled')]).toEqual([true, false]);
  });

  test('a declared rule the pack never applied (no resource of its types) is recorded as not applicable', () => {
    const recorder = recordEvaluatedRules();
    recorder.declare('Bedrock', ['Bedrock-AG1']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recorder-'));
    recorder.write(dir);
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'evaluated-rules.json'), 'utf8'));
    expect(recorded.filter((r: { ruleId: string }) => r.ruleId === 'Bedrock-AG1')).toEqual([{ pack: 'Bedrock', ruleId: 'Bedrock-AG1', info: '', level: '', applicable: false }]);
  });
});
