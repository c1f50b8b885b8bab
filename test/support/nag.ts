import { IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { Acknowledgement, Finding, resultsOf, synthValidationReport } from './validation-report';

/** The four packs every construct of the library must pass. */
export const STANDARD_PACK_NAMES = ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'];

export interface ComplianceResult {
  /** Unacknowledged violations of every pack, `<rule> @ <construct path>`, sorted */
  readonly violations: Finding[];
  /** Acknowledged violations of every pack, sorted by rule then path */
  readonly acknowledgements: Acknowledgement[];
}

/**
 * Runs cdk-nag 3's AwsSolutions, HIPAA.Security, NIST.800.53.R5 and PCI.DSS.321 packs (and any extra
 * packs) on the app that holds `scope`, and returns the exact violations and acknowledgements.
 *
 * Only resources under `scope` are returned, so a test about one construct is not disturbed by
 * the fixtures around it.
 */
export function checkCompliance(scope: IConstruct, extraPacks: IPolicyValidationPlugin[] = []): ComplianceResult {
  const app = scope.node.root;
  const packs: IPolicyValidationPlugin[] = [
    new AwsSolutionsChecks(app),
    new HIPAASecurityChecks(app),
    new NIST80053R5Checks(app),
    new PCIDSS321Checks(app),
    ...extraPacks,
  ];
  const results = synthValidationReport(scope, packs);
  const byPack = packs.map(p => resultsOf(results, p.name));
  const prefix = scope.node.path;
  const under = (p: string) => prefix === '' || p === prefix || p.startsWith(`${prefix}/`);
  return {
    violations: byPack.flatMap(r => r.violations).filter(v => under(v.split(' @ ')[1])).sort(),
    acknowledgements: byPack
      .flatMap(r => r.acknowledgements)
      .filter(a => under(a.path))
      .sort((a, b) => `${a.id} ${a.path}`.localeCompare(`${b.id} ${b.path}`)),
  };
}

/** Acknowledgements reduced to `id @ path: reason`, the form tests list them in. */
export function describeAcknowledgements(acks: Acknowledgement[]): string[] {
  return acks.map(a => `${a.id} @ ${a.path}: ${a.reason}`);
}
