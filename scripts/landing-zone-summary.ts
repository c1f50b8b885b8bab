import * as fs from 'fs';
import * as path from 'path';

/** What the landing-zone command reads from a cloud assembly. */
export interface AssemblyContents {
  readonly stacks: Array<{
    readonly name: string; readonly displayName?: string; readonly environment?: string; readonly resources: Record<string, { Type: string }>;
  }>;
  readonly report?: ValidationReport;
}

interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: Array<{ readonly constructPath?: string }>;
  readonly acknowledgedId?: string;
  readonly reason?: string;
}

export interface ValidationReport {
  readonly pluginReports: Array<{
    readonly pluginName: string;
    readonly violations?: ReportViolation[];
    readonly suppressedViolations?: ReportViolation[];
  }>;
}

export interface Summary {
  readonly packs: string[];
  readonly stacks: Array<{
    readonly name: string;
    readonly resourceCount: number;
    readonly lambdaFunctions: number;
    /** The stack's construct path (findings are reported by construct path) */
    readonly path?: string;
    /** `aws://account/region`, `unknown-account` for a StackSet template */
    readonly environment?: string;
    /** Its resource types, each once */
    readonly resourceTypes?: string[];
  }>;
  readonly resourcesByType: Record<string, number>;
  readonly findings: Array<{
    readonly plugin: string; readonly rule: string; readonly severity: string; readonly path: string; readonly description: string;
  }>;
  readonly acknowledgements: Array<{
    readonly plugin: string; readonly id: string; readonly rule: string; readonly path: string; readonly reason: string; readonly description: string;
  }>;
  readonly unacknowledgedErrors: number;
}

/** Reads the stacks (templates, recursively through nested assemblies) and the validation report. */
export function readAssembly(dir: string): AssemblyContents {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  const stacks: AssemblyContents['stacks'] = [];
  for (const [name, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const template = JSON.parse(fs.readFileSync(path.join(dir, artifact.properties.templateFile), 'utf8'));
      stacks.push({ name, displayName: artifact.displayName, environment: artifact.environment, resources: template.Resources ?? {} });
    } else if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(dir, artifact.properties.directoryName)).stacks);
    }
  }
  const reportFile = path.join(dir, 'validation-report.json');
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : undefined;
  return { stacks: stacks.sort((a, b) => a.name.localeCompare(b.name)), report };
}

/** `packs` are the plugins that ran: the report omits those that found nothing. */
export function summarize(contents: AssemblyContents, packs: string[]): Summary {
  const resourcesByType: Record<string, number> = {};
  for (const stack of contents.stacks) {
    for (const r of Object.values(stack.resources)) resourcesByType[r.Type] = (resourcesByType[r.Type] ?? 0) + 1;
  }
  const findings: Summary['findings'] = [];
  const acknowledgements: Summary['acknowledgements'] = [];
  for (const plugin of contents.report?.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) {
      for (const c of v.violatingConstructs) {
        findings.push({ plugin: plugin.pluginName, rule: v.ruleName, severity: v.severity, path: c.constructPath ?? '?', description: v.description });
      }
    }
    for (const v of plugin.suppressedViolations ?? []) {
      for (const c of v.violatingConstructs) {
        acknowledgements.push({
          plugin: plugin.pluginName,
          id: v.acknowledgedId ?? v.ruleName,
          rule: v.ruleName,
          path: c.constructPath ?? '?',
          reason: v.reason ?? '',
          description: v.description,
        });
      }
    }
  }
  return {
    packs: [...packs],
    stacks: contents.stacks.map(s => ({
      name: s.name,
      resourceCount: Object.keys(s.resources).length,
      lambdaFunctions: Object.values(s.resources).filter(r => r.Type === 'AWS::Lambda::Function').length,
      path: s.displayName ?? s.name,
      environment: s.environment,
      resourceTypes: [...new Set(Object.values(s.resources).map(r => r.Type))].sort(),
    })),
    resourcesByType,
    findings,
    acknowledgements,
    unacknowledgedErrors: findings.filter(f => f.severity === 'error' || f.severity === 'fatal').length,
  };
}

export function renderSummary(s: Summary): string {
  const lines: string[] = [];
  lines.push(`Landing zone: ${s.stacks.length} stacks`);
  for (const stack of s.stacks) {
    lines.push(`  ${stack.name.padEnd(40)} ${String(stack.resourceCount).padStart(4)} resources, ${stack.lambdaFunctions} Lambda functions`);
  }
  lines.push('', 'Resources by type:');
  for (const [type, count] of Object.entries(s.resourcesByType).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${type.padEnd(48)} ${String(count).padStart(4)}`);
  }
  const byPlugin = new Map<string, { errors: number; warnings: number; acknowledged: number }>(
    s.packs.map(p => [p, { errors: 0, warnings: 0, acknowledged: 0 }]),
  );
  const count = (plugin: string) => byPlugin.get(plugin) ?? byPlugin.set(plugin, { errors: 0, warnings: 0, acknowledged: 0 }).get(plugin)!;
  for (const f of s.findings) {
    if (f.severity === 'error' || f.severity === 'fatal') count(f.plugin).errors++;
    else count(f.plugin).warnings++;
  }
  for (const a of s.acknowledgements) count(a.plugin).acknowledged++;
  lines.push('', 'Findings per pack:');
  for (const [plugin, c] of [...byPlugin].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${plugin.padEnd(28)} ${c.errors} errors, ${c.warnings} warnings, ${c.acknowledged} acknowledged`);
  }
  if (s.findings.length > 0) {
    lines.push('', 'Unacknowledged findings:');
    for (const f of s.findings) lines.push(`  [${f.severity}] ${f.rule} @ ${f.path}: ${f.description}`);
  }
  lines.push('', `Acknowledgements: ${s.acknowledgements.length}, by rule and reason:`);
  const grouped = new Map<string, string[]>();
  for (const a of s.acknowledgements) {
    const key = `${a.id}\u0000${a.reason}`;
    grouped.set(key, [...(grouped.get(key) ?? []), a.path]);
  }
  for (const [key, paths] of [...grouped].sort(([a], [b]) => a.localeCompare(b))) {
    const [id, reason] = key.split('\u0000');
    lines.push(`  ${id} (${paths.length}): ${reason}`);
  }
  lines.push('', s.unacknowledgedErrors > 0
    ? `FAILED: ${s.unacknowledgedErrors} unacknowledged error(s)`
    : 'OK: no unacknowledged errors', '');
  return lines.join('\n');
}
