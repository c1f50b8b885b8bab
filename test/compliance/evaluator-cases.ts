/**
 * Condition cases with the decision IAM makes, shared by the evaluator's tests
 * (policy-evaluator-conditions and -matching, which mutation testing runs) and
 * evaluator-cases-simulator.test.ts, which checks that the IAM simulator decides each one the same way.
 */

export const allowIf = (condition: Record<string, unknown>) => ({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: condition });

const ACCOUNT = '111111111111';

/** aws:CalledVia is a global multi-valued key: every action may carry it. */
export const SET_KEY = 'aws:CalledVia';
export const SET_VALUES = ['athena.amazonaws.com', 'cloudformation.amazonaws.com'];
const ALLOWED = SET_VALUES;

export interface SetCase {
  readonly name: string;
  readonly operator: string;
  readonly values: string[];
  readonly request?: string[];
  readonly met: boolean;
}

/** Set operators, IfExists and Null on missing and multi-valued keys: whether the condition is met. */
export const SET_CASES: SetCase[] = [
  { name: 'ForAllValues on a missing key is met (vacuous truth)', operator: 'ForAllValues:StringEquals', values: ALLOWED, met: true },
  { name: 'ForAllValues with every value allowed is met', operator: 'ForAllValues:StringEquals', values: ALLOWED, request: ['athena.amazonaws.com'], met: true },
  { name: 'ForAllValues with one value outside the list is not met', operator: 'ForAllValues:StringEquals', values: ALLOWED, request: ['athena.amazonaws.com', 'dataexchange.amazonaws.com'], met: false },
  { name: 'ForAnyValue on a missing key is not met', operator: 'ForAnyValue:StringEquals', values: ALLOWED, met: false },
  { name: 'ForAnyValue with one value in the list is met', operator: 'ForAnyValue:StringEquals', values: ALLOWED, request: ['dataexchange.amazonaws.com', 'athena.amazonaws.com'], met: true },
  { name: 'ForAnyValue with no value in the list is not met', operator: 'ForAnyValue:StringEquals', values: ALLOWED, request: ['dataexchange.amazonaws.com'], met: false },
  { name: 'ForAllValues:StringNotEquals with one listed value is not met', operator: 'ForAllValues:StringNotEquals', values: ALLOWED, request: ['dataexchange.amazonaws.com', 'athena.amazonaws.com'], met: false },
  { name: 'StringEqualsIfExists on a missing key is met', operator: 'StringEqualsIfExists', values: ALLOWED, met: true },
  { name: 'StringEquals on a missing key is not met', operator: 'StringEquals', values: ALLOWED, met: false },
  { name: 'StringNotEquals on a missing key is met', operator: 'StringNotEquals', values: ALLOWED, met: true },
  { name: 'Null true on a missing key is met', operator: 'Null', values: ['true'], met: true },
  { name: 'Null true on a present key is not met', operator: 'Null', values: ['true'], request: ['athena.amazonaws.com'], met: false },
  { name: 'Null false on a missing key is not met', operator: 'Null', values: ['false'], met: false },
  { name: 'Null [true, false] is met on a missing key', operator: 'Null', values: ['true', 'false'], met: true },
  { name: 'Null [true, false] is met on a present key', operator: 'Null', values: ['true', 'false'], request: ['athena.amazonaws.com'], met: true },
  { name: 'ForAnyValue:StringNotEquals on a missing key is not met (not the negated operator\'s true)', operator: 'ForAnyValue:StringNotEquals', values: ALLOWED, met: false },
  { name: 'ForAnyValue:StringNotEquals with one value outside the list is met', operator: 'ForAnyValue:StringNotEquals', values: ALLOWED, request: ['athena.amazonaws.com', 'dataexchange.amazonaws.com'], met: true },
  { name: 'ForAnyValue:StringNotEquals with every value in the list is not met', operator: 'ForAnyValue:StringNotEquals', values: ALLOWED, request: ['athena.amazonaws.com', 'cloudformation.amazonaws.com'], met: false },
  { name: 'ForAllValues:StringNotEquals on a missing key is met (vacuous truth)', operator: 'ForAllValues:StringNotEquals', values: ALLOWED, met: true },
];

export interface OperatorCase {
  readonly name: string;
  readonly condition: Record<string, unknown>;
  readonly context: Record<string, string | string[]>;
  readonly allowed: boolean;
  /**
   * Why the simulator is not asked: it decides these differently from the IAM user guide's reading
   * (special characters in conditions) or AWS leaves the case undefined (a single-valued operator on
   * a multi-valued key); the pack's reading is stated in policy-evaluator.ts.
   */
  readonly notSimulated?: string;
}

