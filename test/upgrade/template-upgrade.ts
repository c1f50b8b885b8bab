import * as fs from 'fs';
import * as path from 'path';
import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';

/**
 * What an upgrade from one release's templates to today's does to deployed resources, judged
 * resource by resource: `@aws-cdk/cloudformation-diff` pairs the resources and judges top-level
 * properties; the CloudFormation resource specification (`@aws-cdk/aws-service-spec`, the database
 * cloudformation-diff itself reads) judges nested create-only properties, which the diff tool does not;
 * the library's own table judges custom resources, which neither can.
 */

/** What happens to the deployed resource. */
export type UpgradeChange =
  /** A create-only property changed: CloudFormation creates a new resource and removes the old one */
  | 'replace'
  /** Removed from the template (or its stack is gone) and deleted */
  | 'delete'
  /** Left behind outside CloudFormation: removed or replaced with a Retain policy */
  | 'orphan';

export interface UpgradeFinding {
  /** The template file, relative to the release's directory (the stack's artifact name) */
  readonly stack: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly change: UpgradeChange;
  /** For a replacement: the create-only property that changed, as a JSON pointer into Properties (`/Path`) */
  readonly property?: string;
}

/** One change a release accepts on purpose, with what a user upgrading must know. */
export interface AcknowledgedChange {
  /** The release whose templates the change is measured from (the fixture directory's name) */
  readonly release: string;
  /** Template files it applies to; `*` matches any run of characters */
  readonly stacks: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly change: UpgradeChange;
  readonly property?: string;
  /** What changes in a deployed landing zone and what to do about it (also in docs/upgrading/) */
  readonly upgradeNote: string;
}

/**
 * Resource types that hold data or identity others depend on, besides those the specification marks
 * stateful and anything the template retains (the library retains what must not be lost).
 */
const STATEFUL_TYPES = new Set([
  'AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::KMS::Key', 'AWS::S3Vectors::VectorBucket', 'AWS::S3Vectors::Index',
  'AWS::OpenSearchServerless::Collection', 'AWS::Bedrock::KnowledgeBase', 'AWS::Bedrock::DataSource', 'AWS::Bedrock::Guardrail',
  'AWS::Bedrock::GuardrailVersion', 'AWS::DynamoDB::Table', 'AWS::SecretsManager::Secret',
]);

/**
 * Custom resources: which properties make an Update replace the resource (the handler returns a new
 * physical ID, and CloudFormation deletes the old one). Read from each handler:
 * - Custom::BedrockModelInvocationLogging, Custom::BedrockDataRetention, Custom::OrganizationsPolicyType:
 *   Update keeps the physical ID (src/handlers/bedrock-control-plane/*.ts).
 * - Custom::BedrockProvisionedThroughput: `needsReplacement` (provisioned-throughput.ts): ModelUnits,
 *   CommitmentDuration, and ModelId unless the new one is a custom model (judged here as any ModelId change).
 * - Custom::CDKBucketDeployment (aws-cdk-lib): Update re-copies the asset and keeps the physical ID.
 * A custom resource type missing here is an error: someone must read its handler first.
 * `ServiceToken` is on every list: CloudFormation refuses to change a custom resource's service token.
 */
export const CUSTOM_RESOURCE_CREATE_ONLY: Record<string, string[]> = {
  'Custom::BedrockModelInvocationLogging': ['/ServiceToken'],
  'Custom::BedrockDataRetention': ['/ServiceToken'],
  'Custom::OrganizationsPolicyType': ['/ServiceToken'],
  'Custom::BedrockProvisionedThroughput': ['/ServiceToken', '/ModelUnits', '/CommitmentDuration', '/ModelId'],
  'Custom::CDKBucketDeployment': ['/ServiceToken'],
};

const ASSET_HASH = /[0-9a-f]{64}/g;

/** Asset hashes replaced the way the project's snapshot serializer does (test/support/asset-hash-serializer.ts). */
export function stripAssetHashes(templateJson: string): string {
  return templateJson.replace(ASSET_HASH, '[ASSET_HASH]');
}

