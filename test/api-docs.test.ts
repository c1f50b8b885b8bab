import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as spec from '@jsii/spec';

/**
 * Every public API carries documentation: a summary on each type, method and property, and a
 * `@default` on every optional property of a struct. awslint cannot run here, so this reads the
 * jsii assembly the build produces.
 */

const ROOT = path.join(__dirname, '..');

/** Rebuilds the assembly when any source file is newer than it (a fresh clone has none). */
function loadFreshAssembly(): spec.Assembly {
  const assemblyFile = path.join(ROOT, '.jsii');
  const newestSource = Math.max(...sourceFiles(path.join(ROOT, 'src')).map(f => fs.statSync(f).mtimeMs));
  if (!fs.existsSync(assemblyFile) || fs.statSync(assemblyFile).mtimeMs < newestSource) {
    execFileSync('npx', ['jsii', '--silence-warnings=reserved-word'], { cwd: ROOT, stdio: 'pipe' });
  }
  return spec.loadAssemblyFromFile(assemblyFile);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The public API elements that lack the documentation they need. */
function undocumentedApi(assembly: spec.Assembly): string[] {
  const problems: string[] = [];
  const needsSummary = (where: string, docs?: spec.Docs) => {
    if (!docs?.summary?.trim()) problems.push(`${where}: no doc comment`);
  };
  for (const type of Object.values(assembly.types ?? {})) {
    needsSummary(type.fqn, type.docs);
    if (spec.isEnumType(type)) {
      for (const member of type.members) needsSummary(`${type.fqn}.${member.name}`, member.docs);
      continue;
    }
    const isStruct = spec.isInterfaceType(type) && type.datatype === true;
    for (const property of type.properties ?? []) {
      const where = `${type.fqn}.${property.name}`;
      needsSummary(where, property.docs);
      if (isStruct && property.optional && property.docs?.default === undefined) {
        problems.push(`${where}: optional struct property without @default`);
      }
    }
    const methods = spec.isClassType(type) || spec.isInterfaceType(type) ? type.methods ?? [] : [];
    for (const method of methods) needsSummary(`${type.fqn}.${method.name}()`, method.docs);
  }
  return problems.sort();
}

describe('public API documentation', () => {
  test('every public type, member and optional struct property is documented', () => {
    const assembly = loadFreshAssembly();
    expect(Object.keys(assembly.types ?? {}).length).toBeGreaterThan(0);
    expect(undocumentedApi(assembly)).toEqual([]);
  });

  test('the check finds a missing summary and a missing @default', () => {
    const assembly = {
      types: {
        'lib.Props': {
          kind: spec.TypeKind.Interface,
          fqn: 'lib.Props',
          assembly: 'lib',
          name: 'Props',
          datatype: true,
          docs: { summary: 'Props.' },
          properties: [
            { name: 'size', optional: true, type: { primitive: spec.PrimitiveType.Number }, docs: { summary: 'Size.' } },
            { name: 'colour', type: { primitive: spec.PrimitiveType.String } },
          ],
        },
        'lib.Thing': {
          kind: spec.TypeKind.Class,
          fqn: 'lib.Thing',
          assembly: 'lib',
          name: 'Thing',
          methods: [{ name: 'grantRead', docs: { summary: 'Grants.' } }],
        },
      },
    } as unknown as spec.Assembly;
    expect(undocumentedApi(assembly)).toEqual([
      'lib.Props.colour: no doc comment',
      'lib.Props.size: optional struct property without @default',
      'lib.Thing: no doc comment',
    ]);
  });
});