/** Condition operators and policy variables in an Allow: whether it allows the request. */
export const OPERATOR_CASES: OperatorCase[] = [
  { name: 'StringEqualsIgnoreCase matches another case', condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'CLAIMS' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: true },
  { name: 'StringEquals does not', condition: { StringEquals: { 'aws:PrincipalTag/team': 'CLAIMS' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: false },
  { name: 'StringNotEqualsIgnoreCase is not met by another case', condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'CLAIMS' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: false },
  { name: 'StringLike with * and ?', condition: { StringLike: { 'aws:PrincipalTag/team': 'cl?ims-*' } }, context: { 'aws:PrincipalTag/team': 'claims-eu' }, allowed: true },
  { name: 'StringLike ? is one character', condition: { StringLike: { 'aws:PrincipalTag/team': 'cl?ims' } }, context: { 'aws:PrincipalTag/team': 'clims' }, allowed: false },
  { name: 'StringLike treats regex characters literally', condition: { StringLike: { 'aws:PrincipalTag/team': 'a.c(d)+' } }, context: { 'aws:PrincipalTag/team': 'abc(d)' }, allowed: false },
  { name: 'StringLike matches the literal of regex characters', condition: { StringLike: { 'aws:PrincipalTag/team': 'a.c(d)+' } }, context: { 'aws:PrincipalTag/team': 'a.c(d)+' }, allowed: true },
  { name: 'StringNotLike', condition: { StringNotLike: { 'aws:PrincipalTag/team': 'claims*' } }, context: { 'aws:PrincipalTag/team': 'claims-eu' }, allowed: false },
  { name: 'ArnEquals', condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` } }, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` }, allowed: true },
  { name: 'ArnEquals another role', condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app` } }, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/other` }, allowed: false },
  { name: 'ArnLike with a wildcard', condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app-*' } }, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-eu` }, allowed: true },
  { name: 'ArnLike needs an ARN', condition: { ArnLike: { 'aws:PrincipalTag/team': '*' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: false },
  { name: 'ArnNotLike', condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app-*' } }, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-eu` }, allowed: false },
  { name: 'NumericLessThan', condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:MultiFactorAuthAge': '60' }, allowed: true },
  { name: 'NumericLessThan at the bound', condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:MultiFactorAuthAge': '3600' }, allowed: false },
  { name: 'NumericLessThanEquals at the bound', condition: { NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:MultiFactorAuthAge': '3600' }, allowed: true },
  { name: 'NumericGreaterThan', condition: { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:MultiFactorAuthAge': '3600' }, allowed: false },
  { name: 'NumericGreaterThanEquals at the bound', condition: { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:MultiFactorAuthAge': '3600' }, allowed: true },
  { name: 'NumericEquals', condition: { NumericEquals: { 'aws:MultiFactorAuthAge': '10' } }, context: { 'aws:MultiFactorAuthAge': '10.0' }, allowed: true },
  { name: 'NumericNotEquals', condition: { NumericNotEquals: { 'aws:MultiFactorAuthAge': '10' } }, context: { 'aws:MultiFactorAuthAge': '10' }, allowed: false },
  { name: 'a number that is not one', condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'ten' } }, context: { 'aws:MultiFactorAuthAge': '1' }, allowed: false },
  { name: 'DateLessThan', condition: { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: true },
  { name: 'DateLessThan after it', condition: { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: false },
  { name: 'DateLessThanEquals at the bound', condition: { DateLessThanEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: true },
  { name: 'DateGreaterThan', condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: false },
  { name: 'DateGreaterThanEquals at the bound', condition: { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: true },
  { name: 'DateEquals in epoch seconds', condition: { DateEquals: { 'aws:EpochTime': '1765000000' } }, context: { 'aws:EpochTime': '1765000000' }, allowed: true },
  { name: 'DateNotEquals', condition: { DateNotEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: false },
  { name: 'Bool true in any case', condition: { Bool: { 'aws:SecureTransport': 'true' } }, context: { 'aws:SecureTransport': 'TRUE' }, allowed: true },
  { name: 'Bool false', condition: { Bool: { 'aws:SecureTransport': 'true' } }, context: { 'aws:SecureTransport': 'false' }, allowed: false },
  { name: 'IpAddress inside the range', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, context: { 'aws:SourceIp': '203.0.113.77' }, allowed: true },
  { name: 'IpAddress outside the range', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, context: { 'aws:SourceIp': '203.0.114.1' }, allowed: false },
  { name: 'IpAddress with two-digit octets in the range', condition: { IpAddress: { 'aws:SourceIp': '10.20.0.0/16' } }, context: { 'aws:SourceIp': '10.20.30.40' }, allowed: true },
  { name: 'IpAddress with a three-digit last octet in the range', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.128/25' } }, context: { 'aws:SourceIp': '203.0.113.200' }, allowed: true },
  { name: 'NumericGreaterThanEquals above the bound', condition: { NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, context: { 'aws:MultiFactorAuthAge': '3601' }, allowed: true },
  { name: 'DateGreaterThanEquals after the bound', condition: { DateGreaterThanEquals: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' } }, context: { 'aws:CurrentTime': '2026-12-07T00:00:00Z' }, allowed: true },
  { name: 'DateEquals of a date without a time', condition: { DateEquals: { 'aws:CurrentTime': '2026-12-06' } }, context: { 'aws:CurrentTime': '2026-12-06T00:00:00Z' }, allowed: true },
  { name: 'IpAddress of one host', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, context: { 'aws:SourceIp': '203.0.113.7' }, allowed: true },
  { name: 'IpAddress: an address with a trailing space is not an address in the range', condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, context: { 'aws:SourceIp': '203.0.113.1 ' }, allowed: false },
  { name: 'NotIpAddress inside the range', condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, context: { 'aws:SourceIp': '10.1.2.3' }, allowed: false },
  { name: 'a policy variable from the request', condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}' } }, context: { 'aws:PrincipalTag/team': 'claims', 'aws:PrincipalTag/owner': 'claims' }, allowed: true },
  { name: 'a policy variable with another value', condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}' } }, context: { 'aws:PrincipalTag/team': 'claims', 'aws:PrincipalTag/owner': 'fraud' }, allowed: false },
  { name: 'a policy variable without a value matches nothing', condition: { StringLike: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}*' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: false },
  { name: 'a policy variable\'s default value', condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner, \'claims\'}' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: true },
  { name: 'a default value must be quoted from its first character', condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner, x\'claims\'}' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: false },
  { name: 'a default value must be quoted to its last character', condition: { StringEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner, \'claims\'x}' } }, context: { 'aws:PrincipalTag/team': 'claims' }, allowed: false },
  { name: 'a policy variable\'s key in another case', condition: { StringEquals: { 'aws:PrincipalTag/team': '${AWS:PRINCIPALTAG/owner}' } }, context: { 'aws:PrincipalTag/team': 'claims', 'aws:PrincipalTag/owner': 'claims' }, allowed: true },
  { name: '${*} is a literal star', condition: { StringEquals: { 'aws:PrincipalTag/team': 'a${*}' } }, context: { 'aws:PrincipalTag/team': 'a*' }, allowed: true, notSimulated: 'the simulator does not read ${*}, ${?}, ${$} in a condition as the literal character' },
  { name: '${*} does not match as a wildcard in StringEquals', condition: { StringEquals: { 'aws:PrincipalTag/team': 'a${*}' } }, context: { 'aws:PrincipalTag/team': 'ab' }, allowed: false, notSimulated: 'the simulator does not read ${*}, ${?}, ${$} in a condition as the literal character' },
  { name: '${$} is a literal dollar', condition: { StringEquals: { 'aws:PrincipalTag/team': 'a${$}' } }, context: { 'aws:PrincipalTag/team': 'a$' }, allowed: true, notSimulated: 'the simulator does not read ${*}, ${?}, ${$} in a condition as the literal character' },
  { name: '${?} is a literal question mark', condition: { StringEquals: { 'aws:PrincipalTag/team': 'a${?}' } }, context: { 'aws:PrincipalTag/team': 'a?' }, allowed: true, notSimulated: 'the simulator does not read ${*}, ${?}, ${$} in a condition as the literal character' },
  { name: 'a single-valued positive operator on a multi-valued key: any value', condition: { StringEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } }, context: { 'aws:CalledVia': ['athena.amazonaws.com', 'dataexchange.amazonaws.com'] }, allowed: true, notSimulated: 'AWS documents no behaviour for a single-valued operator on a multi-valued key' },
  { name: 'a single-valued negated operator on a multi-valued key: every value', condition: { StringNotEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } }, context: { 'aws:CalledVia': ['athena.amazonaws.com', 'dataexchange.amazonaws.com'] }, allowed: false, notSimulated: 'AWS documents no behaviour for a single-valued operator on a multi-valued key' },
  { name: 'condition keys in any case', condition: { StringEquals: { 'AWS:PrincipalTag/team': 'claims' } }, context: { 'aws:principaltag/team': 'claims' }, allowed: true },
];


export interface ResourceCase {
  readonly name: string;
  readonly action: string;
  /** The Resource element's pattern */
  readonly pattern: string;
  readonly resource: string;
  /** Whether IAM matches the pattern to the resource */
  readonly matches: boolean;
}

const SONNET_ARN = 'arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0';

/**
 * Resource patterns against real resource ARNs (the simulator validates them): a wildcard in one of
 * the first five segments never spans a colon, the resource part takes the rest (colons included).
 */
export const RESOURCE_CASES: ResourceCase[] = [
  { name: 'a region wildcard does not reach across the empty account into the resource part', action: 'bedrock:InvokeModel', pattern: 'arn:aws:bedrock:eu-*:foundation-model/*:*', resource: SONNET_ARN, matches: false },
  { name: 'the same pattern with the account segment in place matches', action: 'bedrock:InvokeModel', pattern: 'arn:aws:bedrock:eu-*::foundation-model/*:*', resource: SONNET_ARN, matches: true },
  { name: 'the colon inside the resource part is part of the pattern', action: 'bedrock:InvokeModel', pattern: 'arn:aws:bedrock:*::foundation-model/*-v1:0', resource: SONNET_ARN.replace('-v1:0', '-v10'), matches: false },
  { name: 'a wildcard in the resource part spans its colons', action: 'bedrock:InvokeModel', pattern: 'arn:aws:bedrock:*::foundation-model/anthropic.*', resource: SONNET_ARN, matches: true },
  // A pattern of fewer than six segments reads as if the missing ones were `*` (so its last segment is the account, not the rest).
  { name: 'a short ARN pattern does not let its last segment take the account and the resource part', action: 'bedrock:InvokeModel', pattern: 'arn:aws:bedrock:*:foundation-model/*', resource: SONNET_ARN, matches: false },
  { name: 'a short ARN pattern ending in a wildcard matches every resource of the service', action: 'bedrock:InvokeModel', pattern: 'arn:aws:bedrock:*', resource: SONNET_ARN, matches: true },
  { name: 'a short ARN pattern names its service', action: 'bedrock:InvokeModel', pattern: 'arn:aws:s3:*', resource: SONNET_ARN, matches: false },
  { name: 'a short ARN pattern of region and account matches the account\'s resources', action: 'bedrock:ApplyGuardrail', pattern: 'arn:aws:bedrock:eu-central-1:111111111111', resource: 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc', matches: true },
  { name: 'a short ARN pattern of another account does not', action: 'bedrock:ApplyGuardrail', pattern: 'arn:aws:bedrock:eu-central-1:222222222222', resource: 'arn:aws:bedrock:eu-central-1:111111111111:guardrail/abc', matches: false },
];

export interface QuestionCase {
  readonly name: string;
  readonly statements: Record<string, unknown>[];
  readonly action: string;
  readonly resource: string;
  /** What the question decides (ProbeRequest.decidedKeys and context) */
  readonly context: Record<string, string>;
  readonly decidedKeys: string[];
  /** The pack's answer: whether some caller gets the request through */
  readonly allowed: boolean;
  /** Context keys the question leaves open, with values of a caller the simulator allows (or, for false, a caller it denies) */
  readonly witness: Record<string, string>;
}

/**
 * Questions ("can some caller do this?") with a key or a policy variable the question leaves to the
 * caller; the witness is one such caller, and the simulator must decide it as the pack answers.
 */
export const QUESTION_CASES: QuestionCase[] = [
  {
    name: 'an Allow\'s NotResource with a variable the question leaves open does not exclude the resource for every caller',
    statements: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::bucket/${aws:username}/*' }],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/alice/file',
    context: {},
    decidedKeys: [],
    allowed: true,
    witness: { 'aws:username': 'bob' },
  },
  {
    name: 'a Deny whose condition values include a variable the question leaves open does not fence a caller who sets it',
    statements: [
      { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' },
      { Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', '${aws:PrincipalTag/region}'] } } },
    ],
    action: 'bedrock:InvokeModel',
    resource: SONNET_ARN.replace('eu-central-1', 'us-east-1'),
    context: { 'aws:RequestedRegion': 'us-east-1' },
    decidedKeys: ['aws:RequestedRegion'],
    allowed: true,
    witness: { 'aws:PrincipalTag/region': 'us-east-1' },
  },
];