/** Every `*.template.json` under a directory (a cloud assembly or a fixture release), keyed by relative path, hashes stripped. */
export function readTemplates(dir: string): Record<string, any> {
  const out: Record<string, any> = {};
  const walk = (sub: string) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.template.json')) out[rel] = JSON.parse(stripAssetHashes(fs.readFileSync(path.join(dir, rel), 'utf8')));
    }
  };
  walk('');
  return out;
}

/**
 * The specification database cloudformation-diff itself judges with (its own dependency, resolved from
 * it: the same version, and no second copy to keep in step).
 */
let specDb: any;
function resourceSpec(type: string): any {
  if (!specDb) {
    const fromDiff = path.dirname(require.resolve('@aws-cdk/cloudformation-diff'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    specDb = require(require.resolve('@aws-cdk/aws-service-spec', { paths: [fromDiff] })).loadAwsServiceSpecSync();
  }
  return specDb.lookup('resource', 'cloudFormationType', 'equals', type)[0];
}
function typeDefinition(id: string): any {
  return specDb!.get('typeDefinition', id);
}

function isCustom(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

function isRetained(policy: unknown): boolean {
  return policy === 'Retain' || policy === 'RetainExceptOnCreate' || policy === 'Snapshot';
}

/** Whether losing the resource loses something: the specification says stateful, the type holds data, or the template retains it. */
export function isStateful(resource: any): boolean {
  return STATEFUL_TYPES.has(resource.Type) || resourceSpec(resource.Type)?.isStateful === true
    || isRetained(resource.DeletionPolicy) || isRetained(resource.UpdateReplacePolicy);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(v: any): any {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map(k => [k, canonical(v[k])]));
  // CloudFormation compares scalars as strings: 10 and "10", true and "true" are the same value.
  return v === undefined ? v : String(v);
}

/** Element types of a property type: itself, or what an array or map holds. */
function refOf(type: any): string | undefined {
  if (!type) return undefined;
  if (type.type === 'ref') return type.reference.$ref;
  if (type.type === 'array' || type.type === 'map') return refOf(type.element);
  return undefined;
}

/**
 * JSON pointers of the create-only properties that differ, at any depth: a property the
 * specification marks `causesReplacement` yes or maybe, inside nested types and arrays of them
 * (paired by position), plus the resource's additional replacement paths.
 */
export function changedCreateOnlyProperties(type: string, oldProps: any = {}, newProps: any = {}): string[] {
  if (isCustom(type)) {
    const createOnly = CUSTOM_RESOURCE_CREATE_ONLY[type];
    if (!createOnly) throw new Error(`${type}: no create-only table; read its handler and add it to CUSTOM_RESOURCE_CREATE_ONLY`);
    return createOnly.filter(p => !same(oldProps[p.slice(1)], newProps[p.slice(1)]));
  }
  const spec = resourceSpec(type);
  if (!spec) throw new Error(`${type}: not in the CloudFormation resource specification`);
  const changed = changedIn(spec.properties, oldProps, newProps, '');
  for (const extra of spec.additionalReplacementProperties ?? []) {
    const pick = (o: any) => extra.reduce((v: any, k: string) => v?.[k], o);
    if (!same(pick(oldProps), pick(newProps))) changed.push(`/${extra.join('/')}`);
  }
  return [...new Set(changed)];
}

function changedIn(properties: Record<string, any>, oldV: any, newV: any, at: string): string[] {
  const out: string[] = [];
  for (const [name, prop] of Object.entries(properties)) {
    const o = oldV?.[name];
    const n = newV?.[name];
    if (same(o, n)) continue;
    const here = `${at}/${name}`;
    if (prop.causesReplacement === 'yes' || prop.causesReplacement === 'maybe') {
      out.push(here);
      continue;
    }
    const ref = refOf(prop.type);
    // An intrinsic ({ Ref }, { Fn::... }) cannot be looked into: only its top level was compared.
    if (!ref || isIntrinsic(o) || isIntrinsic(n)) continue;
    const nested = typeDefinition(ref).properties;
    if (prop.type.type === 'array' && (Array.isArray(o) || Array.isArray(n))) {
      const len = Math.max(o?.length ?? 0, n?.length ?? 0);
      for (let i = 0; i < len; i++) out.push(...changedIn(nested, o?.[i], n?.[i], `${here}/${i}`));
    } else if (prop.type.type === 'map') {
      for (const key of new Set([...Object.keys(o ?? {}), ...Object.keys(n ?? {})])) out.push(...changedIn(nested, o?.[key], n?.[key], `${here}/${key}`));
    } else {
      out.push(...changedIn(nested, o, n, here));
    }
  }
  return out;
}

function isIntrinsic(v: any): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::)/.test(Object.keys(v)[0]);
}

/** Findings for one stack's template pair; a missing new template means the stack was removed. */
export function stackFindings(stack: string, oldTemplate: any, newTemplate: any | undefined): UpgradeFinding[] {
  const findings: UpgradeFinding[] = [];
  const removed = (logicalId: string, resource: any) => {
    if (!isStateful(resource)) return;
    findings.push({ stack, logicalId, resourceType: resource.Type, change: isRetained(resource.DeletionPolicy) ? 'orphan' : 'delete' });
  };
  if (!newTemplate) {
    for (const [logicalId, resource] of Object.entries<any>(oldTemplate.Resources ?? {})) removed(logicalId, resource);
    return findings;
  }
  const diff = fullDiff(oldTemplate, newTemplate);
  diff.resources.forEachDifference((logicalId, change) => {
    if (change.isAddition) return;
    const oldResource = change.oldValue!;
    if (change.isRemoval) {
      removed(logicalId, oldResource);
      return;
    }
    const newResource = change.newValue!;
    const properties = oldResource.Type !== newResource.Type
      ? ['/Type']
      : changedCreateOnlyProperties(oldResource.Type, oldResource.Properties, newResource.Properties);
    // The diff tool's own verdict counts too: a property it says replaces is reported even if the walk missed it.
    if (properties.length === 0 && (change.changeImpact === ResourceImpact.WILL_REPLACE || change.changeImpact === ResourceImpact.MAY_REPLACE)) {
      properties.push(...Object.entries(change.propertyUpdates)
        .filter(([, d]) => d.changeImpact === ResourceImpact.WILL_REPLACE || d.changeImpact === ResourceImpact.MAY_REPLACE)
        .map(([name]) => `/${name}`));
    }
    for (const property of properties) findings.push({ stack, logicalId, resourceType: oldResource.Type, change: 'replace', property });
    // A replaced resource whose old one is retained stays behind, outside the stack. Which template's
    // UpdateReplacePolicy CloudFormation applies to the replacement is not documented: either counts.
    if (properties.length > 0 && (isRetained(newResource.UpdateReplacePolicy) || isRetained(oldResource.UpdateReplacePolicy))) {
      findings.push({ stack, logicalId, resourceType: oldResource.Type, change: 'orphan' });
    }
  });
  return findings;
}

/** Findings for every template of a release against today's templates. */
export function upgradeFindings(oldTemplates: Record<string, any>, newTemplates: Record<string, any>): UpgradeFinding[] {
  return Object.keys(oldTemplates).sort().flatMap(stack => stackFindings(stack, oldTemplates[stack], newTemplates[stack]));
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export function acknowledges(ack: AcknowledgedChange, release: string, f: UpgradeFinding): boolean {
  return ack.release === release && glob(ack.stacks).test(f.stack) && ack.logicalId === f.logicalId && ack.resourceType === f.resourceType
    && ack.change === f.change && (ack.property ?? undefined) === (f.property ?? undefined);
}

/** One line per finding, for messages and exact comparisons. */
export function describeFinding(f: UpgradeFinding): string {
  return `${f.stack} ${f.logicalId} (${f.resourceType}) ${f.change}${f.property ? ` ${f.property}` : ''}`;
}
