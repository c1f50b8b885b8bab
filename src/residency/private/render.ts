import { ResidencyRoute } from '../residency-route';

/** The residency map as a Mermaid flowchart: per account and region, principal to model to the regions that process it, and its logging. */
export function renderMermaid(routes: ResidencyRoute[]): string {
  const out = ['flowchart LR'];
  const ids = new Map<string, string>();
  const idOf = (kind: string, key: string) => {
    const full = `${kind}:${key}`;
    if (!ids.has(full)) ids.set(full, `${kind}${[...ids.keys()].filter(k => k.startsWith(`${kind}:`)).length}`);
    return ids.get(full)!;
  };
  const edges: string[] = [];
  const regionNodes = new Map<string, string>();
  const byEnv = groupBy(routes, r => `${r.account} · ${r.region}`);
  for (const [env, envRoutes] of byEnv) {
    out.push(`  subgraph ${idOf('env', env)}["${escapeLabel(`account ${env}`)}"]`);
    const declared = new Set<string>();
    const declare = (id: string, node: string) => {
      if (declared.has(id)) return;
      declared.add(id);
      out.push(`    ${node}`);
    };
    for (const r of envRoutes) {
      const principal = idOf('p', `${env}|${r.principal}`);
      declare(principal, `${principal}["${escapeLabel(r.purpose ? `${r.principal}<br>for ${r.purpose}` : r.principal)}"]`);
      // One node per model, route and destination: two routes that look alike but go to other regions stay apart.
      const model = idOf('m', `${env}|${r.model}|${r.through}|${r.processedIn.join(',')}`);
      declare(model, `${model}["${escapeLabel(`${r.model}<br>${r.through}`)}"]`);
      const log = idOf('log', env);
      declare(log, `${log}[("${escapeLabel(r.loggedTo.length > 0 ? `logged to<br>${r.loggedTo.join('<br>')}` : 'NOT LOGGED by this app')}")]`);
      const gaps = r.loggingGaps.length > 0 ? `|"${escapeLabel(r.loggingGaps.join('; '))}"|` : '';
      const regions = r.processedIn.join(', ');
      const region = idOf('r', regions);
      regionNodes.set(region, `  ${region}["${escapeLabel(`processed in<br>${regions}`)}"]`);
      const guard = [r.requiredGuardrail ? 'guardrail required' : '', r.requiredEndpoints.length > 0 ? 'private endpoint only' : ''].filter(Boolean).join(', ');
      edges.push(`  ${principal} -->${guard ? `|"${escapeLabel(guard)}"|` : ''} ${model}`);
      edges.push(`  ${model} -->${r.outsideAllowedRegions.length > 0 ? `|"${escapeLabel(`OUTSIDE allowed regions: ${r.outsideAllowedRegions.join(', ')}`)}"|` : ''} ${region}`);
      edges.push(`  ${model} -.-${gaps} ${log}`);
    }
    out.push('  end');
  }
  out.push(...regionNodes.values(), ...new Set(edges));
  return out.join('\n');
}

/** The residency map as a Markdown table, one line per principal, model and route. */
export function renderTable(routes: ResidencyRoute[]): string {
  const lines = [
    '| account | region | principal | granted by | model | through | processed in | allowed regions | guardrail | endpoints | logged to |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of routes) {
    const processed = r.processedIn.join(', ') + (r.outsideAllowedRegions.length > 0 ? ` **outside the allowed regions: ${r.outsideAllowedRegions.join(', ')}**` : '');
    const guardrail = [r.requiredGuardrail ? `required: ${r.requiredGuardrail}` : '', r.enforcedGuardrail ? `enforced: ${r.enforcedGuardrail}` : '']
      .filter(Boolean).join('<br>') || 'none';
    lines.push(`| ${[
      r.account,
      r.region,
      r.purpose ? `${r.principal} (for ${r.purpose})` : r.principal,
      r.grantedBy,
      r.model,
      r.through,
      processed,
      r.allowedRegions ? r.allowedRegions.join(', ') : 'not restricted',
      guardrail,
      r.requiredEndpoints.length > 0 ? r.requiredEndpoints.join('<br>') : 'any network path',
      [r.loggedTo.length > 0 ? r.loggedTo.join('<br>') : '**not logged by this app**', ...r.loggingGaps.map(g => `**${g}**`)].join('<br>'),
    ].map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...groups.get(key(item)) ?? [], item]);
  return groups;
}

/**
 * Mermaid reads a double quote as the end of a label and `#` as an entity; a line break ends the
 * statement; the labels' own breaks are `<br>`, any other markup is shown, not rendered.
 */
function escapeLabel(text: string): string {
  return withoutMarkup(text).replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/&lt;br&gt;/g, '<br>');
}

/** A bar ends a table cell and a line break the row; markup is shown, not rendered. */
function escapeCell(text: string): string {
  return withoutMarkup(text).replace(/&lt;br&gt;/g, '<br>').replace(/\|/g, '\\|');
}

function withoutMarkup(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
