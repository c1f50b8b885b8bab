import type { Summary } from './landing-zone-summary';
import { SpendControls, spendSection } from './spend-report';
import { BedrockGovernanceChecks, DetectiveCounterparts, ResidencyMap, ResidencyRoute } from '../src';

/** A rule a cdk-nag pack evaluated during synth (examples/app/rule-recorder.ts). */
export interface EvaluatedRule {
  readonly pack: string;
  readonly ruleId: string;
  readonly info: string;
  readonly level: string;
  /** Whether the app had a resource the rule judges; undefined (older recordings): assumed so */
  readonly applicable?: boolean;
}

type Result = 'pass' | 'acknowledged' | 'fail' | 'not applicable';

interface RuleRow {
  readonly rule: string;
  readonly result: Result;
  readonly controls: string;
  readonly resources: number;
  readonly reasons: string[];
}

/**
 * The compliance report in Markdown: per pack and rule, pass / acknowledged (with the reason) / fail,
 * mapped to the controls the pack names; then where data can go (the residency map, as a Mermaid
 * diagram and as a table); then the spend controls, when given.
 */
export function renderComplianceReport(summary: Summary, evaluated: EvaluatedRule[], residency: ResidencyRoute[], spend?: SpendControls): string {
  const lines: string[] = ['# Compliance report', ''];
  lines.push(`${summary.stacks.length} stacks, ${Object.values(summary.resourcesByType).reduce((a, b) => a + b, 0)} resources. ` +
    `Result: ${summary.unacknowledgedErrors > 0 ? `**FAILED**, ${summary.unacknowledgedErrors} unacknowledged error(s)` : '**passed**, no unacknowledged error'}.`, '');
  lines.push(...atAGlance(summary));
  lines.push('## Per pack', '');
  lines.push('| pack | rules evaluated | pass | acknowledged | fail | not applicable |', '|---|---:|---:|---:|---:|---:|');
  const tables: string[] = [];
  for (const pack of summary.packs) {
    const rows = rowsOf(pack, summary, evaluated);
    const count = (r: Result) => rows.filter(x => x.result === r).length;
    const evaluatedCount = evaluated.some(e => e.pack === pack) ? String(rows.length) : 'n/a';
    lines.push(`| ${pack} | ${evaluatedCount} | ${evaluatedCount === 'n/a' ? 'all others' : count('pass')} | ${count('acknowledged')} | ${count('fail')} | ${evaluatedCount === 'n/a' ? 'n/a' : count('not applicable')} |`);
    tables.push(`## ${pack}`, '');
    if (rows.length === 0) {
      tables.push('No finding: every rule passed.', '');
      continue;
    }
    tables.push('| rule | result | controls | resources | reason |', '|---|---|---|---:|---|');
    for (const r of rows) {
      tables.push(`| ${r.rule} | ${r.result} | ${r.controls} | ${r.resources || ''} | ${r.reasons.map(escape).join('<br>')} |`);
    }
    tables.push('');
  }
  lines.push('', ...tables);
  lines.push(...residencySection(residency));
  lines.push(...detectiveSection());
  if (spend) lines.push(...spendSection(spend));
  return lines.join('\n');
}

/** What governs a stack, read from the resource types it deploys; in the order a reviewer reads them. */
const GOVERNED_BY: Array<[string, string]> = [
  ['AWS::Organizations::Policy', 'organization policies'],
  ['AWS::CloudFormation::StackSet', 'baseline StackSets'],
  ['AWS::EC2::VPCEndpoint', 'private endpoints'],
  ['Custom::BedrockModelInvocationLogging', 'invocation logging'],
  ['Custom::BedrockDataRetention', 'data retention'],
  ['AWS::Bedrock::Guardrail', 'guardrail'],
  ['AWS::Bedrock::EnforcedGuardrailConfiguration', 'guardrail enforced account-wide'],
  ['AWS::IAM::ManagedPolicy', 'managed access policies'],
  ['AWS::Budgets::Budget', 'budget'],
  ['AWS::Budgets::BudgetsAction', 'spend stop'],
  ['AWS::CE::AnomalyMonitor', 'cost anomaly monitor'],
  ['AWS::CloudWatch::Alarm', 'alarms'],
  ['AWS::CloudWatch::Dashboard', 'dashboard'],
  ['AWS::Config::ConfigRule', 'Config rules'],
  ['AWS::Events::Rule', 'change alerts'],
  ['AWS::SNS::Topic', 'governance notifications'],
];

/**
 * One screen before the detail: per account and region, the stacks, what governs them, and the findings
 * left open and acknowledged there (a finding belongs to the stack whose construct path it starts with).
 */
