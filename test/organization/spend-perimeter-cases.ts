import { PROTECTED_TAG_KEY } from '../../src/core/protected-resources';

/**
 * Round 4 (issue 27, the spend stop's own perimeter): rt3's findings F1, F9 and F2 (continued) as requests
 * of a workload administrator that the organization's SCPs must deny, each statement's with the governed
 * use next to it. Shaped like red-team-round-cases.ts (whose RED_TEAM_ATTACKS includes these), kept apart
 * so that each round's file stays one job.
 */
export interface SpendPerimeterCase {
  readonly name: string;
  readonly action: string;
  readonly resource?: string;
  readonly principal?: string;
  readonly context?: Record<string, string | string[]>;
}

const MEMBER = '111111111111';
const HOME = 'eu-central-1';
const TAGGED = { [`aws:ResourceTag/${PROTECTED_TAG_KEY}`]: 'true' };
const role = (pathAndName: string) => `arn:aws:iam::${MEMBER}:role/${pathAndName}`;
const policy = (pathAndName: string) => `arn:aws:iam::${MEMBER}:policy/${pathAndName}`;
/** The deployers: CloudFormation's execution role of the landing zone's qualifier. */
export const SPEND_CFN_EXEC = role(`cdk-blz-cfn-exec-role-${MEMBER}-${HOME}`);

// CloudFormation names what it creates <stack>-<logical ID>-<suffix>; the logical IDs are the example's dev baseline's.
const GROUP_NAME = 'Baseline-dev-eu-central-1-LandingZoneSpendStopScheduleGroup-A1B2C3D4E5F6';
const STOP_GROUP = `arn:aws:scheduler:${HOME}:${MEMBER}:schedule-group/${GROUP_NAME}`;
const RESET_SCHEDULE = `arn:aws:scheduler:${HOME}:${MEMBER}:schedule/${GROUP_NAME}/Baseline-dev-eu-central-1-LandingZoneSpendStopResetSchedule-P0O9I8U7Y6T5`;
const REVERSE_SCHEDULE = `arn:aws:scheduler:${HOME}:${MEMBER}:schedule/${GROUP_NAME}/Baseline-dev-eu-central-1-LandingZoneSpendStopReverseSchedule-K9J8H7G6F5D4`;
const MY_GROUP = `arn:aws:scheduler:${HOME}:${MEMBER}:schedule-group/claims-reports`;
const MY_SCHEDULE = `arn:aws:scheduler:${HOME}:${MEMBER}:schedule/default/claims-nightly-report`;
/** The stop's roles, on the landing zone's path since round 4. */
export const STOP_EXECUTION_ROLE = role('bedrock-landing-zone/Baseline-dev-eu-central-1-LandingZoneSpendStopExecutionRole-Q1A2Z3W4S5X6');
const STOP_RESET_ROLE = role('bedrock-landing-zone/Baseline-dev-eu-central-1-LandingZoneSpendStopResetRole-Q1A2Z3W4S5X6');
const DELIVERY_ROLE = role('bedrock-landing-zone-log-delivery/Baseline-dev-eu-central-1-LandingZoneInvocationLoggingDel-AbCdEf123456');
/** The landing zone's model access policy, on the protected path since round 4. */
const MODEL_ACCESS = policy('bedrock-landing-zone/Baseline-dev-eu-central-1-LandingZoneModelAccessCBB9C217-M1N2B3V4C5X6');
const TEAM_MODEL_ACCESS = policy('Agent-dev-eu-central-1-AgentModelAccess5E6F7A8B-Z9Y8X7W6V5U4');
const passedTo = (service: string) => ({ 'iam:PassedToService': `${service}.amazonaws.com` });

