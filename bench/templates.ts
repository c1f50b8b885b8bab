import * as fs from 'fs';
import * as path from 'path';
import { Template, idleCost, isCustomResource } from './cost';
import { StackMetrics } from './types';

/** Lambda function types (a custom-resource provider's function is one of these too). */
const LAMBDA_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];

/** Every `*.template.json` under a cloud assembly directory (nested assemblies of stages included), relative paths, sorted. */
export function templateFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? templateFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
    : e.name.endsWith('.template.json') ? [`${prefix}${e.name}`] : []).sort();
}

/** What one template holds: size, counts against CloudFormation's limits, functions, custom resources, idle cost. */
export function analyzeTemplate(file: string, body: string, kind: Pick<StackMetrics, 'kind' | 'store' | 'defaultStore'>): StackMetrics {
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
  };
}
