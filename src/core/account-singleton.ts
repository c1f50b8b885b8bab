import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Some Bedrock settings exist once per account and region (invocation logging, the enforced
 * guardrail): two constructs that set the same one overwrite each other at deploy time. Each such
 * construct calls `declareAccountRegionSingleton(this, kind)`; at synth, a validation finds the
 * others of the same kind in the whole app and fails naming every construct path.
 *
 * Stacks whose account or region is unresolved (environment-agnostic) cannot be compared and are
 * not checked.
 */
const SINGLETON_KIND = Symbol.for('cdk-bedrock-landing-zone.accountRegionSingleton');
const UNIQUE_NAME = Symbol.for('cdk-bedrock-landing-zone.uniqueName');

/** A construct as these checks mark it: symbols registered globally, so two copies of the library agree. */
interface Marked {
  [SINGLETON_KIND]?: string;
  [UNIQUE_NAME]?: string;
}
const marks = (construct: IConstruct) => construct as IConstruct & Marked;

export function declareAccountRegionSingleton(construct: IConstruct, kind: string): void {
  marks(construct)[SINGLETON_KIND] = kind;
  validateAlone(construct, SINGLETON_KIND, kind, (key, same) =>
    `${kind} is one per account and region, but ${same.length} constructs configure it for ${key}: ${same.join(', ')}. ` +
    'Keep one of them (deploy it in one stack per account and region).');
}

/**
 * Names the service requires to be unique per account and region (guardrails): two constructs of
 * the app with the same name in the same account and region would collide at deploy time. A
 * validation finds them at synth and names both paths. Unresolved names are not compared.
 */
export function declareUniqueName(construct: IConstruct, kind: string, prop: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  marks(construct)[UNIQUE_NAME] = `${kind}|${name}`;
  validateAlone(construct, UNIQUE_NAME, `${kind}|${name}`, (key, same) =>
    `${prop} '${name}' is used by ${same.length} ${kind}s in ${key} (${same.join(', ')}); a ${kind} name must be unique ` +
    'in its account and region: give each its own name');
}

/**
 * Adds the validation that fails, with `message`, when other constructs of the app in the same account
 * and region carry the same mark as `construct`; `same` is the paths of all of them, `construct` included.
 */
function validateAlone(construct: IConstruct, mark: keyof Marked, value: string,
  message: (accountRegion: string, same: string[]) => string): void {
  construct.node.addValidation({
    validate: () => {
      const key = accountRegionOf(construct);
      if (!key) return [];
      const same = construct.node.root.node.findAll()
        .filter(c => marks(c)[mark] === value && accountRegionOf(c) === key)
        .map(c => c.node.path);
      return same.length < 2 ? [] : [message(key, same)];
    },
  });
}

function accountRegionOf(construct: IConstruct): string | undefined {
  const stack = Stack.of(construct);
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) return undefined;
  return `account ${stack.account} region ${stack.region}`;
}
