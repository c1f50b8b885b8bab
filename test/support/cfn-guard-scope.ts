import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport } from 'aws-cdk-lib';

/**
 * cfn-guard over the Control Tower rules costs in proportion to (rule files x template size): the
 * binary walks every template once per rule file, even a rule file whose every rule is skipped
 * because the template has no resource of its type (docs/testing-time.md). This module lets a test
 * run only the rule files that can find something in the templates it checks, and proves, for every
 * rule file it leaves out, from the rule file's own text, that cfn-guard would skip all its rules on
 * those templates: the findings are the same, the binary just does less work.
 */

/** The Control Tower rules that `new CfnGuardValidator({ controlTowerRulesEnabled: true })` runs. */
export const CONTROL_TOWER_RULES = path.join(
  path.dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')), 'rules', 'control-tower', 'cfn-guard');

/** Every `.guard` file under the Control Tower rules directory, sorted. */
export function controlTowerRuleFiles(): string[] {
  const under = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? under(path.join(dir, e.name))
    : e.name.endsWith('.guard') ? [path.join(dir, e.name)] : []);
  return under(CONTROL_TOWER_RULES).sort();
}

/**
 * What one evaluated rule of a rule file needs before cfn-guard evaluates its body. cfn-guard skips
 * the rule when any one gate is closed (the `when` conjuncts are ANDed):
 * - `resources`: a resource whose `Type` is one of `types` (`%var not empty` on `Resources.*[ Type == T ]`);
 * - `hook`: a top-level key of the document named `type` (`is_cfn_hook(%INPUT_DOCUMENT, T)`, the shape
 *   of a CloudFormation hook's input, never of a template).
 */
export type Gate = { readonly resources: readonly string[] } | { readonly hook: string };

/** A rule file read for its gates: every evaluated rule's gates, or why the file cannot be read so. */
export type RuleFileGates = { readonly rules: ReadonlyArray<readonly Gate[]> } | { readonly unprovable: string };

/** What cfn-guard can see of the templates before a rule's body: the resource types and the top-level keys. */
export interface TemplateShape {
  readonly resourceTypes: ReadonlySet<string>;
  readonly topLevelKeys: ReadonlySet<string>;
}

/** The resource types and top-level keys of the templates, read from the files cfn-guard is given. */
export function templateShape(templatePaths: readonly string[]): TemplateShape {
  const resourceTypes = new Set<string>();
  const topLevelKeys = new Set<string>();
  for (const file of templatePaths) {
    const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources?: Record<string, { Type?: unknown }> };
    Object.keys(template).forEach(k => topLevelKeys.add(k));
    for (const resource of Object.values(template.Resources ?? {})) {
      resourceTypes.add(String(resource.Type));
    }
  }
  return { resourceTypes, topLevelKeys };
}

/**
 * Reads the gates of a rule file, accepting only the shapes it can prove: top-level `let`s and
 * `rule`s; a rule without parameters must have a `when` with no `or` and at least one gate; the
 * filtered variables and the hook test must be the Control Tower forms exactly. Anything else is
 * `unprovable`, and such a file is always run.
 */
