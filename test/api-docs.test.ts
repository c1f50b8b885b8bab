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

/**
 * awslint-style rules for an API that can stay after 1.0 (issue 34; aws-cdk-lib's design guidelines as
 * the architecture review of December 2026 read them). Each finding is `<rule> <element>[: detail]`.
 */
const CONSTRUCT_BASES = new Set(['constructs.Construct', 'aws-cdk-lib.Resource']);
/** Bases outside this library that are not constructs (the rule pack extends cdk-nag's NagPack). */
const NON_CONSTRUCT_BASES = new Set(['cdk-nag.NagPack']);

/**
 * Enums that stay closed, each for a reason: the library's own choices, or a set whose every value
 * the library must handle itself (a new value would need new code, not only a new name). ADR 0022.
 */
const CLOSED_ENUMS: Record<string, string> = {
  BedrockLandingZoneErrorCode: 'the library\'s own error codes',
  DataRetentionDeletion: 'the library\'s own choice on delete',
  InvocationLoggingDeletion: 'the library\'s own choice on delete',
  SpendStopApproval: 'the library\'s own switch, handled in code',
  GovernanceSignalSource: 'the library\'s own switch, handled in code',
  SelectiveGuardingMode: 'the library\'s own switch, handled in code',
  BudgetNotificationType: 'the budget\'s alarms are built per type',
  DataDeletionPolicy: 'keep or delete: nothing between',
  FilterStrength: 'an ordered scale the rule pack and presets compare against',
  CommitmentTerm: 'a purchase billed until its term ends: the construct prices and retains it by its length, so a term it cannot price is not bought through it',
  VectorDataType: 'each vector store builds its index from it (OpenSearch binary vectors and hamming space, S3 Vectors float32 only): a new type needs index code',
  DistanceMetric: 'each vector store spells it its own way (OpenSearch l2/innerproduct, S3 Vectors euclidean/cosine): a new metric needs a translation per store',
};

