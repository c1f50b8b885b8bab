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
      const model = idOf('m', `${env}|${r.model}|${r.through}`);
      declare(model, `${model}["${escapeLabel(`${r.model}<br>${r.through}`)}"]`);
      const log = idOf('log', env);
      declare(log, `${log}[("${escapeLabel(r.loggedTo.length > 0 ? `logged to<br>${r.loggedTo.join('<br>')}` : 'NOT LOGGED by this app')}")]`);
      const regions = r.processedIn.join(', ');
      const region = idOf('r', regions);
      regionNodes.set(region, `  ${region}["${escapeLabel(`processed in<br>${regions}`)}"]`);
      const guard = [r.requiredGuardrail ? 'guardrail required' : '', r.requiredEndpoints.length > 0 ? 'private endpoint only' : ''].filter(Boolean).join(', ');
      edges.push(`  ${principal} -->${guard ? `|"${escapeLabel(guard)}"|` : ''} ${model}`);
      edges.push(`  ${model} -->${r.outsideAllowedRegions.length > 0 ? `|"${escapeLabel(`OUTSIDE allowed regions: ${r.outsideAllowedRegions.join(', ')}`)}"|` : ''} ${region}`);
      edges.push(`  ${model} -.- ${log}`);
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
      r.loggedTo.length > 0 ? r.loggedTo.join('<br>') : '**not logged by this app**',
    ].map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...groups.get(key(item)) ?? [], item]);
  return groups;
}

/** Mermaid reads a double quote as the end of a label. */
function escapeLabel(text: string): string {
  return text.replace(/"/g, '#quot;');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
