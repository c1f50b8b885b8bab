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

  test('the compliance packs find nothing and nothing is acknowledged', () => {
    const app = new App();
    buildLandingZone(app);
    expect(checkCompliance(app)).toEqual({ violations: [], acknowledgements: [] });
  });
});