export const ROUND_4_SPEND_ATTACKS_BY_STATEMENT: Record<string, SpendPerimeterCase[]> = {
  // rt3 F1: the schedules live in the stop's own group, which carries the tag; the IAM data gives schedule actions the group's tag.
  ProtectGovernanceControls: [
    { name: 'rt3 F1: the spend stop\'s reset schedule deleted (the stop fires once, then never again)', action: 'scheduler:DeleteSchedule', resource: RESET_SCHEDULE, context: TAGGED },
    { name: 'rt3 F1: the reset schedule disabled or moved to 2099', action: 'scheduler:UpdateSchedule', resource: RESET_SCHEDULE, context: TAGGED },
    { name: 'rt3 F1: the reverse schedule rewritten to rate(1 minute) (the stop undone minutes after it fires)', action: 'scheduler:UpdateSchedule', resource: REVERSE_SCHEDULE, context: TAGGED },
    { name: 'rt3 F1: a schedule of the developer\'s put into the stop\'s group', action: 'scheduler:CreateSchedule', resource: RESET_SCHEDULE, context: TAGGED },
    { name: 'rt3 F1: the stop\'s schedule group deleted with its schedules', action: 'scheduler:DeleteScheduleGroup', resource: STOP_GROUP, context: TAGGED },
    {
      name: 'rt3 F1: the protection tag removed from the stop\'s schedule group',
      action: 'scheduler:UntagResource',
      resource: STOP_GROUP,
      context: { ...TAGGED, 'aws:TagKeys': [PROTECTED_TAG_KEY] },
    },
    {
      name: 'rt3 F1: the protection tag overwritten on the stop\'s schedule group',
      action: 'scheduler:TagResource',
      resource: STOP_GROUP,
      context: { ...TAGGED, 'aws:TagKeys': [PROTECTED_TAG_KEY], [`aws:RequestTag/${PROTECTED_TAG_KEY}`]: 'false' },
    },
  ],
  DenyPassingExemptRoles: [
    { name: 'rt3 F1: the stop\'s reset role handed to a schedule of the developer\'s', action: 'iam:PassRole', resource: STOP_RESET_ROLE, context: passedTo('scheduler') },
    { name: 'rt3 F1: the stop\'s execution role handed to a budget action of the developer\'s', action: 'iam:PassRole', resource: STOP_EXECUTION_ROLE, context: passedTo('budgets') },
    { name: 'rt3 F9: the invocation log delivery role handed to Bedrock', action: 'iam:PassRole', resource: DELIVERY_ROLE, context: passedTo('bedrock') },
  ],
  // rt3 F2, continued: the landing zone's model access policies are on the protected path, which the statement names.
  ProtectExemptRoles: [
    { name: 'rt3 F2: a new version of the landing zone\'s model access policy (the application role granted anything)', action: 'iam:CreatePolicyVersion', resource: MODEL_ACCESS },
    { name: 'rt3 F2: an older version of the model access policy made the default', action: 'iam:SetDefaultPolicyVersion', resource: MODEL_ACCESS },
    { name: 'rt3 F2: a version of the model access policy deleted', action: 'iam:DeletePolicyVersion', resource: MODEL_ACCESS },
  ],
};

export const ROUND_4_SPEND_ATTACKS: SpendPerimeterCase[] = Object.values(ROUND_4_SPEND_ATTACKS_BY_STATEMENT).flat();

