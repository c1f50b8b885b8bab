import { aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Problems } from '../../core/validation';
import { BedrockLandingZoneErrorCode } from '../../errors/error-code';

/** AWS Organizations' limit on one service control policy, in characters. */
const SCP_MAX_CHARACTERS = 5120;
/** SCPs per target: AWS allows 5, one of which is normally FullAWSAccess. */
const MAX_POLICIES = 4;
/** The policy document around the statements, minified. */
const ENVELOPE = JSON.stringify({ Version: '2012-10-17', Statement: [] }).length;

/** Minified size of a statement with literal values. */
export function statementSize(statement: iam.PolicyStatement): number {
  return JSON.stringify(statement.toStatementJson()).length;
}

/**
 * First-fit packing of the statements into policies under the size limit, in their order. `sizes` are
 * measured apart from the statements, which hold the partition as a token. A statement too large for
 * one policy, or more policies than a target holds, fails synth.
 */
export function packStatements(scope: Construct, statements: iam.PolicyStatement[], sizes: number[]): iam.PolicyStatement[][] {
  const problems = new Problems();
  const groups: Array<{ size: number; statements: iam.PolicyStatement[] }> = [];
  for (const [i, statement] of statements.entries()) {
    const size = sizes[i];
    if (ENVELOPE + size > SCP_MAX_CHARACTERS) {
      problems.add(`statement ${statement.sid} is ${size} characters, more than one service control policy holds (${SCP_MAX_CHARACTERS - ENVELOPE} ` +
        'after the policy envelope); it cannot be split, because a Deny with NotResource must list every approved ARN at once. ' +
        'Approve fewer models or geographies in one policy set: use one BedrockOrganizationPolicies per group of OUs');
      continue;
    }
    const group = groups.find(g => g.size + size + 1 <= SCP_MAX_CHARACTERS);
    if (group) {
      group.statements.push(statement);
      group.size += size + 1;
    } else {
      groups.push({ size: ENVELOPE + size, statements: [statement] });
    }
  }
  problems.check(groups.length <= MAX_POLICIES, `the statements need ${groups.length} policies, more than the ${MAX_POLICIES} a target can hold ` +
    'next to FullAWSAccess (AWS allows 5 per target): approve fewer models or geographies');
  problems.throwIfAny(scope, 'BedrockOrganizationPolicies', BedrockLandingZoneErrorCode.ORGANIZATION_POLICIES_SIZE);
  return groups.map(g => g.statements);
}