export function ruleFileGates(text: string): RuleFileGates {
  // Messages (<< ... >>) hold free text; strings and regular expressions may hold braces and #;
  // comments run from # to the end of the line.
  let code = text.replace(/<<[\s\S]*?>>/g, ' ');
  let masked = code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/(?:[^/\\\n]|\\.)*\//g, m => m[0] + ' '.repeat(m.length - 2) + m[m.length - 1]);
  for (const comment of masked.matchAll(/#[^\n]*/g)) {
    const blank = ' '.repeat(comment[0].length);
    code = code.slice(0, comment.index) + blank + code.slice(comment.index + blank.length);
    masked = masked.slice(0, comment.index) + blank + masked.slice(comment.index + blank.length);
  }
  const statements = topLevelStatements(code, masked);
  if ('unprovable' in statements) return statements;

  const constants = new Map<string, string>();
  const filtered = new Map<string, string[]>();
  let inputDocument: string | undefined;
  let hookBody: string | undefined;
  const evaluated: string[] = [];
  for (const { header, body } of statements.statements) {
    const let_ = /^let\s+(\w+)\s*=\s*([\s\S]*)$/.exec(header);
    if (let_ && body === undefined) {
      const [, name, value] = let_;
      constants.delete(name);
      filtered.delete(name);
      if (inputDocument === name) inputDocument = undefined;
      const literal = /^(["'])(AWS::\w+::\w+)\1$/.exec(value.trim());
      if (literal) constants.set(name, literal[2]);
      if (value.trim() === 'this') inputDocument = name;
      const resources = /^Resources\.\*\[([\s\S]*)\]$/.exec(value.trim());
      if (resources) {
        const types = filterTypes(resources[1], constants);
        if (types) filtered.set(name, types);
      }
      continue;
    }
    const parameterized = /^rule\s+(\w+)\s*\(([^)]*)\)$/.exec(header);
    if (parameterized && body !== undefined) {
      // Evaluated only where another rule calls it.
      if (parameterized[1] === 'is_cfn_hook') hookBody = `${parameterized[2]}|${body.replace(/\s+/g, ' ').trim()}`;
      continue;
    }
    const gated = /^rule\s+\w+\s+when\s+([\s\S]+)$/.exec(header);
    if (gated && body !== undefined) {
      evaluated.push(gated[1]);
      continue;
    }
    return { unprovable: `a top-level statement that is not a let, a parameterized rule or a rule with a when: ${oneLine(header)}` };
  }

  const rules: Gate[][] = [];
  for (const condition of evaluated) {
    if (/\bor\b|\bOR\b|\|\|/.test(condition)) return { unprovable: `a when with a disjunction: ${oneLine(condition)}` };
    if (/\bnot\b|!/.test(condition.replace(/\bnot\s+empty\b|!empty\b/g, ''))) return { unprovable: `a when with a negation: ${oneLine(condition)}` };
    const gates: Gate[] = [];
    for (const m of condition.matchAll(/%(\w+)\s+(?:not\s+empty|!empty)/g)) {
      const types = filtered.get(m[1]);
      if (types) gates.push({ resources: types });
    }
    for (const m of condition.matchAll(/is_cfn_hook\(\s*(%\w+|this)\s*,\s*%(\w+)\s*\)/g)) {
      const document = m[1] === 'this' || (inputDocument !== undefined && m[1] === `%${inputDocument}`);
      const type = constants.get(m[2]);
      if (document && type && hookBody === 'doc, RESOURCE_TYPE|{ %doc.%RESOURCE_TYPE.resourceProperties exists }') gates.push({ hook: type });
    }
    if (gates.length === 0) return { unprovable: `a when that needs no resource type: ${oneLine(condition)}` };
    rules.push(gates);
  }
  return { rules };
}

/** True when cfn-guard would skip every rule of the file on templates of this shape. */
export function nothingToCheck(gates: RuleFileGates, shape: TemplateShape): boolean {
  if ('unprovable' in gates) return false;
  const closed = (gate: Gate) => 'hook' in gate
    ? !shape.topLevelKeys.has(gate.hook)
    : gate.resources.every(t => !shape.resourceTypes.has(t));
  return gates.rules.every(rule => rule.some(closed));
}

/** The Control Tower rule files with nothing to check in templates of this shape. */
export function ruleFilesWithNothingToCheck(shape: TemplateShape, files = controlTowerRuleFiles()): string[] {
  return files.filter(file => nothingToCheck(ruleFileGates(fs.readFileSync(file, 'utf8')), shape));
}

/**
 * The Control Tower cfn-guard plugin, run with only the rule files that have something to check in
 * the templates it is given. Same name, version and rule IDs as the plugin it stands for, so the
 * report and its acknowledgements are the same; the left-out files are the plugin's own
 * `disabledRules`.
 */
export class TemplateScopedCfnGuardValidator implements IPolicyValidationPlugin {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  /** The rule files left out by the last `validate`, for tests. */
  public leftOut: string[] = [];

  constructor(plugin: CfnGuardValidator) {
    if (!isDeepStrictEqual(plugin, new CfnGuardValidator({ controlTowerRulesEnabled: true }))) {
      throw new Error('only a CfnGuardValidator running all the Control Tower rules and nothing else can be scoped to its templates');
    }
    this.name = plugin.name;
    this.version = plugin.version;
    this.ruleIds = plugin.ruleIds;
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const files = controlTowerRuleFiles();
    const names = files.map(f => path.basename(f, '.guard'));
    if (new Set(names).size !== names.length) {
      throw new Error('two Control Tower rule files share a name: disabledRules could not tell them apart');
    }
    this.leftOut = ruleFilesWithNothingToCheck(templateShape(context.templatePaths), files);
    return new CfnGuardValidator({
      controlTowerRulesEnabled: true,
      disabledRules: this.leftOut.map(f => path.basename(f, '.guard')),
    }).validate(context);
  }
}

/** The plugins with every Control Tower cfn-guard plugin scoped to its templates; the others unchanged. */
export function scopeCfnGuardToTemplates(plugins: IPolicyValidationPlugin[]): IPolicyValidationPlugin[] {
  return plugins.map(p => p instanceof CfnGuardValidator ? new TemplateScopedCfnGuardValidator(p) : p);
}

/** The types a `Resources.*[ ... ]` filter admits, or undefined unless it is ANDed clauses with one on `Type`. */
function filterTypes(filter: string, constants: ReadonlyMap<string, string>): string[] | undefined {
  if (/\bor\b|\bOR\b|\|\||\bnot\b|!/.test(filter)) return undefined;
  const clause = /(?:^|\s)Type\s*(==|in)\s*(%\w+|"[^"]*"|'[^']*'|\[[^\]]*\])/.exec(filter);
  if (!clause) return undefined;
  const operands = clause[1] === 'in' ? clause[2].slice(1, -1).split(',').map(s => s.trim()).filter(s => s) : [clause[1] === '==' ? clause[2] : ''];
  const types: string[] = [];
  for (const operand of operands) {
    const type = operand.startsWith('%') ? constants.get(operand.slice(1)) : /^(["'])(AWS::\w+::\w+)\1$/.exec(operand)?.[2];
    if (!type) return undefined;
    types.push(type);
  }
  return types.length > 0 ? types : undefined;
}

/**
 * The top-level statements: a header and, for a block, its body; unprovable if braces do not balance.
 * Braces are found in `masked` (the code with the contents of strings and regular expressions blanked).
 */
function topLevelStatements(code: string, masked: string): { statements: Array<{ header: string; body?: string }> } | { unprovable: string } {
  const statements: Array<{ header: string; body?: string }> = [];
  let header = '';
  let i = 0;
  const flush = () => {
    // Header text before a block may hold several lets and then the rule that owns the block.
    for (const part of header.split(/(?=^\s*(?:let|rule)\b)/m).map(s => s.trim()).filter(s => s)) {
      statements.push({ header: part });
    }
    header = '';
  };
  while (i < code.length) {
    const c = masked[i];
    if (c === '}') return { unprovable: 'an unbalanced }' };
    if (c !== '{') {
      header += code[i];
      i++;
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < code.length; j++) {
      if (masked[j] === '{') depth++;
      if (masked[j] === '}' && --depth === 0) break;
    }
    if (depth !== 0) return { unprovable: 'an unbalanced {' };
    flush();
    const owner = statements.pop();
    if (!owner || !/^rule\b/.test(owner.header)) return { unprovable: `a block that belongs to no rule: ${oneLine(owner?.header ?? '')}` };
    statements.push({ header: owner.header, body: code.slice(i, j + 1) });
    i = j + 1;
  }
  flush();
  return { statements };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
