import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { buildSync, version as esbuildVersion } from 'esbuild';

/**
 * Bundles the control-plane Lambda handler (TypeScript and the AWS SDK) into
 * assets/handlers/bedrock-control-plane, where the constructs look for it at synth.
 *
 * Everything that synthesizes from this repository calls it first (the bundle:handlers task, the
 * landing-zone task, `cdk synth` in examples/app through cdk.json's `build`, the bench, jest's
 * global setup), so a fresh clone never needs a build step before its first synth. It rebuilds only
 * when the bundle is missing or its inputs changed: the handler sources, the lock file (the bundled
 * SDK), esbuild's version and the options below. `--force` rebuilds anyway.
 */
const ROOT = path.join(__dirname, '..');
const SOURCE_DIR = path.join(ROOT, 'src', 'handlers', 'bedrock-control-plane');
const OUT_FILE = path.join(ROOT, 'assets', 'handlers', 'bedrock-control-plane', 'index.js');
// Outside the asset directory: the stamp must not change the asset hash nor ship in the package.
const STAMP_FILE = path.join(ROOT, 'node_modules', '.cache', 'cdk-bedrock-landing-zone', 'bedrock-control-plane.stamp');

const OPTIONS = {
  entryPoints: [path.join(SOURCE_DIR, 'index.ts')],
  bundle: true,
  platform: 'node' as const,
  target: 'node24',
  minify: true,
  legalComments: 'external' as const,
  outfile: OUT_FILE,
  logLevel: 'warning' as const,
};

/** What the bundle is made from; a different digest means the bundle on disk is stale. */
export function inputDigest(): string {
  const hash = createHash('sha256');
  hash.update(`esbuild ${esbuildVersion}\n${JSON.stringify({ ...OPTIONS, entryPoints: undefined, outfile: undefined })}\n`);
  for (const file of fs.readdirSync(SOURCE_DIR).filter(f => f.endsWith('.ts')).sort()) {
    hash.update(`${file}\n`).update(fs.readFileSync(path.join(SOURCE_DIR, file)));
  }
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex');
}

/** Returns whether it had to build. */
export function ensureHandlerBundle(options: { force?: boolean } = {}): boolean {
  const digest = inputDigest();
  const current = fs.existsSync(OUT_FILE) && fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8') === digest;
  if (current && !options.force) return false;
  buildSync(OPTIONS);
  fs.mkdirSync(path.dirname(STAMP_FILE), { recursive: true });
  fs.writeFileSync(STAMP_FILE, digest);
  return true;
}

if (require.main === module) {
  const built = ensureHandlerBundle({ force: process.argv.includes('--force') });
  process.stderr.write(built ? `bundled ${path.relative(ROOT, OUT_FILE)}\n` : `${path.relative(ROOT, OUT_FILE)} is current\n`);
}
