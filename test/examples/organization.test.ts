import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { StackSetStack } from 'cdk-stacksets';
import { buildLandingZone } from '../../examples/app/build';
import { OrganizationStack } from '../../examples/app/organization';
import { ASSET_BUCKET_PREFIX, ORGANIZATION_ROOT, STACKSET_REGIONS, WORKLOADS_OU } from '../../examples/app/settings';
import { matchesEventPattern } from '../support/event-pattern';
import { resolveCfn } from '../support/iam';

/** The StackSet baseline's private endpoints: bedrock-runtime only (no AgentCore there). */
const ENDPOINT_COUNT = 1;

describe('examples/app organization stack', () => {
  const app = new App();
  const organization = buildLandingZone(app).find((s): s is OrganizationStack => s instanceof OrganizationStack)!;
  const template = Template.fromStack(organization);

  test('attaches 3 Bedrock SCPs to the workloads OU and 1 (the tag protection) to the root: each target keeps one of its five for the customer\'s own next to FullAWSAccess', () => {
    template.resourceCountIs('AWS::Organizations::Policy', 4);
    const targets = Object.values(template.findResources('AWS::Organizations::Policy')).map(r => r.Properties.TargetIds);
    expect(targets).toEqual([[WORKLOADS_OU], [WORKLOADS_OU], [WORKLOADS_OU], [ORGANIZATION_ROOT]]);
    const perTarget = (target: string) => targets.filter(t => t[0] === target).length;
    expect([WORKLOADS_OU, ORGANIZATION_ROOT].map(t => perTarget(t) + 1 /* FullAWSAccess */ + 1 /* the customer's own */)).toEqual([5, 3]);
    template.hasResourceProperties('AWS::Organizations::Policy', { Type: 'SERVICE_CONTROL_POLICY', TargetIds: [WORKLOADS_OU] });
  });

  test.each(STACKSET_REGIONS.map(r => r.region))('a service-managed StackSet with auto-deployment rolls the baseline out in %s', region => {
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: `bedrock-landing-zone-baseline-${region}`,
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      Capabilities: ['CAPABILITY_IAM'],
      StackInstancesGroup: [{ Regions: [region], DeploymentTargets: { OrganizationalUnitIds: [WORKLOADS_OU] } }],
    });
  });

  test('a failed stack instance of either baseline StackSet is reported to the governance contacts, and nothing else is', () => {
    // The event's shape: "StackSet Stack Instance Status Change event detail", CloudFormation User Guide.
    const instanceEvent = (stackSetName: string, detailedStatus: string) => ({
      'source': 'aws.cloudformation',
      'detail-type': 'CloudFormation StackSet StackInstance Status Change',
      'detail': {
        'stack-set-arn': `arn:aws:cloudformation:us-east-1:${organization.account}:stackset/${stackSetName}:0a1b2c3d-4e5f-6789-abcd-ef0123456789`,
        'stack-id': 'arn:aws:cloudformation:eu-central-1:111111111111:stack/StackSet-bedrock-landing-zone-baseline/0a1b2c3d',
        'action': 'UPDATE',
        'status-details': { 'status': 'OUTDATED', 'status-reason': 'ResourceLogicalId:LandingZoneBudget, Budget already exists', 'detailed-status': detailedStatus },
      },
    });
    const rules = Object.values<any>(template.findResources('AWS::Events::Rule'));
    expect(rules.length).toBe(1);
    const pattern = resolveCfn(rules[0].Properties.EventPattern, { region: 'us-east-1', accountId: organization.account });
    const reported = (name: string, status: string) => matchesEventPattern(pattern, instanceEvent(name, status));
    expect(STACKSET_REGIONS.map(r => reported(`bedrock-landing-zone-baseline-${r.region}`, 'FAILED'))).toEqual(STACKSET_REGIONS.map(() => true));
    expect(['CANCELLED', 'INOPERABLE', 'FAILED_IMPORT'].map(status => reported('bedrock-landing-zone-baseline-eu-central-1', status))).toEqual([true, true, true]);
    expect(['SUCCEEDED', 'RUNNING', 'PENDING'].map(status => reported('bedrock-landing-zone-baseline-eu-central-1', status))).toEqual([false, false, false]);
    expect(reported('claims-team-stackset', 'FAILED')).toBe(false);
    const topics = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(topics.length).toBe(1);
    expect(rules[0].Properties.Targets.map((t: any) => t.Arn)).toEqual([{ Ref: topics[0] }]);
  });

  test.each(STACKSET_REGIONS.map(r => r.region))('the %s StackSet carries the protection tag, which CloudFormation passes on to its stack instances', region => {
    template.hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: `bedrock-landing-zone-baseline-${region}`,
      Tags: Match.arrayWith([{ Key: 'bedrock-landing-zone:protected', Value: 'true' }]),
    });
  });

  test.each(STACKSET_REGIONS.map(r => r.region))('the %s baseline\'s private endpoints carry the protection tag themselves', region => {
    const stackSetStack = organization.node.findChild(`Baseline-${region}`) as StackSetStack;
    const baseline = app.synth().getStackArtifact(organization.artifactId);
    const stackSetTemplate = JSON.parse(fs.readFileSync(path.join(baseline.assembly.directory, stackSetStack.templateFile), 'utf8'));
    const endpoints = Object.values<any>(stackSetTemplate.Resources).filter(r => r.Type === 'AWS::EC2::VPCEndpoint');
    expect(endpoints.length).toBe(ENDPOINT_COUNT);
    expect(endpoints.filter(e => !(e.Properties.Tags ?? []).some((t: any) => t.Key === 'bedrock-landing-zone:protected' && t.Value === 'true'))).toEqual([]);
  });

  test('the StackSets\' asset buckets are protected by the organization policies', () => {
    const assets = organization.policies.documents.flatMap(d => organization.resolve(d.toJSON()).Statement).find((st: any) => st.Sid === 'ProtectDeploymentAssets');
    expect(JSON.stringify(assets.Resource)).toContain(`:s3:::${ASSET_BUCKET_PREFIX}-*`);
  });

  test.each(STACKSET_REGIONS.map(r => r.region))('the %s baseline template references its handler asset in the target region\'s asset bucket', region => {
    const stackSetStack = organization.node.findChild(`Baseline-${region}`) as StackSetStack;
    const baseline = app.synth().getStackArtifact(organization.artifactId);
    const file = path.join(baseline.assembly.directory, stackSetStack.templateFile);
    const stackSetTemplate = JSON.parse(fs.readFileSync(file, 'utf8'));
    const functions = Object.values<any>(stackSetTemplate.Resources).filter(r => r.Type === 'AWS::Lambda::Function');
    expect(functions.map(f => f.Properties.Code.S3Bucket)).toEqual([{ 'Fn::Join': ['-', [ASSET_BUCKET_PREFIX, { Ref: 'AWS::Region' }]] }]);
    // Its account is a parameter of each stack instance; its region is the governed one.
    expect(JSON.stringify(stackSetTemplate)).not.toContain('999999999999');
    expect(JSON.stringify(stackSetTemplate)).toContain(region === 'eu-central-1' ? 'inference-profile/eu.' : 'inference-profile/us.');
  });
});