function apiIdiomProblems(assembly: spec.Assembly): string[] {
  const types = assembly.types ?? {};
  const problems: string[] = [];
  const externalBaseOf = (fqn: string): string | undefined => {
    let type = types[fqn];
    while (type && spec.isClassType(type) && type.base) {
      if (!(type.base in types)) return type.base;
      type = types[type.base];
    }
    return undefined;
  };
  const isConstruct = (fqn: string) => {
    const base = externalBaseOf(fqn);
    return base !== undefined && !NON_CONSTRUCT_BASES.has(base);
  };
  const referenced = (ref?: spec.TypeReference): string[] => {
    if (!ref) return [];
    if (spec.isNamedTypeReference(ref)) return [ref.fqn];
    if (spec.isCollectionTypeReference(ref)) return referenced(ref.collection.elementtype);
    if (spec.isUnionTypeReference(ref)) return ref.union.types.flatMap(referenced);
    return [];
  };
  const isResourceInterface = (fqn: string): boolean => {
    const type = types[fqn];
    return type !== undefined && spec.isInterfaceType(type) && !type.datatype
      && (type.interfaces ?? []).some(i => i === 'aws-cdk-lib.IResource' || isResourceInterface(i));
  };
  for (const type of Object.values(types)) {
    // A value set AWS keeps extending is an enum-like class with of(): a closed enum would need a release for each new value.
    if (spec.isEnumType(type) && !(type.name in CLOSED_ENUMS)) {
      problems.push(`open-value-set-as-enum ${type.fqn}`);
    }
    // A deprecated element says what to use instead.
    const deprecatedElements: Array<[string, spec.Docs | undefined]> = [[type.fqn, type.docs],
      ...(spec.isClassType(type) || spec.isInterfaceType(type) ? [...type.properties ?? [], ...type.methods ?? []] : [])
        .map((m): [string, spec.Docs | undefined] => [`${type.fqn}.${m.name}`, m.docs])];
    for (const [where, docs] of deprecatedElements) {
      if (docs?.deprecated !== undefined && !/use `[^`]+`/.test(docs.deprecated)) problems.push(`deprecated-without-replacement ${where}`);
    }
    // ref-via-interface: props take interfaces, so a user can pass an implementation of their own.
    if (spec.isInterfaceType(type) && type.datatype) {
      for (const property of type.properties ?? []) {
        for (const fqn of referenced(property.type).filter(r => r in types && isConstruct(r))) {
          problems.push(`props-ref-via-interface ${type.fqn}.${property.name}: ${fqn}`);
        }
      }
    }
    // A construct extends Construct, Resource or a Base of its own, not an L2: an L2's API (addStatements) would be its API.
    if (spec.isClassType(type) && type.base && !(type.base in types) && !CONSTRUCT_BASES.has(type.base) && !NON_CONSTRUCT_BASES.has(type.base)) {
      problems.push(`construct-extends-l2 ${type.fqn}: ${type.base}`);
    }
    // Attributes of a resource carry @attribute, so they are known as its attributes in every language.
    if ((spec.isClassType(type) && isConstruct(type.fqn)) || isResourceInterface(type.fqn)) {
      for (const property of (spec.isClassType(type) || spec.isInterfaceType(type) ? type.properties ?? [] : [])) {
        if (!property.static && /(Arn|Id)$/.test(property.name) && property.docs?.custom?.attribute === undefined) {
          problems.push(`attribute-tag ${type.fqn}.${property.name}`);
        }
      }
    }
    // Validation is the construct's job at synth: a public problems* method makes every implementer write it.
    for (const method of (spec.isClassType(type) || spec.isInterfaceType(type) ? type.methods ?? [] : [])) {
      if (/^problems/.test(method.name) && type.fqn !== `${assembly.name}.BedrockLandingZoneErrors`) {
        problems.push(`no-public-problems ${type.fqn}.${method.name}()`);
      }
    }
  }
  return problems.sort();
}

/**
 * What the 1.0 API pass has not done yet (issue 34, review section 2.3): the exact list, so a new
 * finding fails and a fixed one must leave the list.
 */
const API_IDIOM_DEBT = [
  ...[
    'ApplicationInferenceProfile.applicationInferenceProfileArn', 'ApplicationInferenceProfile.applicationInferenceProfileId',
    'ApplicationInferenceProfileBase.applicationInferenceProfileArn', 'ApplicationInferenceProfileBase.applicationInferenceProfileId',
    'ArnInvokableBase.invokedArn', 'BedrockPrivateEndpoints.organizationId', 'CustomModel.customModelArn', 'CustomModel.invokedArn',
    'EnforcedGuardrail.configId', 'Guardrail.guardrailArn', 'Guardrail.guardrailId', 'GuardrailBase.guardrailArn', 'GuardrailBase.guardrailId',
    'IApplicationInferenceProfile.applicationInferenceProfileArn', 'IApplicationInferenceProfile.applicationInferenceProfileId',
    'ICustomModel.customModelArn', 'IGuardrail.guardrailId', 'IKnowledgeBase.knowledgeBaseArn', 'IKnowledgeBase.knowledgeBaseId',
    'IProvisionedModel.provisionedModelArn', 'KnowledgeBaseBase.knowledgeBaseArn', 'KnowledgeBaseBase.knowledgeBaseId',
    'ManagedKnowledgeBase.knowledgeBaseArn', 'ManagedKnowledgeBase.knowledgeBaseId', 'OpenSearchServerlessVectorStore.collectionArn', 'ProvisionedModel.invokedArn',
    'ProvisionedModel.provisionedModelArn', 'ProvisionedThroughput.invokedArn', 'ProvisionedThroughput.provisionedModelArn',
    'S3DataSource.dataSourceId', 'S3VectorStore.vectorBucketArn', 'VectorKnowledgeBase.knowledgeBaseArn', 'VectorKnowledgeBase.knowledgeBaseId',
  ].map(p => `attribute-tag cdk-bedrock-landing-zone.${p}`),
  ...['ApplicationInferenceProfileBase', 'ArnInvokableBase', 'CrossRegionInferenceProfile', 'FoundationModel', 'IBedrockInvokable']
    .map(t => `no-public-problems cdk-bedrock-landing-zone.${t}.problemsFor()`),
  'no-public-problems cdk-bedrock-landing-zone.ChunkingStrategy.problems()',
].sort();

describe('an API that can stay after 1.0 (awslint-style)', () => {
  test('the findings are exactly the debt still listed: a new one fails, and a fixed one must leave the list', () => {
    expect(apiIdiomProblems(loadFreshAssembly())).toEqual(API_IDIOM_DEBT);
  });

  test('each enum kept closed is an enum of this library, with its reason', () => {
    const enums = Object.values(loadFreshAssembly().types ?? {}).filter(spec.isEnumType).map(t => t.name);
    expect(Object.keys(CLOSED_ENUMS).filter(name => !enums.includes(name))).toEqual([]);
    expect(Object.entries(CLOSED_ENUMS).filter(([, reason]) => reason.trim().length < 20).map(([name]) => name)).toEqual([]);
  });

  test('each rule finds what it is about, and passes what it allows', () => {
    const cls = (name: string, extra: object) => ({ kind: spec.TypeKind.Class, fqn: `lib.${name}`, assembly: 'lib', name, ...extra });
    const assembly = {
      name: 'lib',
      types: {
        'lib.Store': cls('Store', {
          base: 'constructs.Construct',
          properties: [
            { name: 'storeArn', type: { primitive: spec.PrimitiveType.String } },
            { name: 'storeId', type: { primitive: spec.PrimitiveType.String }, docs: { custom: { attribute: 'true' } } },
          ],
        }),
        'lib.Policy': cls('Policy', { base: 'aws-cdk-lib.aws_iam.ManagedPolicy' }),
        'lib.Tier': { kind: spec.TypeKind.Enum, fqn: 'lib.Tier', assembly: 'lib', name: 'Tier', members: [{ name: 'STANDARD' }] },
        'lib.FilterStrength': { kind: spec.TypeKind.Enum, fqn: 'lib.FilterStrength', assembly: 'lib', name: 'FilterStrength', members: [] },
        'lib.OldRef': cls('OldRef', { docs: { deprecated: 'it cannot say where the guardrail is' } }),
        'lib.NewRef': cls('NewRef', { docs: { deprecated: 'use `Guardrail.fromGuardrailAttributes(scope, id, attrs)`' } }),
        'lib.Pack': cls('Pack', { base: 'cdk-nag.NagPack' }),
        'lib.Model': cls('Model', { methods: [{ name: 'problemsFor' }, { name: 'grantInvoke' }] }),
        'lib.StoreProps': {
          kind: spec.TypeKind.Interface,
          fqn: 'lib.StoreProps',
          assembly: 'lib',
          name: 'StoreProps',
          datatype: true,
          properties: [
            { name: 'store', type: { fqn: 'lib.Store' } },
            { name: 'stores', type: { collection: { kind: spec.CollectionKind.Array, elementtype: { fqn: 'lib.Store' } } } },
            { name: 'model', type: { fqn: 'lib.Model' } },
          ],
        },
      },
    } as unknown as spec.Assembly;
    expect(apiIdiomProblems(assembly)).toEqual([
      'attribute-tag lib.Store.storeArn',
      'construct-extends-l2 lib.Policy: aws-cdk-lib.aws_iam.ManagedPolicy',
      'deprecated-without-replacement lib.OldRef',
      'no-public-problems lib.Model.problemsFor()',
      'open-value-set-as-enum lib.Tier',
      'props-ref-via-interface lib.StoreProps.store: lib.Store',
      'props-ref-via-interface lib.StoreProps.stores: lib.Store',
    ]);
  });
});

describe('one guardrail reference (issue 34)', () => {
  test('the only factory of a guardrail reference is Guardrail.fromGuardrailAttributes, which takes crossRegion', () => {
    const assembly = loadFreshAssembly();
    const types = assembly.types ?? {};
    const reference = `${assembly.name}.IGuardrailReference`;
    const isReference = (fqn: string): boolean => fqn === reference
      || (spec.isInterfaceType(types[fqn] ?? {} as spec.Type) && ((types[fqn] as spec.InterfaceType).interfaces ?? []).some(isReference));
    const factories = Object.values(types).filter(spec.isClassType).flatMap(type => (type.methods ?? [])
      .filter(m => m.static && m.returns
        && spec.isNamedTypeReference(m.returns.type) && isReference(m.returns.type.fqn))
      .map(m => ({ name: `${type.name}.${m.name}`, attributes: m.parameters?.find(p => p.name === 'attrs')?.type })));
    expect(factories.map(f => f.name)).toEqual(['Guardrail.fromGuardrailAttributes']);
    const attributes = types[(factories[0].attributes as spec.NamedTypeReference).fqn] as spec.InterfaceType;
    expect(attributes.properties?.map(p => p.name)).toContain('crossRegion');
    // The deprecated GuardrailReference (no scope, no crossRegion) is removed before 1.0, not only deprecated.
    expect(Object.keys(types).filter(fqn => /\.GuardrailReference(Attributes)?$/.test(fqn))).toEqual([]);
  });
});

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
