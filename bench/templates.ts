import * as fs from 'fs';
import * as path from 'path';
import { Template, idleCost, isCustomResource } from './cost';
import { PartMetrics, StackMetrics } from './types';

/** Lambda function types (a custom-resource provider's function is one of these too). */
const LAMBDA_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

/** Every `*.template.json` under a cloud assembly directory (nested assemblies of stages included), relative paths, sorted. */
export function templateFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? templateFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
    : e.name.endsWith('.template.json') ? [`${prefix}${e.name}`] : []).sort();
}

/** The part of a baseline that holds everything outside its landing zone. */
export const REST_OF_STACK = '(rest of the stack)';

/** How a template is classified: its kind, and for a baseline the construct path of its landing zone. */
export type TemplateClass = Pick<StackMetrics, 'kind' | 'store' | 'defaultStore'> & { readonly partOf?: Record<string, string> };

/**
 * What one template holds: size, counts against CloudFormation's limits, functions, custom resources, idle cost,
 * and for a baseline the same per part of its landing zone.
 */
export function analyzeTemplate(file: string, body: string, cls: TemplateClass): StackMetrics {
  const { partOf, ...kind } = cls;
  const template = JSON.parse(body) as Template;
  const resources = Object.values(template.Resources ?? {});
  const resourceTypes: Record<string, number> = {};
  for (const r of resources) resourceTypes[r.Type] = (resourceTypes[r.Type] ?? 0) + 1;
  return {
    template: file,
    ...kind,
    templateBytes: Buffer.byteLength(body, 'utf8'),
    resources: resources.length,
    outputs: Object.keys((template.Outputs as object | undefined) ?? {}).length,
    parameters: Object.keys((template.Parameters as object | undefined) ?? {}).length,
    lambdaFunctions: resources.filter(r => LAMBDA_TYPES.includes(r.Type)).length,
    customResources: resources.filter(r => isCustomResource(r.Type)).length,
    resourceTypes,
    idle: idleCost(template),
    ...(partOf === undefined ? {} : { parts: partsOf(template, partOf) }),
  };
}

/**
 * The template's resources grouped by the part of the landing zone that declares them (`partOf`, by logical
 * ID), in order of appearance; resources outside the landing zone are the rest of the stack.
 */
export function partsOf(template: Template, partOf: Record<string, string>): PartMetrics[] {
  const groups = new Map<string, NonNullable<Template['Resources']>>();
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const part = partOf[id] ?? REST_OF_STACK;
    groups.set(part, { ...groups.get(part), [id]: resource });
  }
  return [...groups].map(([part, resources]) => ({
    part,
    resources: Object.keys(resources).length,
    idle: idleCost({ Resources: resources }),
  }));
}
