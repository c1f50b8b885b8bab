import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { renderOrganizationPoliciesMarkdown } from '../../scripts/scp-md/render';
import { ApprovedModel, BedrockOrganizationPolicies, BedrockOrganizationPoliciesProps, GovernanceProfile } from '../../src';
import { statementClass } from '../../src/organization/private/statement-record';
import { ORGANIZATION_POLICY_STATEMENTS, STATEMENT_CLASSES, inPackingOrder } from '../../src/organization/statements';
import { SONNET_45, TITAN_EMBED_V2 } from '../models/fixtures';

/** The Sids of the policies synthesized with the props, in packing order. */
function sidsOf(props: Partial<BedrockOrganizationPoliciesProps>): string[] {
  const stack = new Stack(new App(), 'Organization', { env: { account: '999999999999', region: 'us-east-1' } });
  new BedrockOrganizationPolicies(stack, 'Scps', {
    approvedModels: [ApprovedModel.throughGeography(SONNET_45), ApprovedModel.inRegion(TITAN_EMBED_V2)],
    profiles: [GovernanceProfile.EU_RESIDENCY],
    targetIds: ['ou-ab12-cd34ef56'],
    ...props,
  });
  return Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter(r => r.Type === 'AWS::Organizations::Policy')
    .flatMap(r => r.Properties.Content.Statement.map((s: { Sid: string }) => s.Sid));
}

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
      'DenyAgentCorePayments', 'ProtectInvocationLogStreams', 'DenyModelCustomizationAndImport',
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
});
