import { Decision, PolicyDocument } from './iam';

/** A request with the action it calls: what the ordering reads; the evaluation gets the whole request. */
export interface ActionRequest {
  readonly action: string;
}

/**
 * The statements, by Sid, that no attack needs: with the statement removed from the policies, every
 * attack is still explicitly denied.
 *
 * The answer is the same as evaluating every attack without each statement; only the order and the
 * stop differ. Without a statement, the attacks whose action it names (its Action, or outside its
 * NotAction) are tried first, and the first one that is not explicitly denied proves the statement
 * load-bearing, so the rest are not evaluated. A statement no attack needs is still tried against every
 * attack. The ordering is a guess that saves time; the simulator decides.
 */
export async function unneededStatements<C extends ActionRequest>(policies: PolicyDocument[], sids: string[], attacks: C[],
  run: (policies: PolicyDocument[], attack: C) => Promise<Decision>): Promise<string[]> {
  const unneeded: string[] = [];
  for (const sid of sids) {
    const statements = policies.flatMap(p => p.Statement).filter(s => s.Sid === sid);
    const without = policies.map(p => ({ ...p, Statement: p.Statement.filter(s => s.Sid !== sid) }));
    const named = (c: C) => statements.some(s => namesAction(s, c.action));
    const ordered = [...attacks.filter(named), ...attacks.filter(c => !named(c))];
    let needed = false;
    for (const attack of ordered) {
      if (await run(without, attack) !== 'ExplicitlyDenied') {
        needed = true;
        break;
      }
    }
    if (!needed) unneeded.push(sid);
  }
  return unneeded;
}

/** Whether a statement's Action names the action, or its NotAction leaves it in (IAM's case-insensitive wildcards). */
export function namesAction(statement: { Action?: string | string[]; NotAction?: string | string[] }, action: string): boolean {
  const matches = (patterns: string | string[]) => [patterns].flat().some(p => actionPattern(p).test(action));
  if (statement.Action !== undefined) return matches(statement.Action);
  if (statement.NotAction !== undefined) return !matches(statement.NotAction);
  return false;
}

function actionPattern(pattern: string): RegExp {
  const body = pattern.split('').map(ch => ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('');
  return new RegExp(`^${body}$`, 'i');
}
