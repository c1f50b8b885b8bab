// Mutation testing of the files that decide who may call what (issue 29). Not part of `npm test` or
// CI: a whole run takes hours on two cores. Run one target at a time:
//   MUTATION_TARGET=policy-evaluator npx projen mutation
// or every target in turn with `npx projen mutation`. Reports go to reports/mutation/<target>.{html,json}.
// StrykerJS 9.5.1: version 10 needs Node 22.
import { readFileSync } from 'node:fs';

const packageJest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).jest;

/**
 * Each file that decides access, with the test files that state its behaviour. Every mutant loads
 * every file of its set (jest collects them all, then filters by test name), so the sets are narrow:
 * on two shared cores a mutant of the grants costs about 20 s with six test files. Left out, and run
 * in full by `npm test`: test/compliance/policy-evaluator.test.ts (the simulator comparison, about
 * 30 s a run), test/compliance/evaluator-cases-simulator.test.ts (it checks the cases the evaluator's
 * tests state against the simulator, and runs no code of the evaluator), the rule files, and for the grants
 * test/access/model-access-policy.test.ts, test/models/other-invokables.test.ts and
 * test/guardrails/guardrail-grants.test.ts.
 */
const TARGETS = {
  'policy-evaluator': {
    mutate: 'src/compliance/private/policy-evaluator.ts',
    tests: [
      'test/compliance/policy-evaluator-conditions.test.ts',
      'test/compliance/policy-evaluator-matching.test.ts',
      'test/compliance/policy-evaluator-resources.test.ts',
    ],
  },
  'invoke-statements': {
    mutate: 'src/models/invoke-statements.ts',
    tests: [
      'test/models/invoke-grant-behaviour.test.ts',
      'test/models/invoke-statements-mutants.test.ts',
      'test/models/service-tiers.test.ts',
      'test/models/cross-region-inference-profile.test.ts',
    ],
  },
  'inference-doors': {
    mutate: 'src/catalogue/{inference-doors,other-services}.ts',
    // The file is module-level tables: every mutant is static and runs the whole set, so the set is one
    // file that builds its policies once and asks the simulator without input validation (seconds a run).
    // The same cases with the validated simulator (test/catalogue/inference-catalogue-simulator.test.ts) and
    // the earlier per-door files (inference-door-fences, catalogue-list-fences, endpoint-door-fences,
    // inference-doors, invoke-grant-behaviour: about 40 s a run) stay in `npm test`.
    static: true,
    tests: ['test/catalogue/inference-catalogue-behaviour.test.ts', 'test/catalogue/action-groups.test.ts'],
    // Mutants no consumer can tell from the original, with the reason (stryker-equivalent-mutants.mjs).
    ignorers: ['catalogue-equivalent'],
  },
  'action-groups': {
    // The catalogue's wildcard groups, static too: stated against the Service Authorization Reference with no
    // synthesis (a wildcard that matches other actions than its group's, in a Deny, denies those instead).
    mutate: 'src/catalogue/action-groups.ts',
    static: true,
    tests: ['test/catalogue/action-groups.test.ts'],
  },
  'guardrail-checks': {
    mutate: 'src/core/guardrail-checks.ts',
    // The behaviour file states every check by the exact error a grant or an import gets. The earlier
    // set (model-access-policy, account-controls-facts, organization-guardrail-policy) states no error
    // of this file (it passes valid guardrails through, or states the organization policy's own
    // messages) and cost about 20 s a mutant on the shared cores: those run in `npm test` only.
    tests: [
      'test/guardrails/guardrail-checks-behaviour.test.ts',
      'test/guardrails/guardrail-validation.test.ts',
    ],
  },
  'endpoint-policies': {
    mutate: 'src/network/private/endpoint-policies.ts',
    tests: [
      'test/network/endpoint-policies-behaviour.test.ts',
      'test/network/bedrock-private-endpoints.test.ts',
      'test/network/agentcore-endpoints.test.ts',
    ],
  },
  // The organization policies, one target per file or group of files, each with the test files that state its
  // behaviour and build their policies inside each test. Every mutant of the statements or the exempt
  // principals is covered by every test that builds a policy set, so one set for all of them ran about five
  // mutants a minute here (69 of 443 in 15 minutes): the narrow sets keep each mutant to the tests that judge
  // it. Left out, and run in full by `npm test`: perimeter.test.ts, inference-door-fences.test.ts and the
  // red-team rounds, which build their policies while jest loads the file (per-test coverage credits those
  // kills to no test).
  'organization-exempt-principals': {
    mutate: 'src/organization/private/exempt-principals.ts',
    tests: ['test/organization/organization-exempt-principals.test.ts'],
  },
  'organization-packing': {
    mutate: 'src/organization/private/pack-statements.ts',
    tests: ['test/organization/organization-packing.test.ts'],
  },
  'organization-statement-context': {
    mutate: 'src/organization/private/statement-record.ts',
    tests: ['test/organization/organization-policy-settings.test.ts'],
  },
  'organization-construct': {
    mutate: 'src/organization/bedrock-organization-policies.ts',
    tests: [
      'test/organization/organization-policies-validation.test.ts',
      'test/organization/bedrock-organization-policies.test.ts',
      'test/organization/organization-packing.test.ts',
      'test/organization/organization-policy-settings.test.ts',
      'test/organization/organization-construct-mutants.test.ts',
    ],
  },
  'organization-protection-statements': {
    // The action lists of governance-control-actions.ts are module-level constants: static, ignored here (organization-control-actions).
    mutate: 'src/organization/{statements/{governance-protection,governance-controls,agentcore}.ts,private/governance-control-actions.ts}',
    tests: ['test/organization/organization-protection-statements.test.ts'],
  },
  'organization-control-actions': {
    // The action lists of the protection statements, module-level constants: static, so every mutant runs the file (13 tests,
    // 18 s); a blanked or emptied list fails its first test, so 173 mutants took 3.5 minutes on 2026-12-07.
    mutate: 'src/organization/private/governance-control-actions.ts',
    static: true,
    tests: ['test/organization/organization-protection-statements.test.ts'],
  },
  'organization-model-statements': {
    mutate: 'src/organization/statements/{models,regions,service-tiers,guardrails,data-perimeter,credentials,index}.ts',
    tests: [
      'test/organization/organization-model-statements.test.ts',
      'test/organization/organization-policy-statements.test.ts',
      'test/organization/organization-model-statements-mutants.test.ts',
    ],
  },
  'organization-model-statements-static': {
    // The same files and tests with static mutants: the statement records (their `applies`/`build` arrows, Sids,
    // actions, `liftedBy`) and the packing order are module-level, evaluated while the modules load, so the
    // target above (ignoreStatic) scores none of them. Static mutants run every test of the set; the
    // non-static ones run too, so this target's score is the whole files'.
    mutate: 'src/organization/statements/{models,regions,service-tiers,guardrails,data-perimeter,credentials,index}.ts',
    static: true,
    tests: [
      'test/organization/organization-model-statements.test.ts',
      'test/organization/organization-policy-statements.test.ts',
      'test/organization/organization-model-statements-mutants.test.ts',
    ],
  },
};

