import type { AssemblyContents } from './landing-zone-summary';

/** One budget of the app and the stops that act on it, read from the synthesized templates. */
export interface SpendControl {
  readonly account: string;
  readonly budgetName: string;
  readonly monthlyLimit: string;
  readonly counts: string;
  readonly alerts: string[];
  readonly stops: Array<{ readonly at: string; readonly approval: string; readonly roles: string[] }>;
}

export interface SpendControls {
  readonly budgets: SpendControl[];
  /** Accounts whose stacks allow invoking a model but hold no budget in this app */
  readonly accountsWithoutBudget: string[];
  /** Stops on a budget this app does not create (the account's budget is elsewhere) */
  readonly stopsOnOtherBudgets: Array<{ readonly account: string; readonly budgetName: string; readonly at: string; readonly roles: string[] }>;
}

type Resource = { Type: string; Properties?: any; Metadata?: any };

/** The budgets, their thresholds and who is stopped at which point, per account. */
export function spendControlsOf(contents: AssemblyContents): SpendControls {
  const budgets = new Map<string, SpendControl>();
  const actions: Array<{ account: string; budgetName: string; at: string; approval: string; roles: string[] }> = [];
  const granting = new Set<string>();
  for (const stack of contents.stacks) {
    const account = accountOf(stack.environment);
    const resources = stack.resources as Record<string, Resource>;
    for (const [, r] of Object.entries(resources)) {
      if (r.Type === 'AWS::Budgets::Budget') {
        const b = r.Properties?.Budget ?? {};
        const name = typeof b.BudgetName === 'string' ? b.BudgetName : '(generated name)';
        budgets.set(`${account}|${name}`, {
          account,
          budgetName: name,
          monthlyLimit: b.BudgetLimit ? `${b.BudgetLimit.Amount} ${b.BudgetLimit.Unit}` : '?',
          counts: countsOf(b.FilterExpression),
          alerts: (r.Properties?.NotificationsWithSubscribers ?? []).map((n: any) =>
            `${n.Notification.Threshold}${n.Notification.ThresholdType === 'PERCENTAGE' ? '%' : ' USD'} ${String(n.Notification.NotificationType).toLowerCase()}`),
          stops: [],
        });
      } else if (r.Type === 'AWS::Budgets::BudgetsAction') {
        const p = r.Properties ?? {};
        const roles = (p.Definition?.IamActionDefinition?.Roles ?? []).map((role: any) => roleName(role, resources, stack.name));
        actions.push({
          account,
          budgetName: typeof p.BudgetName === 'string' ? p.BudgetName : '?',
          at: `${p.ActionThreshold?.Value}${p.ActionThreshold?.Type === 'PERCENTAGE' ? '%' : ' USD'} ${String(p.NotificationType).toLowerCase()}`,
          approval: String(p.ApprovalModel ?? 'AUTOMATIC').toLowerCase(),
          roles,
        });
      } else if ((r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::Policy') && allowsInvoke(r.Properties?.PolicyDocument)) {
        granting.add(account);
      }
    }
  }
  const stopsOnOtherBudgets: SpendControls['stopsOnOtherBudgets'] = [];
  for (const a of actions) {
    const budget = budgets.get(`${a.account}|${a.budgetName}`);
    if (budget) budget.stops.push({ at: a.at, approval: a.approval, roles: a.roles });
    else stopsOnOtherBudgets.push({ account: a.account, budgetName: a.budgetName, at: a.at, roles: a.roles });
  }
  const withBudget = new Set([...budgets.values()].map(b => b.account));
  return {
    budgets: [...budgets.values()].sort((x, y) => `${x.account}${x.budgetName}`.localeCompare(`${y.account}${y.budgetName}`)),
    accountsWithoutBudget: [...granting].filter(a => !withBudget.has(a)).sort(),
    stopsOnOtherBudgets,
  };
}

/** The report's "Spend controls" section. */
export function spendSection(controls: SpendControls): string[] {
  const lines = ['## Spend controls', ''];
  lines.push('AWS updates budget figures several times a day: a budget alerts, and a spend stop denies every door to a model, ' +
    '**hours after** the money is spent. This is a backstop, not a real-time cap. Stops are reversed and reset at the start of each month.', '');
  if (controls.budgets.length === 0) {
    lines.push('No Bedrock budget in this app.', '');
  } else {
    lines.push('| account | budget | monthly limit | counts | alerts at | stopped at | who is stopped |', '|---|---|---:|---|---|---|---|');
    for (const b of controls.budgets) {
      const stops = b.stops.length === 0 ? ['no stop (alerts only)'] : b.stops.map(s => `${s.at}, ${s.approval} approval`);
      const who = b.stops.length === 0 ? ['nobody'] : b.stops.map(s => s.roles.join(', '));
      lines.push(`| ${b.account} | ${b.budgetName} | ${b.monthlyLimit} | ${b.counts} | ${b.alerts.join(', ')} | ${stops.join('<br>')} | ${who.join('<br>')} |`);
    }
    lines.push('');
  }
  for (const s of controls.stopsOnOtherBudgets) {
    lines.push(`- ${s.account}: a stop at ${s.at} of budget ${s.budgetName}, which this app does not create, stops ${s.roles.join(', ')}.`);
  }
  if (controls.accountsWithoutBudget.length > 0) {
    lines.push(`- **No budget** in this app for accounts that allow invoking a model: ${controls.accountsWithoutBudget.join(', ')}.`);
  }
  if (controls.stopsOnOtherBudgets.length > 0 || controls.accountsWithoutBudget.length > 0) lines.push('');
  return lines;
}

function accountOf(environment: string | undefined): string {
  const account = /^aws:\/\/([^/]+)\//.exec(environment ?? '')?.[1];
  return account && account !== 'unknown-account' ? account : 'any (environment-agnostic)';
}

function countsOf(expression: any): string {
  if (expression === undefined) return 'the whole account';
  const text = JSON.stringify(expression);
  if (text.includes('"BILLING_ENTITY"') && text.includes('AWS Marketplace')) return 'Amazon Bedrock, AgentCore and AWS Marketplace';
  const tag = expression.Tags?.Key;
  if (typeof tag === 'string') return `principals tagged ${tag}=${(expression.Tags.Values ?? []).join('|')}`;
  const services = expression.Dimensions?.Key === 'SERVICE' ? expression.Dimensions.Values : undefined;
  return services ? `services ${services.join(', ')}` : 'a custom filter';
}

function roleName(role: any, resources: Record<string, Resource>, stackName: string): string {
  const id = typeof role === 'object' && role !== null ? role.Ref : undefined;
  if (typeof id !== 'string') return typeof role === 'string' ? role : '?';
  const path = resources[id]?.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path.replace(/\/Resource$/, '') : `${stackName}/${id}`;
}

function allowsInvoke(document: any): boolean {
  const statements = Array.isArray(document?.Statement) ? document.Statement : [];
  return statements.some((s: any) => s.Effect === 'Allow' && [s.Action].flat().some((a: unknown) => typeof a === 'string' && /^(bedrock:InvokeModel|bedrock:\*|\*)$/.test(a)));
}
