import { aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { IBedrockInvokable, InvokeGrantOptions } from '../invokable';

/**
 * What the library wrote when it allowed someone to invoke a model: the facts the residency map is
 * drawn from (see residency/residency-map.ts). Recorded by every grant and access policy at the
 * moment it writes its statements, from the same invokable and options. Internal.
 */
export interface RecordedRoute {
  /** Where the statements went: a role, user or group, or a managed or inline policy */
  readonly target: IConstruct;
  readonly model: IBedrockInvokable;
  readonly options: InvokeGrantOptions;
  /** The statements written for it: where its requests may go is read from these */
  readonly statements: iam.PolicyStatement[];
  /** What the principal invokes the model for, when it is a service role (a knowledge base's embeddings) */
  readonly purpose?: string;
  /** The door, when not bedrock-runtime (the OpenAI-compatible endpoint and its project) */
  readonly door?: string;
  /** The construct whose account and region process the requests, when not the target's (a knowledge base) */
  readonly processedBy?: IConstruct;
  /** Why invocation logging never records this door, when it does not */
  readonly unloggedBecause?: string;
}

const routes = new WeakMap<IConstruct, RecordedRoute[]>();

/** Records that `route.target` received the statements that invoke `route.model`. */
export function recordRoute(route: RecordedRoute): void {
  const root = route.target.node.root;
  const list = routes.get(root) ?? [];
  list.push(route);
  routes.set(root, list);
}

/** Every route recorded in the app that holds `scope`, in the order written. */
export function recordedRoutes(scope: IConstruct): RecordedRoute[] {
  return [...routes.get(scope.node.root) ?? []];
}

const knowledgeBases = new WeakMap<IConstruct, { model: IBedrockInvokable; statements: iam.PolicyStatement[] }>();

/**
 * Records a knowledge base's embedding model: the route of its role (the statements in its policy),
 * and the model its callers' queries are embedded with.
 */
export function recordKnowledgeBaseEmbedding(
  knowledgeBase: IConstruct, rolePolicy: IConstruct, model: IBedrockInvokable, statements: iam.PolicyStatement[],
): void {
  recordRoute({ target: rolePolicy, model, options: {}, statements, purpose: `embeddings of ${knowledgeBase.node.path}` });
  knowledgeBases.set(knowledgeBase, { model, statements });
}

/** The model a knowledge base of this app embeds queries with, when the library created it. */
export function knowledgeBaseModelOf(knowledgeBase: IConstruct): { model: IBedrockInvokable; statements: iam.PolicyStatement[] } | undefined {
  return knowledgeBases.get(knowledgeBase);
}
