import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** One violation that no acknowledgement covers, as `<rule> @ <construct path>`. */
export type Finding = string;

/** A violation that an acknowledgement covers, with the acknowledgement's own words. */
export interface Acknowledgement {
  /** The rule as recorded in the report: `<pack namespace>::<rule id>` */
  readonly id: string;
  /** The construct path of the violating resource */
  readonly path: string;
  /** The construct path where the acknowledgement was made */
  readonly at: string;
  readonly reason: string;
}

export interface PluginResults {
  readonly violations: Finding[];
  /** The same violations with the plugin's description: `<rule> @ <construct path>: <description>` */
  readonly messages: string[];
  readonly acknowledgements: Acknowledgement[];
}

/**
 * Results per plugin name, as aws-cdk-lib's validation framework reports them. A plugin that found
 * nothing is absent from the framework's report; `resultsOf` turns that into empty results.
 */
export type ValidationResults = Record<string, PluginResults>;

const NOTHING_FOUND: PluginResults = { violations: [], messages: [], acknowledgements: [] };

/** The results of one plugin: empty when the plugin found nothing. */
export function resultsOf(results: ValidationResults, pluginName: string): PluginResults {
  return results[pluginName] ?? NOTHING_FOUND;
}

interface ReportConstruct { readonly constructPath?: string }
interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity?: string;
  readonly violatingConstructs: ReportConstruct[];
  readonly acknowledgedId?: string;
  readonly reason?: string;
  readonly acknowledgedAt?: string;
}
interface ReportPlugin {
  readonly pluginName: string;
  readonly conclusion: string;
  readonly violations?: ReportViolation[];
  readonly suppressedViolations?: ReportViolation[];
  readonly metadata?: Record<string, string>;
}

/**
 * Registers the plugins on the scope's app, synthesizes it through aws-cdk-lib's own policy
 * validation framework and reads back `validation-report.json`.
 *
 * Going through the framework (rather than calling a pack's `validateScope` directly) is what makes
 * the prefixed acknowledgements (`AwsSolutions::AwsSolutions-IAM5[...]`) count, exactly as they do in
 * a user's `cdk synth`.
 */
export function synthValidationReport(scope: IConstruct, plugins: IPolicyValidationPlugin[]): ValidationResults {
  const app = appOf(scope);
  Validations.of(app).addPlugins(...plugins);
  const assembly = synthesizeKeepingReport(app);
  const reportFile = path.join(assembly, 'validation-report.json');
  if (!fs.existsSync(reportFile)) {
    throw new Error(`no validation report was written to ${reportFile}: no plugin ran`);
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: ReportPlugin[] };
  const results: ValidationResults = {};
  for (const plugin of report.pluginReports) {
    if (plugin.conclusion === 'failure' && plugin.metadata?.error) {
      throw new Error(`validation plugin ${plugin.pluginName} crashed: ${plugin.metadata.error}`);
    }
    results[plugin.pluginName] = {
      violations: (plugin.violations ?? [])
        .flatMap(v => v.violatingConstructs.map(c => `${v.ruleName} @ ${c.constructPath ?? '?'}`))
        .sort(),
      messages: (plugin.violations ?? [])
        .flatMap(v => v.violatingConstructs.map(c => `${v.ruleName} @ ${c.constructPath ?? '?'}: ${v.description}`))
        .sort(),
      acknowledgements: (plugin.suppressedViolations ?? [])
        .flatMap(v => v.violatingConstructs.map(c => ({
          id: v.acknowledgedId ?? v.ruleName,
          path: c.constructPath ?? '?',
          at: v.acknowledgedAt ?? '?',
          reason: v.reason ?? '',
        })))
        .sort((a, b) => `${a.id} ${a.path}`.localeCompare(`${b.id} ${b.path}`)),
    };
  }
  return results;
}

function appOf(scope: IConstruct): App {
  const root = scope.node.root;
  if (!App.isApp(root)) {
    throw new Error(`the scope ${scope.node.path} is not inside an App`);
  }
  return root;
}

/**
 * In jest, aws-cdk-lib throws after writing the report when a plugin fails. The report is what we
 * want, so the ValidationFailed error is expected; anything else is a real failure.
 */
function synthesizeKeepingReport(app: App): string {
  // The framework also prints the report to stderr; the test reads the JSON copy instead.
  const printReport = console.error;
  console.error = () => {};
  try {
    return app.synth({ force: true }).directory;
  } catch (e) {
    if (e instanceof Error && /A copy of this report can be found in/.test(e.message)) {
      return app.outdir;
    }
    throw e;
  } finally {
    console.error = printReport;
  }
}

