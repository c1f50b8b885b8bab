import * as fs from 'fs';
import * as path from 'path';
// The legacy (eslintrc) engine: the one projen's eslint task runs (ESLINT_USE_FLAT_CONFIG=false).
import { LegacyESLint } from 'eslint/use-at-your-own-risk';

// The layer zones exactly as `npx eslint` reads them from the generated .eslintrc.json, with that rule
// alone, so each case below fails or passes on the zones and nothing else.
const root = path.join(__dirname, '..', '..');
const config = JSON.parse(fs.readFileSync(path.join(root, '.eslintrc.json'), 'utf8').replace(/^\/\/.*\n/, ''));
const eslint = new LegacyESLint({
  cwd: root,
  useEslintrc: false,
  baseConfig: {
    root: true,
    parser: config.parser,
    plugins: ['import'],
    settings: config.settings,
    parserOptions: { ecmaVersion: 2018, sourceType: 'module' },
    rules: { 'import/no-restricted-paths': config.rules['import/no-restricted-paths'] },
  },
});

/** The zone messages eslint reports for `source` written at `file` (a path in src/ that need not exist). */
async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result.messages.map(m => m.message);
}

const denied = (specifier: string, why: string) => `Unexpected path "${specifier}" imported in restricted zone. ${why}`;

describe('the lint refuses an import that points up, and only that', () => {
  test.each([
    // [file, import, why]
    ['src/core/arns.ts', '../models/geography', 'core/ is the bottom layer: it may import errors/ only.'],
    ['src/core/new-helper.ts', '../catalogue/inference-doors', 'core/ is the bottom layer: it may import errors/ only.'],
    ['src/errors/error-code.ts', '../core/validation', 'errors/ imports nothing of the library (ADR 0011).'],
    ['src/catalogue/inference-doors.ts', '../models/geography', 'catalogue/ holds facts about Bedrock: it may import core/ and errors/ only.'],
    ['src/custom-resources/waiter-provider.ts', '../logging/model-invocation-logging',
      'custom-resources/ may import catalogue/, core/ and errors/ only.'],
    ['src/models/grants/residency-records.ts', '../../knowledge-bases/embedding-model',
      'models/ may import catalogue/, core/ and errors/ only: capabilities build on models, not the reverse.'],
    ['src/models/foundation-model.ts', '../custom-resources/control-plane-provider',
      'models/ may import catalogue/, core/ and errors/ only: capabilities build on models, not the reverse.'],
    ['src/handlers/bedrock-control-plane/new-handler.ts', '../../core/validation',
      'handlers/ are bundled into Lambda functions on their own: they import nothing of the library.'],
    // a capability folder that does not exist yet is covered too
    ['src/alarms/new-alarm.ts', '../landing-zone/bedrock-landing-zone',
      'landing-zone/ composes the capabilities: only the compositions above it may import it.'],
    ['src/guardrails/guardrail.ts', '../organization/bedrock-organization-policies', 'organization/ is a top layer: nothing imports it.'],
    ['src/landing-zone/bedrock-landing-zone.ts', '../residency/residency-map', 'residency/ is a top layer: nothing imports it.'],
    ['src/landing-zone/bedrock-landing-zone.ts', '../compliance/bedrock-governance-checks',
      'compliance/ (the rule pack) is a top layer: nothing imports it.'],
    ['src/residency/residency-map.ts', '../openai-compatible/openai-compatible-access-policy',
      'openai-compatible/ may be imported by organization/ only.'],
    ['src/spend/bedrock-budget.ts', '../index', 'src/index.ts is the entry point for users: import the file that defines the name.'],
  ])('%s may not import %s', async (file, specifier, why) => {
    expect(await layerErrors(file, `import * as x from '${specifier}';\nexport { x };\n`)).toEqual([denied(specifier, why)]);
  });

  test.each([
    ['src/core/arns.ts', '../errors/error-code'],
    ['src/core/new-helper.ts', './validation'],
    ['src/catalogue/new-facts.ts', '../core/arns'],
    ['src/custom-resources/waiter-provider.ts', '../core/hardened-stores'],
    ['src/models/grants/residency-records.ts', '../invokable'],
    ['src/models/invoke-statements.ts', '../catalogue/inference-doors'],
    ['src/alarms/new-alarm.ts', '../guardrails/guardrail'],
    ['src/alarms/new-alarm.ts', '../models/geography'],
    ['src/organization/bedrock-organization-policies.ts', '../landing-zone/bedrock-landing-zone'],
    ['src/organization/bedrock-organization-policies.ts', '../openai-compatible/openai-compatible-access-policy'],
    ['src/monitoring/openai-compatible-alarms.ts', '../models/openai-compatible-project'],
    ['src/residency/residency-map.ts', '../landing-zone/bedrock-landing-zone'],
    ['src/compliance/bedrock-governance-checks.ts', '../knowledge-bases/embedding-model'],
    ['src/handlers/bedrock-control-plane/new-handler.ts', './retry'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await layerErrors(file, `import * as x from '${specifier}';\nexport { x };\n`)).toEqual([]);
  });
});