const name = process.env.MUTATION_TARGET;
if (name !== undefined && !(name in TARGETS)) {
  throw new Error(`MUTATION_TARGET is '${name}'; allowed: ${Object.keys(TARGETS).join(', ')}`);
}
const chosen = name === undefined ? Object.values(TARGETS) : [TARGETS[name]];
const report = name ?? 'all';

export default {
  testRunner: 'jest',
  coverageAnalysis: 'perTest',
  mutate: chosen.map(t => t.mutate),
  // Static mutants (module-level tables) run every test; only the catalogue is all static.
  ignoreStatic: !chosen.some(t => t.static),
  plugins: ['@stryker-mutator/*', './stryker-equivalent-mutants.mjs'],
  ignorers: chosen.flatMap(t => t.ignorers ?? []),
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: false,
    config: {
      ...packageJest,
      testMatch: [...new Set(chosen.flatMap(t => t.tests))].map(t => `<rootDir>/${t}`),
      reporters: ['default'],
    },
  },
  // Two cores shared: one test process.
  concurrency: 1,
  timeoutMS: 60000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  tempDirName: '.stryker-tmp',
  // Not needed by the tests (examples/ is: test/organization/perimeter.test.ts imports examples/app; the statement
  // records' test compares docs/organization-policies.md with the records).
  ignorePatterns: ['/reports', '/docs/*', '!/docs/organization-policies.md', '/API.md', '/rosetta', '/dist', '/lib', '/coverage', '/test-reports', 'cdk.out', '/bench/out'],
  cleanTempDir: true,
};
