import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from './render';

/**
 * Writes RULES.md at the repository root from the rule files' metadata.
 *
 *   npx tsx scripts/rules-md/generate.ts          # write RULES.md
 *   npx tsx scripts/rules-md/generate.ts --check  # exit 1 when RULES.md is not current
 */
const target = path.join(__dirname, '..', '..', 'RULES.md');
const content = renderRulesMarkdown();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== content) {
    process.stderr.write('RULES.md is not current: run npx tsx scripts/rules-md/generate.ts\n');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, content);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
