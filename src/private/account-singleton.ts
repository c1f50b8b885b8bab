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

export function declareAccountRegionSingleton(construct: IConstruct, kind: string): void {
  (construct as any)[SINGLETON_KIND] = kind;
  construct.node.addValidation({
    validate: () => {
      const key = accountRegionOf(construct);
      if (!key) return [];
      const same = construct.node.root.node.findAll()
        .filter(c => (c as any)[SINGLETON_KIND] === kind && accountRegionOf(c) === key)
        .map(c => c.node.path);
      if (same.length < 2) return [];
      return [`${kind} is one per account and region, but ${same.length} constructs configure it for ${key}: ${same.join(', ')}. ` +
        'Keep one of them (deploy it in one stack per account and region).'];
    },
  });
}

function accountRegionOf(construct: IConstruct): string | undefined {
  const stack = Stack.of(construct);
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) return undefined;
  return `account ${stack.account} region ${stack.region}`;
}
