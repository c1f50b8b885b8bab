import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { exampleDiagram, withDiagram } from './diagram';
import { buildLandingZone } from '../../examples/app/build';
import { ACCOUNTS, MANAGEMENT_ACCOUNT, SANDBOX_ACCOUNT } from '../../examples/app/settings';

/** Writes the example organization's diagram into the files that show it: `npx tsx scripts/example-diagram/write.ts`. */
export const DIAGRAM_FILES = ['README.md', 'docs/guide/example-organization.md'];

export function currentDiagram(): string {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'example-diagram-')) });
  buildLandingZone(app);
  // Cross-stack references become dependencies only when the app is synthesized.
  const assembly = app.synth({ validateOnSynthesis: false });
  fs.rmSync(assembly.directory, { recursive: true, force: true });
  const names: Record<string, string> = { [MANAGEMENT_ACCOUNT]: 'management', [SANDBOX_ACCOUNT]: 'sandbox' };
  for (const [name, account] of Object.entries(ACCOUNTS)) names[account] = name;
  return exampleDiagram(app, names);
}

if (require.main === module) {
  const root = path.join(__dirname, '..', '..');
  const diagram = currentDiagram();
  for (const file of DIAGRAM_FILES) {
    const text = fs.readFileSync(path.join(root, file), 'utf-8');
    const updated = withDiagram(text, diagram);
    if (updated === undefined) throw new Error(`${file} has no example-diagram markers`);
    fs.writeFileSync(path.join(root, file), updated);
  }
}
