import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import {
  AcknowledgedChange, UpgradeFinding, acknowledges, changedCreateOnlyProperties, describeFinding, readTemplates, stackFindings, upgradeFindings,
} from './template-upgrade';
import { buildLandingZone } from '../../examples/app/build';

const FIXTURES = path.join(__dirname, 'fixtures');
const ACKNOWLEDGED: AcknowledgedChange[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'acknowledged-changes.json'), 'utf8'));
const RELEASES = fs.readdirSync(FIXTURES).filter(d => fs.statSync(path.join(FIXTURES, d)).isDirectory()).sort();

/** Today's example app, synthesized once for every release's comparison. */
let today: Record<string, any>;
beforeAll(() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-upgrade-'));
  const app = new App({ outdir });
  buildLandingZone(app);
  app.synth();
  today = readTemplates(outdir);
});

/**
 * The findings from a release's fixtures to today's templates: computed once per release and only read by
 * the tests (cloudformation-diff over every stack takes seconds; each test would otherwise repeat it).
 */
const findingsByRelease = new Map<string, UpgradeFinding[]>();
function findingsFrom(release: string): UpgradeFinding[] {
  if (!findingsByRelease.has(release)) {
    findingsByRelease.set(release, upgradeFindings(readTemplates(path.join(FIXTURES, release)), today));
  }
  return findingsByRelease.get(release)!;
}

function unacknowledged(release: string, findings: UpgradeFinding[], acks: AcknowledgedChange[]): string[] {
  return findings.filter(f => !acks.some(a => acknowledges(a, release, f))).map(describeFinding);
}

/** The baselines of the first release's example: four stacks, two StackSet templates, the sandbox. */
const FIRST_RELEASE_BASELINES = [
  'Baseline-dev-eu-central-1.template.json', 'Baseline-dev-us-east-1.template.json',
  'Baseline-prod-eu-central-1.template.json', 'Baseline-prod-us-east-1.template.json',
  'OrganizationBaselineeucentral1E12D4973.stackset.template.json', 'OrganizationBaselineuseast109867175.stackset.template.json',
  'assembly-Sandbox/SandboxBaselineF5538404.template.json',
];

describe('upgrading a deployed landing zone from a release to today', () => {
  test('there are release fixtures, and the first release is 2026-11-22', () => {
    expect(RELEASES[0]).toBe('2026-11-22');
  });

  test.each(RELEASES)('from %s: every replacement, deletion and orphaning is acknowledged with an upgrade note', release => {
    const findings = findingsFrom(release);
    expect(unacknowledged(release, findings, ACKNOWLEDGED)).toEqual([]);
  });

  test.each(RELEASES)('from %s: every acknowledgement still matches a change (none is stale) and carries a note', release => {
    const findings = findingsFrom(release);
    for (const ack of ACKNOWLEDGED.filter(a => a.release === release)) {
      expect({ ack: ack.logicalId + ' ' + ack.change, matched: findings.some(f => acknowledges(ack, release, f)) })
        .toEqual({ ack: ack.logicalId + ' ' + ack.change, matched: true });
      expect(ack.upgradeNote.length).toBeGreaterThan(40);
    }
  });

  test('from 2026-11-22 without acknowledgements: exactly the delivery role and policy, replaced (IAM path) and left behind, and the flow-log and model access policies, replaced (IAM path), in every baseline', () => {
    const findings = findingsFrom('2026-11-22');
    expect(unacknowledged('2026-11-22', findings, [])).toEqual(FIRST_RELEASE_BASELINES.flatMap(stack => [
      `${stack} LandingZoneInvocationLoggingDeliveryRoleCAEDDD2F (AWS::IAM::Role) replace /Path`,
      `${stack} LandingZoneInvocationLoggingDeliveryRoleCAEDDD2F (AWS::IAM::Role) orphan`,
      `${stack} LandingZoneInvocationLoggingDeliveryPolicy6C5D31D0 (AWS::IAM::ManagedPolicy) replace /Path`,
      `${stack} LandingZoneInvocationLoggingDeliveryPolicy6C5D31D0 (AWS::IAM::ManagedPolicy) orphan`,
      `${stack} LandingZoneEndpointsFlowLogPolicyF7A3BBD9 (AWS::IAM::ManagedPolicy) replace /Path`,
      // Round 4: the landing zone's model access policies on the protected path; the example's claims policy is not in the StackSets.
      `${stack} LandingZoneModelAccessCBB9C217 (AWS::IAM::ManagedPolicy) replace /Path`,
      `${stack} LandingZoneEmbeddingModelAccessCB70217C (AWS::IAM::ManagedPolicy) replace /Path`,
      ...stack.includes('stackset') ? [] : [`${stack} ClaimsAccessCF89505C (AWS::IAM::ManagedPolicy) replace /Path`],
    ]));
  });

  test.each(ACKNOWLEDGED.map(a => [`${a.logicalId} ${a.change}`, a] as const))('without the acknowledgement of %s the test fails on it in every baseline', (_, ack) => {
    const findings = findingsFrom(ack.release);
    const others = ACKNOWLEDGED.filter(a => a !== ack);
    // The example's own claims policy is in the account baselines, not in the StackSets'.
    const holders = FIRST_RELEASE_BASELINES.filter(stack => ack.logicalId !== 'ClaimsAccessCF89505C' || !stack.includes('stackset'));
    expect(unacknowledged(ack.release, findings, others)).toEqual(holders.map(stack =>
      describeFinding({ stack, logicalId: ack.logicalId, resourceType: ack.resourceType, change: ack.change, property: ack.property })));
  });
});

