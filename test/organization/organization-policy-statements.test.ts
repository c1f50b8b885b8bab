import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { renderOrganizationPoliciesMarkdown } from '../../scripts/scp-md/render';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { statementClass } from '../../src/organization/private/statement-record';
import { ORGANIZATION_POLICY_STATEMENTS, STATEMENT_CLASSES, inPackingOrder } from '../../src/organization/statements';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';

interface Statement { Sid: string; Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }

/** The statements of the policies synthesized with the props, in packing order. */
function statementsOf(props: Partial<BedrockOrganizationPoliciesProps>): Statement[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: '999999999999', region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: ['ou-ab12-cd34ef56'],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .flatMap(r => r.Properties.Content.Statement);
}

const sidsOf = (props: Partial<BedrockOrganizationPoliciesProps>) => statementsOf(props).map(s => s.Sid);

const SIDS = ORGANIZATION_POLICY_STATEMENTS.map(s => s.sid);

describe('the statement records of the organization policies', () => {
  test('docs/organization-policies.md is generated from them (run npx tsx scripts/scp-md/generate.ts after changing a statement)', () => {
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'organization-policies.md'), 'utf8');
    expect(committed).toEqual(renderOrganizationPoliciesMarkdown());
  });

  test('each Sid is unique and alphanumeric (SCPs accept no other), and each record is in a documented class', () => {
    expect(new Set(SIDS).size).toBe(SIDS.length);
    for (const sid of SIDS) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    for (const record of ORGANIZATION_POLICY_STATEMENTS) expect(STATEMENT_CLASSES).toContain(record.class);
    for (const c of STATEMENT_CLASSES) expect(ORGANIZATION_POLICY_STATEMENTS.some(s => s.class === c)).toBe(true);
  });

  test('each record is in the policies of some configuration: between them, these two hold every statement, in the records\' order', () => {
    const withEverythingOn = sidsOf({
      requireGuardrail: true, governedRegions: ['eu-central-1'], cdkBootstrapQualifier: 'lz1',
    });
    const withEverythingAllowed = sidsOf({
      allowOpenAiCompatibleEndpoint: true, allowModelCustomization: true,
    });
    const union = new Set([...withEverythingOn, ...withEverythingAllowed]);
    expect(SIDS.filter(sid => !union.has(sid))).toEqual([]);
    expect([...union].filter(sid => !SIDS.includes(sid))).toEqual([]);
  });

  test('the default configuration holds exactly the statements whose records say "always" and no prop lifts', () => {
    const always = ORGANIZATION_POLICY_STATEMENTS.filter(s => s.appliesWhen.startsWith('always') || s.appliesWhen.startsWith('unless'))
      .map(s => s.sid);
    // EU residency adds the residency regions; nothing else is on by default.
    expect(sidsOf({}).sort()).toEqual([...always, 'DenyBedrockOutsideAllowedRegions'].sort());
  });

  const liftable = ORGANIZATION_POLICY_STATEMENTS.filter(s => s.liftedBy !== undefined);
  test('the records that name a lifting prop are these', () => {
    expect(liftable.map(s => s.sid)).toEqual([
      'DenyReservedCapacity', 'DenyModelsThroughOtherServices', 'DenyAgentCoreBuiltInTools', 'DenyAgentCoreWebAccessTools',
      'DenyAgentCoreOutsideVpc', 'DenyAgentCoreGatewaysWithoutAuthorizer', 'DenyAgentCoreHarnesses', 'DenyAgentCoreMemoryWithoutKey',
      'DenyAgentCorePayments', 'ProtectInvocationLogStreams', 'DenyModelCustomizationAndImport', 'DenyAgentCoreJwtRuntimes',
    ]);
  });

  test.each(liftable.map(s => [s.sid, s] as const))('%s is in the default policies and taken out by the prop its record names', (sid, record) => {
    expect(sidsOf({})).toContain(sid);
    expect(sidsOf(record.liftedBy!)).not.toContain(sid);
  });

  test('a record missing from the packing order, a Sid twice, or a Sid of the order without a record fails when the module loads', () => {
    const build = () => ({ actions: ['organizations:LeaveOrganization'], resources: ['*'] });
    const records = statementClass({ title: 'T', summary: 'S', statements: [{ sid: 'A', denies: 'a', why: 'a', build }, { sid: 'B', denies: 'b', why: 'b', build }] });
    expect(inPackingOrder([records], ['B', 'A']).map(r => r.sid)).toEqual(['B', 'A']);
    expect(() => inPackingOrder([records], ['A', 'A', 'C'])).toThrow('internal: organization policy statements named twice: A; ' +
      'not in the packing order: B; in the packing order without a record: C');
    const twice = statementClass({ title: 'T', summary: 'S', statements: [{ sid: 'A', denies: 'a', why: 'a', build }] });
    expect(() => inPackingOrder([records, twice], ['A', 'B'])).toThrow('internal: organization policy statements named twice: A; ' +
      'not in the packing order: none; in the packing order without a record: none');
  });

  test('every action or condition key a record\'s text names (`service:Name`) is one its statement holds', () => {
    const statements = [
      ...statementsOf({ requireGuardrail: true, governedRegions: ['eu-central-1'], cdkBootstrapQualifier: 'lz1' }),
      ...statementsOf({ allowOpenAiCompatibleEndpoint: true, allowModelCustomization: true }),
    ];
    const matches = (pattern: string, name: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name);
    const unheld = ORGANIZATION_POLICY_STATEMENTS.flatMap(record => {
      const statement = statements.find(s => s.Sid === record.sid)!;
      const actions = [statement.Action].flat();
      const keys = Object.values(statement.Condition ?? {}).flatMap(c => Object.keys(c));
      const named = [...`${record.denies} ${record.appliesWhen}`.matchAll(/`([a-z0-9-]+:[A-Za-z0-9*/]+)`/g)].map(m => m[1]);
      return named.filter(name => !actions.some(a => matches(a, name) || matches(name, a)) && !keys.some(k => k.startsWith(name)))
        .map(name => `${record.sid}: ${name}`);
    });
    expect(unheld).toEqual([]);
  });
});