function atAGlance(summary: Summary): string[] {
  const lines = ['## At a glance', '', '| account | region | stacks | governed by | open findings | acknowledged |', '|---|---|---:|---|---:|---:|'];
  const byEnvironment = new Map<string, Summary['stacks']>();
  for (const stack of summary.stacks) {
    const env = stack.environment ?? 'aws://unknown-account/unknown-region';
    byEnvironment.set(env, [...byEnvironment.get(env) ?? [], stack]);
  }
  const stackOf = (path: string) => summary.stacks
    .filter(s => s.path !== undefined && (path === s.path || path.startsWith(`${s.path}/`)))
    .sort((a, b) => b.path!.length - a.path!.length)[0];
  for (const [env, stacks] of [...byEnvironment].sort(([a], [b]) => a.localeCompare(b))) {
    const [account, region] = env.replace(/^aws:\/\//, '').split('/');
    const types = new Set(stacks.flatMap(s => s.resourceTypes ?? []));
    const governedBy = GOVERNED_BY.filter(([type]) => types.has(type)).map(([, what]) => what);
    const here = (path: string) => stacks.includes(stackOf(path)!);
    const open = summary.findings.filter(f => here(f.path)).length;
    const acknowledged = summary.acknowledgements.filter(a => here(a.path)).length;
    lines.push(`| ${account === 'unknown-account' ? 'each target account (StackSet)' : account} | ${region === 'unknown-region' ? 'its region' : region} | ` +
      `${stacks.length} | ${governedBy.join(', ') || 'nothing of the landing zone'} | ${open > 0 ? `**${open}**` : '0'} | ${acknowledged} |`);
  }
  lines.push('', `Detail: [per pack](#per-pack), ${summary.packs.map(p => `[${p}](#${anchorOf(p)})`).join(', ')}, ` +
    '[where data can go](#where-data-can-go).', '');
  return lines;
}

/** The anchor a Markdown renderer gives a heading. */
function anchorOf(heading: string): string {
  return heading.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
}

function rowsOf(pack: string, summary: Summary, evaluated: EvaluatedRule[]): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  for (const e of evaluated.filter(x => x.pack === pack)) {
    // A rule that judged no resource of the app did not pass: nothing it checks is there.
    rows.set(e.ruleId, { rule: e.ruleId, result: e.applicable === false ? 'not applicable' : 'pass', controls: controlsOf(e.info), resources: 0, reasons: [] });
  }
  for (const a of summary.acknowledgements.filter(x => x.plugin === pack)) {
    const row = rows.get(a.rule);
    const reasons = row?.reasons ?? [];
    if (!reasons.includes(a.reason)) reasons.push(a.reason);
    rows.set(a.rule, {
      rule: a.rule,
      result: row?.result === 'fail' ? 'fail' : 'acknowledged',
      controls: row?.controls || controlsOf(a.description),
      resources: (row?.result === 'pass' || row?.result === 'not applicable' ? 0 : row?.resources ?? 0) + 1,
      reasons,
    });
  }
  for (const f of summary.findings.filter(x => x.plugin === pack)) {
    const row = rows.get(f.rule);
    rows.set(f.rule, {
      rule: f.rule,
      result: 'fail',
      controls: row?.controls || controlsOf(f.description),
      resources: (row?.result === 'pass' || row?.result === 'not applicable' ? 0 : row?.resources ?? 0) + 1,
      reasons: row?.reasons ?? [],
    });
  }
  const order: Record<Result, number> = { 'fail': 0, 'acknowledged': 1, 'pass': 2, 'not applicable': 3 };
  return [...rows.values()].sort((a, b) => order[a.result] - order[b.result] || a.rule.localeCompare(b.rule));
}

/** Control IDs as the packs write them: "(Control IDs: ...)" (cdk-nag) or "[CT.S3.PR.2]" (Control Tower). */
function controlsOf(text: string): string {
  const nag = /\(Control IDs: (.*)\)\.?\s*$/.exec(text);
  if (nag) return nag[1];
  const ct = /^\[(CT\.[A-Z0-9.]+)\]/.exec(text);
  return ct ? ct[1] : '';
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function residencySection(routes: ResidencyRoute[]): string[] {
  const lines = ['## Where data can go', ''];
  if (routes.length === 0) return [...lines, 'No grant of the library allows invoking a model in this app.', ''];
  const outside = routes.filter(r => r.outsideAllowedRegions.length > 0).length;
  const unlogged = routes.filter(r => r.loggedTo.length === 0).length;
  const gaps = routes.filter(r => r.loggedTo.length > 0 && r.loggingGaps.length > 0).length;
  const count = (n: number) => n === 0 ? 'none' : `**${n}**`;
  lines.push(`Routes from a principal to a model, from the grants and access policies the library wrote: ${routes.length}. ` +
    `Processed outside the regions their landing zone allows: ${count(outside)}. Not logged by this app: ${count(unlogged)}. ` +
    `Logged with gaps: ${count(gaps)}.`, '');
  const map = ResidencyMap.fromRoutes(routes);
  lines.push('```mermaid', map.toMermaid(), '```', '', map.toMarkdownTable(), '');
  return lines;
}

/** For each synth-time rule of the Bedrock pack, what finds the same problem after deploy. */
function detectiveSection(): string[] {
  const lines = ['## After deploy: detective counterparts', '',
    'What finds each problem of the Bedrock pack in a deployed account (made outside CDK, or changed after deploy).', '',
    '| rule | detective counterpart |', '|---|---|'];
  for (const id of BedrockGovernanceChecks.allRuleIds()) {
    lines.push(`| Bedrock-${id} | ${escape(DetectiveCounterparts.of(id) ?? 'not classified yet')} |`);
  }
  return [...lines, ''];
}