/** Small templates: the checker itself must catch what the example app does not exercise. */
describe('the upgrade checker', () => {
  const template = (resources: Record<string, any>) => ({ Resources: resources });
  const describeAll = (fs_: UpgradeFinding[]) => fs_.map(describeFinding);

  test('a stateful resource removed is deleted, or orphaned when retained; a stateless one removed is not a finding', () => {
    const before = template({
      Logs: { Type: 'AWS::S3::Bucket', Properties: {} },
      Kept: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: {} },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
    });
    expect(describeAll(stackFindings('S', before, template({})))).toEqual([
      'S Logs (AWS::S3::Bucket) delete',
      'S Kept (AWS::Logs::LogGroup) orphan',
    ]);
  });

  test('a removed stack loses its stateful resources', () => {
    const before = template({ Key: { Type: 'AWS::KMS::Key', DeletionPolicy: 'Retain', Properties: {} }, Topic: { Type: 'AWS::SNS::Topic' } });
    expect(describeAll(upgradeFindings({ 'Gone.template.json': before }, {}))).toEqual(['Gone.template.json Key (AWS::KMS::Key) orphan']);
  });

  test('a top-level create-only property (a name) replaces; an updatable one does not', () => {
    const before = template({ Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/a', RetentionInDays: 30 } } });
    const renamed = template({ Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/b', RetentionInDays: 30 } } });
    const longer = template({ Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/a', RetentionInDays: 365 } } });
    expect(describeAll(stackFindings('S', before, renamed))).toEqual(['S Log (AWS::Logs::LogGroup) replace /LogGroupName']);
    expect(describeAll(stackFindings('S', before, longer))).toEqual([]);
  });

  test('a nested create-only property replaces (the diff tool judges top-level properties only)', () => {
    const kb = (type: string) => template({
      Kb: {
        Type: 'AWS::Bedrock::KnowledgeBase',
        Properties: { Name: 'kb', RoleArn: 'arn:aws:iam::1:role/r', KnowledgeBaseConfiguration: { Type: type } },
      },
    });
    expect(changedCreateOnlyProperties('AWS::Bedrock::KnowledgeBase', kb('VECTOR').Resources.Kb.Properties, kb('KENDRA').Resources.Kb.Properties))
      .toEqual(['/KnowledgeBaseConfiguration/Type']);
    expect(describeAll(stackFindings('S', kb('VECTOR'), kb('KENDRA')))).toEqual([
      'S Kb (AWS::Bedrock::KnowledgeBase) replace /KnowledgeBaseConfiguration/Type',
    ]);
  });

  test('a custom resource replaces on the properties its handler replaces on, and its service token cannot change', () => {
    const throughput = (units: number, token: string) => template({
      Pt: { Type: 'Custom::BedrockProvisionedThroughput', Properties: { ServiceToken: token, ModelUnits: units, ProvisionedModelName: 'p' } },
    });
    expect(describeAll(stackFindings('S', throughput(1, 't'), throughput(2, 't')))).toEqual([
      'S Pt (Custom::BedrockProvisionedThroughput) replace /ModelUnits',
    ]);
    expect(describeAll(stackFindings('S', throughput(1, 't'), throughput(1, 'u')))).toEqual([
      'S Pt (Custom::BedrockProvisionedThroughput) replace /ServiceToken',
    ]);
    const logging = (group: string) => template({
      L: { Type: 'Custom::BedrockModelInvocationLogging', Properties: { ServiceToken: 't', LoggingConfig: { cloudWatchConfig: { logGroupName: group } } } },
    });
    expect(describeAll(stackFindings('S', logging('/a'), logging('/b')))).toEqual([]);
  });

  test('a custom resource type nobody has judged is an error, not a pass', () => {
    const t = (v: string) => template({ X: { Type: 'Custom::Unjudged', Properties: { ServiceToken: 't', V: v } } });
    expect(() => stackFindings('S', t('a'), t('b'))).toThrow(/Custom::Unjudged: no create-only table/);
  });

  test('a replaced resource retained on replacement is also left behind', () => {
    const role = (p: string) => template({ R: { Type: 'AWS::IAM::Role', UpdateReplacePolicy: 'Retain', DeletionPolicy: 'Retain', Properties: { Path: p } } });
    expect(describeAll(stackFindings('S', role('/'), role('/x/')))).toEqual(['S R (AWS::IAM::Role) replace /Path', 'S R (AWS::IAM::Role) orphan']);
  });

  test('an acknowledgement matches by release, stack pattern, logical ID, type, change and property', () => {
    const f: UpgradeFinding = { stack: 'Baseline-a.template.json', logicalId: 'R', resourceType: 'AWS::IAM::Role', change: 'replace', property: '/Path' };
    const ack: AcknowledgedChange = { release: 'r1', stacks: '*Baseline*', logicalId: 'R', resourceType: 'AWS::IAM::Role', change: 'replace', property: '/Path', upgradeNote: 'n' };
    expect(acknowledges(ack, 'r1', f)).toBe(true);
    expect(acknowledges(ack, 'r2', f)).toBe(false);
    expect(acknowledges({ ...ack, stacks: 'Other*' }, 'r1', f)).toBe(false);
    expect(acknowledges({ ...ack, property: '/RoleName' }, 'r1', f)).toBe(false);
    expect(acknowledges({ ...ack, change: 'orphan' }, 'r1', f)).toBe(false);
  });
});
