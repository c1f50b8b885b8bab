import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, StackProps, Validations, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { buildLandingZone } from '../examples/app/build';
import { bedrockPack, compliancePacks, nagPacks } from '../examples/app/compliance';
import { AccountBaselineStack } from '../examples/app/landing-zone';
import {
  BedrockLandingZone, ChunkingStrategy, EmbeddingModel, GovernanceProfile, ManagedKnowledgeBase, OpenSearchServerlessVectorStore,
  S3VectorStore, VectorKnowledgeBase,
} from '../src';
import { ScenarioSpec, StackKind } from './types';

const ROOT = path.join(__dirname, '..');

/** The regions generated baselines alternate between, with the availability zones the app is told about. */
export const GENERATED_REGIONS = [
  { region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'] },
  { region: 'eu-central-1', zones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
];

/** The placeholder account of generated baseline `i` */
export function generatedAccount(i: number): string {
  return String(100_000_000_000 + i);
}

/** Account and region of each of `n` generated baselines: distinct accounts, regions alternating. */
export function generatedBaselines(n: number): Array<{ account: string; region: string; zones: string[] }> {
  return Array.from({ length: n }, (_, i) => ({ account: generatedAccount(i), ...GENERATED_REGIONS[i % GENERATED_REGIONS.length] }));
}

/** The account the vector-store scenario deploys to */
export const STORES_ACCOUNT = generatedAccount(0);

/**
 * Context every scenario synthesizes with: the example app's (`@aws-cdk/core:validateAgainstDefaultRules`,
 * so the built-in validator's findings are errors, as in `cdk synth` of examples/app), the availability
 * zones of every placeholder account (nothing calls AWS), and findings recorded rather than thrown, so a
 * finding never stops the measurement.
 */
export function scenarioContext(spec: ScenarioSpec): Record<string, unknown> {
  const context: Record<string, unknown> = {
    '@aws-cdk/core:validateAgainstDefaultRules': true,
    '@aws-cdk/core:failSynthOnValidationErrors': false,
  };
  if (spec.app === 'example') {
    Object.assign(context, JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'app', 'cdk.context.json'), 'utf8')));
  } else {
    const n = spec.app === 'generated' ? spec.baselines ?? 1 : 1;
    for (const { account, region, zones } of generatedBaselines(n)) {
      context[`availability-zones:account=${account}:region=${region}`] = zones;
    }
  }
  return context;
}

/** Builds the scenario's app (without synthesizing it). */
export function buildScenario(spec: ScenarioSpec, outdir: string): App {
  const app = new App({ outdir, context: scenarioContext(spec), builtinCloudFormationValidation: spec.validation });
  if (spec.app === 'example') {
    buildLandingZone(app);
  } else if (spec.app === 'generated') {
    for (const { account, region } of generatedBaselines(spec.baselines ?? 1)) {
      new AccountBaselineStack(app, `Baseline-${account}-${region}`, {
        env: { account, region },
        profiles: region.startsWith('eu-') ? [GovernanceProfile.BASELINE, GovernanceProfile.EU_RESIDENCY] : [GovernanceProfile.BASELINE],
        description: `Generated account-region baseline ${account} ${region}`,
        runTimeControls: spec.runTimeControls,
      });
    }
  } else {
    buildStores(app);
  }
  if (spec.packs === 'bedrock') Validations.of(app).addPlugins(bedrockPack(app));
  if (spec.packs === 'nag') Validations.of(app).addPlugins(...nagPacks(app));
  if (spec.packs === 'all') Validations.of(app).addPlugins(...compliancePacks(app));
  return app;
}

/** The vector-store choices, one knowledge-base stack each, in one account and region. */
export const STORE_CHOICES = ['S3Vectors', 'OpenSearch', 'OpenSearchStandby', 'Managed'] as const;

/**
 * One knowledge-base stack per vector-store choice, like the example's knowledge-base workload: the
 * default (S3 Vectors), OpenSearch Serverless with standby replicas off (its default) and on, and a
 * managed knowledge base.
 */
function buildStores(app: App): void {
  const env = { account: STORES_ACCOUNT, region: 'us-east-1' };
  for (const choice of STORE_CHOICES) {
    new StoreStack(app, `KnowledgeBase-${choice}`, { env, choice, description: `Knowledge base on ${choice}` });
  }
}

class StoreStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { readonly choice: typeof STORE_CHOICES[number] }) {
    super(scope, id, props);
    if (props.choice === 'Managed') {
      new ManagedKnowledgeBase(this, 'Handbook', { description: 'Company policies and procedures' });
      return;
    }
    const vectorStore = props.choice === 'S3Vectors' ? undefined
      : new OpenSearchServerlessVectorStore(this, 'Vectors', { standbyReplicas: props.choice === 'OpenSearchStandby' });
    const kb = new VectorKnowledgeBase(this, 'Handbook', {
      embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
      description: 'Company policies and procedures',
      vectorStore,
    });
    kb.addS3DataSource('Handbook', {
      bucket: s3.Bucket.fromBucketName(this, 'Documents', `documents-${this.account}-${this.region}`),
      inclusionPrefixes: ['handbook/'],
      chunkingStrategy: ChunkingStrategy.fixedSize({ maxTokens: 512, overlapPercentage: 20 }),
    });
  }
}

/** The child of the landing zone that declares each of its CloudFormation resources, by logical ID. */
function partsOfLandingZone(landingZone: BedrockLandingZone): Record<string, string> {
  const partOf: Record<string, string> = {};
  for (const child of landingZone.node.children) {
    for (const c of child.node.findAll()) {
      if (c instanceof CfnResource) partOf[Stack.of(c).resolve(c.logicalId)] = child.node.id;
    }
  }
  return partOf;
}

/** What a stack is for the budgets, keyed by its template file name. */
export interface StackClass {
  readonly kind: StackKind;
  /** For a baseline: the part of its `BedrockLandingZone` (the child's id) that declares each resource, by logical ID */
  readonly partOf?: Record<string, string>;
  readonly store?: string;
  readonly defaultStore?: boolean;
}

/**
 * Classifies every stack of the app from its constructs: a stack that holds a `BedrockLandingZone` is
 * an account baseline (StackSet templates and stage stacks included); one that holds a knowledge base
 * is a knowledge-base stack, with its vector store.
 */
export function classifyStacks(app: App): Map<string, StackClass> {
  const classes = new Map<string, StackClass>();
  const all: IConstruct[] = app.node.findAll();
  const fileOf = (c: IConstruct) => path.basename(Stack.of(c).templateFile);
  for (const c of all) {
    if (c instanceof BedrockLandingZone) classes.set(fileOf(c), { kind: 'baseline', partOf: partsOfLandingZone(c) });
  }
  for (const c of all) {
    if (!(c instanceof VectorKnowledgeBase) && !(c instanceof ManagedKnowledgeBase)) continue;
    const file = fileOf(c);
    if (classes.get(file)?.kind === 'baseline') continue;
    if (c instanceof VectorKnowledgeBase) {
      const defaultStore = c.vectorStore instanceof S3VectorStore && c.vectorStore.node.scope === c;
      classes.set(file, { kind: 'knowledge-base', store: c.vectorStore.storageType, defaultStore });
    } else {
      classes.set(file, { kind: 'knowledge-base', store: 'MANAGED', defaultStore: false });
    }
  }
  return classes;
}
