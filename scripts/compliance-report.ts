import type { AssemblyContents, Summary } from './landing-zone-summary';

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
 * mapped to the controls the pack names, and a Mermaid diagram of what is deployed where.
 */
export function renderComplianceReport(contents: AssemblyContents, summary: Summary, evaluated: EvaluatedRule[]): string {
  const lines: string[] = ['# Compliance report', ''];
  lines.push(`${summary.stacks.length} stacks, ${Object.values(summary.resourcesByType).reduce((a, b) => a + b, 0)} resources. ` +
    `Result: ${summary.unacknowledgedErrors > 0 ? `**FAILED**, ${summary.unacknowledgedErrors} unacknowledged error(s)` : '**passed**, no unacknowledged error'}.`, '');
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
  lines.push('## What is deployed where', '', '```mermaid', ...diagram(contents), '```', '');
  return lines.join('\n');
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

function diagram(contents: AssemblyContents): string[] {
  const out = ['flowchart LR'];
  const byAccount = new Map<string, Map<string, AssemblyContents['stacks']>>();
  for (const s of contents.stacks) {
    const [account, region] = (s.environment ?? 'aws://unknown/unknown').replace('aws://', '').split('/');
    const regions = byAccount.get(account) ?? byAccount.set(account, new Map()).get(account)!;
    regions.set(region, [...(regions.get(region) ?? []), s]);
  }
  const id = (text: string) => text.replace(/[^a-zA-Z0-9]/g, '_');
  for (const [account, regions] of [...byAccount].sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`  subgraph acct_${id(account)}["account ${account}"]`);
    for (const [region, stacks] of [...regions].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`    subgraph reg_${id(account)}_${id(region)}["${region}"]`);
      for (const s of stacks) out.push(`      ${id(s.name)}["${s.name}<br>${describe(s.resources)}"]`);
      out.push('    end');
    }
    out.push('  end');
  }
  return out;
}

/** The parts a reader looks for, counted. */
function describe(resources: Record<string, { Type: string }>): string {
  const count = (type: string) => Object.values(resources).filter(r => r.Type === type).length;
  const parts: Array<[string, number]> = [
    ['VPC endpoints', count('AWS::EC2::VPCEndpoint')],
    ['guardrails', count('AWS::Bedrock::Guardrail')],
    ['enforced guardrail', count('AWS::Bedrock::EnforcedGuardrailConfiguration')],
    ['invocation logging', count('Custom::BedrockModelInvocationLogging')],
    ['knowledge bases', count('AWS::Bedrock::KnowledgeBase')],
    ['provisioned throughput', count('Custom::BedrockProvisionedThroughput')],
    ['SCPs', count('AWS::Organizations::Policy')],
    ['Lambda functions', count('AWS::Lambda::Function')],
  ];
  return parts.filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`).join(', ') || `${Object.keys(resources).length} resources`;
}
