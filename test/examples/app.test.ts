import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildLandingZone } from '../../examples/app/landing-zone';
import { checkCompliance } from '../support/nag';

function synthTo(outdir: string): string[] {
  const app = new App({ outdir });
  buildLandingZone(app);
  app.synth();
  return fs.readdirSync(outdir).filter(f => f.endsWith('.template.json') || f.endsWith('.assets.json')).sort();
}

describe('examples/app', () => {
  test('two synths produce byte-identical templates and asset manifests', () => {
    const first = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-a-'));
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-b-'));
    const files = synthTo(first);
    expect(synthTo(second)).toEqual(files);
    expect(files.filter(f => f.endsWith('.template.json'))).toEqual([
      'Baseline-dev-eu-central-1.template.json',
      'Baseline-dev-us-east-1.template.json',
      'Baseline-prod-eu-central-1.template.json',
      'Baseline-prod-us-east-1.template.json',
    ]);
    for (const file of files) {
      expect({ file, bytes: fs.readFileSync(path.join(second, file)).toString('utf8') })
        .toEqual({ file, bytes: fs.readFileSync(path.join(first, file)).toString('utf8') });
    }
  });

  test('the compliance packs find nothing unacknowledged; every acknowledgement is by a library construct, with its reason', () => {
    const app = new App();
    const stacks = buildLandingZone(app);
    const result = checkCompliance(app);
    expect(result.violations).toEqual([]);
    const perStack = [
      'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ InvocationLogging/AccessLogsBucket/Resource',
      'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ InvocationLogging/LogBucket/Resource',
      'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS @ InvocationLogging/AccessLogsBucket/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ InvocationLogging/AccessLogsBucket/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ InvocationLogging/LogBucket/Resource',
      'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS @ InvocationLogging/AccessLogsBucket/Resource',
      'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ InvocationLogging/AccessLogsBucket/Resource',
      'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ InvocationLogging/LogBucket/Resource',
      'PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS @ InvocationLogging/AccessLogsBucket/Resource',
    ];
    const expected = stacks.flatMap(s => perStack.map(line => line.replace(' @ ', ` @ ${s.stackName}/`)));
    expect(result.acknowledgements.map(a => `${a.id} @ ${a.path}`)).toEqual(expected.sort((a, b) => a.localeCompare(b)));
    expect(result.acknowledgements.filter(a => a.reason.length < 80)).toEqual([]);
  });
});
