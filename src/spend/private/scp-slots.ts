import { Stack, Token, aws_organizations as organizations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** AWS Organizations' quota of service control policies attached directly to one root, OU or account. */
export const SCPS_PER_TARGET = 5;

/**
 * The problems of an organization stop whose targets have no free slot for its policy: Budgets attaches
 * the stop's SCP to each target when it fires, and a target that already holds five fails that attachment,
 * so nothing stops. Only what the app shows is counted: the service control policies of this app attached
 * directly to the target (those of a parent count against the parent's five), and AWS's FullAWSAccess, which
 * every target holds unless the organization replaced it. Policies attached outside this app (the
 * organization's own, Control Tower's) cannot be seen: the stop's doc asks for the slot to stay free (docs/adr/0032).
 *
 * @param stop the stop, whose own policy is attached by Budgets only
 * @param stopPolicy the stop's policy, not counted
 * @param targetIds the stop's targets, as given
 */
export function fullTargetProblems(stop: IConstruct, stopPolicy: organizations.CfnPolicy, targetIds: string[]): string[] {
  const scps = stop.node.root.node.findAll()
    .filter((c): c is organizations.CfnPolicy => c instanceof organizations.CfnPolicy && c !== stopPolicy)
    .filter(p => Stack.of(p).resolve(p.type) === 'SERVICE_CONTROL_POLICY');
  const problems: string[] = [];
  targetIds.forEach((target, i) => {
    if (Token.isUnresolved(target)) return;
    const attached = scps.filter(p => {
      const targets = Stack.of(p).resolve(p.targetIds);
      return Array.isArray(targets) && targets.includes(target);
    });
    // FullAWSAccess (or the organization's replacement for it) holds one of the five.
    if (attached.length + 1 + 1 <= SCPS_PER_TARGET) return;
    problems.push(`targetIds[${i}] is '${target}', which already receives ${attached.length} service control policies of this app ` +
      `(${attached.map(p => p.node.path).join(', ')}); with FullAWSAccess that leaves no slot of the ${SCPS_PER_TARGET} AWS allows per target, so ` +
      'AWS Budgets could not attach the stop\'s policy when it fires. Name the accounts instead (each has five of its own), or an OU with a free slot');
  });
  return problems;
}
