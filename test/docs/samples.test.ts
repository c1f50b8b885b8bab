import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Every TypeScript sample of the README and the guides compiles against the library's source, the
 * way jsii-rosetta compiles the README's (strict, with rosetta/default.ts-fixture around it): a
 * broken sample fails npm test. The Python samples are rosetta's translations (CI checks the README's).
 */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = fs.readFileSync(path.join(ROOT, 'rosetta', 'default.ts-fixture'), 'utf-8');

/** The Markdown files whose samples are checked: the README, CONTRIBUTING.md and every guide. */
export function documentedFiles(): string[] {
  const guides = fs.readdirSync(path.join(ROOT, 'docs', 'guide')).filter(f => f.endsWith('.md')).map(f => path.join('docs', 'guide', f));
  return ['README.md', 'CONTRIBUTING.md', ...guides.sort()];
}

interface Sample { readonly file: string; readonly line: number; readonly code: string; readonly fixture?: string }

/** The ```ts blocks of a Markdown file, with the line each starts on. */
export function samplesOf(file: string): Sample[] {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf-8').split('\n');
  const samples: Sample[] = [];
  let start = -1;
  let fence: string | undefined;
  lines.forEach((line, i) => {
    if (fence === undefined && /^```/.test(line)) {
      fence = line.slice(3).trim();
      start = i;
    } else if (fence !== undefined && line.startsWith('```')) {
      // ```ts, or ```ts fixture=<name> (rosetta/<name>.ts-fixture, as jsii-rosetta reads it)
      const [language, ...options] = fence.split(/\s+/);
      const fixture = options.find(o => o.startsWith('fixture='))?.slice('fixture='.length);
      if (language === 'ts' || language === 'typescript') samples.push({ file, line: start + 1, code: lines.slice(start + 1, i).join('\n'), fixture });
      fence = undefined;
    }
  });
  return samples;
}

/** A sample placed in the fixture as rosetta places it: imports and declarations at the top, the rest where `/// here` is. */
function inFixture(sample: Sample): string {
  const top: string[] = [];
  const body: string[] = [];
  let inImport = false;
  for (const line of sample.code.split('\n')) {
    if (inImport || /^import\s/.test(line)) {
      top.push(line);
      inImport = !/;\s*$/.test(line);
    } else if (/^declare\s/.test(line)) {
      top.push(line);
    } else {
      body.push(line);
    }
  }
  const fixture = sample.fixture ? fs.readFileSync(path.join(ROOT, 'rosetta', `${sample.fixture}.ts-fixture`), 'utf-8') : FIXTURE;
  return [...top, fixture.replace('/// here', body.join('\n'))].join('\n');
}

const ALL = documentedFiles().flatMap(samplesOf);

describe('documentation samples', () => {
  test('the README shows a landing zone in a user\'s own app, and the guides have samples', () => {
    expect(ALL.filter(s => s.file === 'README.md' && s.code.includes('new BedrockLandingZone(this')).length).toBe(1);
    expect(ALL.filter(s => s.file.startsWith('docs/guide/')).length).toBeGreaterThanOrEqual(20);
  });

  test('every sample compiles against the library (strict)', () => {
    const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.doc-samples-'));
    try {
      // A broken sample next to the real ones: the check must report it, with its file and line.
      const canary: Sample = { file: 'canary.md', line: 7, code: "import { NoSuchConstruct } from 'cdk-bedrock-landing-zone';\nnew NoSuchConstruct(this, 'X');" };
      const files = [...ALL, canary].map((sample, i) => {
        const name = path.join(dir, `sample-${i}.ts`);
        fs.writeFileSync(name, inFixture(sample));
        return { name, sample };
      });
      const program = ts.createProgram(files.map(f => f.name), {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Node16,
        moduleResolution: ts.ModuleResolutionKind.Node16,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ['node'],
        paths: { 'cdk-bedrock-landing-zone': [path.join(ROOT, 'src', 'index.ts')] },
      });
      const problems = files.flatMap(({ name, sample }) => ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map(d => {
        const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        return `${sample.file}:${sample.line}: ${message}`;
      }));
      expect(problems).toEqual([
        "canary.md:7: Module '\"cdk-bedrock-landing-zone\"' has no exported member 'NoSuchConstruct'.",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