/** What must stay allowed next to them. */
export const ROUND_4_SPEND_GOVERNED: SpendPerimeterCase[] = [
  { name: 'rt3 F1: a developer updating their own schedule (default group, untaggable)', action: 'scheduler:UpdateSchedule', resource: MY_SCHEDULE },
  { name: 'rt3 F1: a developer deleting their own schedule group', action: 'scheduler:DeleteScheduleGroup', resource: MY_GROUP },
  { name: 'rt3 F1: a developer tagging their own schedule group', action: 'scheduler:TagResource', resource: MY_GROUP, context: { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'claims' } },
  { name: 'rt3 F1: a developer reading the stop\'s schedule', action: 'scheduler:GetSchedule', resource: RESET_SCHEDULE, context: TAGGED },
  { name: 'rt3 F1: a developer reading the stop\'s group\'s tags', action: 'scheduler:ListTagsForResource', resource: STOP_GROUP, context: TAGGED },
  { name: 'rt3 F1: the deployers updating the stop\'s schedule', action: 'scheduler:UpdateSchedule', resource: RESET_SCHEDULE, principal: SPEND_CFN_EXEC, context: TAGGED },
  { name: 'rt3 F1: the deployers passing the reset role to Scheduler', action: 'iam:PassRole', resource: STOP_RESET_ROLE, principal: SPEND_CFN_EXEC, context: passedTo('scheduler') },
  { name: 'rt3 F1: a developer passing their own role to Scheduler', action: 'iam:PassRole', resource: role('claims-scheduler'), context: passedTo('scheduler') },
  { name: 'rt3 F9: the deployers passing the delivery role to Bedrock', action: 'iam:PassRole', resource: DELIVERY_ROLE, principal: SPEND_CFN_EXEC, context: passedTo('bedrock') },
  { name: 'rt3 F9: a developer passing their own Bedrock service role', action: 'iam:PassRole', resource: role('service-role/claims-kb-role'), context: passedTo('bedrock') },
  { name: 'rt3 F2: a team versioning its own model access policy (deployed by its own roles)', action: 'iam:CreatePolicyVersion', resource: TEAM_MODEL_ACCESS },
  { name: 'rt3 F2: the deployers versioning the landing zone\'s model access policy', action: 'iam:CreatePolicyVersion', resource: MODEL_ACCESS, principal: SPEND_CFN_EXEC },
  {
    // Round 4 found: ProtectGovernanceResources denies attaching to a tagged role to everyone but the admins, and the baseline's
    // application role carries the stack's tag. On the landing zone's path, the execution role is a settings admin.
    name: 'the spend stop firing: its execution role (as Budgets uses it) attaching the deny to the tagged application role',
    action: 'iam:AttachRolePolicy',
    resource: role('Baseline-dev-eu-central-1-ApplicationRole90C00724-R1T2Y3U4I5O6'),
    principal: STOP_EXECUTION_ROLE,
    context: { ...TAGGED, 'iam:PolicyARN': policy('BedrockSpendStop-Baselinedeveucentral1LandingZoneSpendStop2306E712') },
  },
];

/**
 * Round 4's limits, pinned as allowed so that a change to them is seen (docs/red-team, Round 4):
 * - rt4 R4-6: the account's administrator detaches an account stop's deny from a team's own (untagged) role after it fires. The
 *   account stop stops the roles the landing zone grants, not the account's administrator, who may invoke models directly with
 *   their own credentials after it fires (the second case): against the administrator, the organization stop (an SCP nobody in
 *   the account can detach) is the control. A statement protecting the deny by its ARN does not fit the organization policies'
 *   budget this round.
 * - rt4 R4-2, the policies' half: a role admin (OrganizationAccountAccessRole) creates a role on the landing zone's path, which
 *   the settings statements exempt. The restore now puts back what such a role changes (test/detective/bedrock-setting-restore.test.ts).
 */
export const ROUND_4_SPEND_LEFT_OPEN: SpendPerimeterCase[] = [
  {
    name: 'rt4 R4-6: the account stop\'s deny detached from the agent\'s role by the account\'s administrator',
    action: 'iam:DetachRolePolicy',
    resource: role('Agent-dev-eu-central-1-AgentRoleF4A42D6B-A1B2C3D4E5F6'),
    context: { 'iam:PolicyARN': policy('BedrockSpendStop-SpendStopdeveucentral1WorkloadSpendStop7D2D37A6') },
  },
  {
    name: 'rt4 R4-6: the account\'s administrator invoking a model after the account stop fired (it never stops them)',
    action: 'bedrock:InvokeModel',
    resource: `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0`,
    context: {
      'aws:SourceVpce': 'vpce-0runtime',
      'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/gr123abc:1`,
      'bedrock:InferenceProfileArn': `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0`,
    },
  },
  {
    name: 'rt4 R4-2: OrganizationAccountAccessRole creating a role on the landing zone\'s path',
    action: 'iam:CreateRole',
    resource: role('bedrock-landing-zone/break-glass-2'),
    principal: role('OrganizationAccountAccessRole'),
  },
];
