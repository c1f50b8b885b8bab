import * as fs from 'fs';
import * as path from 'path';

/**
 * Copies a release's synthesized templates into test/upgrade/fixtures/<release>/, asset hashes
 * replaced the way the snapshot serializer does (test/support/asset-hash-serializer.ts), so the
 * upgrade test compares what a deployed landing zone holds, not bundle digests.
 *
 * Usage, from a checkout of the release (see docs/upgrading/README.md):
 *   npx tsx scripts/upgrade-fixtures/capture.ts <cloud-assembly-dir> <release> [<repository-root>]
 */
const [assemblyDir, release, root = path.join(__dirname, '..', '..')] = process.argv.slice(2);
if (!assemblyDir || !release) {
  process.stderr.write('usage: capture.ts <cloud-assembly-dir> <release> [<repository-root>]\n');
  process.exit(2);
}
const outDir = path.join(root, 'test', 'upgrade', 'fixtures', release);

function templates(dir: string, sub = ''): string[] {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap(e => {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) return templates(dir, rel);
    return e.name.endsWith('.template.json') ? [rel] : [];
  });
}

for (const rel of templates(assemblyDir)) {
  const text = fs.readFileSync(path.join(assemblyDir, rel), 'utf8').replace(/[0-9a-f]{64}/g, '[ASSET_HASH]');
  const target = path.join(outDir, rel);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(JSON.parse(text), undefined, 1)}\n`);
  process.stdout.write(`${path.relative(root, target)}\n`);
}
