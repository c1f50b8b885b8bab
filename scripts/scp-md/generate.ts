import * as fs from 'fs';
import * as path from 'path';
import { renderOrganizationPoliciesMarkdown } from './render';

/**
 * Writes docs/organization-policies.md from the statement records of the organization policies.
 *
 *   npx tsx scripts/scp-md/generate.ts          # write docs/organization-policies.md
 *   npx tsx scripts/scp-md/generate.ts --check  # exit 1 when it is not current
 */
const target = path.join(__dirname, '..', '..', 'docs', 'organization-policies.md');
const content = renderOrganizationPoliciesMarkdown();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== content) {
    process.stderr.write('docs/organization-policies.md is not current: run npx tsx scripts/scp-md/generate.ts\n');
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, content);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
