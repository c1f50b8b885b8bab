import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildLandingZone } from '../../examples/app/build';
import { compliancePacks } from '../../examples/app/compliance';
import { scopeCfnGuardToTemplates } from '../support/cfn-guard-scope';
import { synthValidationReport } from '../support/validation-report';

/** The example app synthesized to a new directory: its stacks and the templates and asset manifests written. */
function synthExample(): { stacks: Stack[]; outdir: string; files: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-'));
  const app = new App({ outdir });
  const stacks = buildLandingZone(app);
  app.synth();
  return { stacks, outdir, files: filesUnder(outdir).filter(f => f.endsWith('.template.json') || f.endsWith('.assets.json')).sort() };
}

/** One synthesis of the example shared by the tests that only read it (each synthesis takes the larger part of a minute). */
let shared: ReturnType<typeof synthExample> | undefined;
function example(): ReturnType<typeof synthExample> {
  shared ??= synthExample();
  return shared;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory()
    ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`)
    : [`${prefix}${e.name}`]);
}

/** The acknowledgements every account baseline carries, by construct path inside the stack. */
const PER_BASELINE = [
  'cdk-validator-cfnguard::lambda_inside_vpc_check @ BedrockLandingZoneControlPlaneProviderCustomResourceProvider/Handler',
  'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'cdk-validator-cfnguard::s3_bucket_logging_enabled_check @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check @ LandingZone/InvocationLogging/LogBucket/Resource',
  'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ LandingZone/InvocationLogging/LogBucket/Resource',
  'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'HIPAA.Security::HIPAA.Security-VPCDefaultSecurityGroupClosed @ LandingZone/Endpoints/Vpc/Resource',
  'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ LandingZone/InvocationLogging/LogBucket/Resource',
  'NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'NIST.800.53.R5::NIST.800.53.R5-VPCDefaultSecurityGroupClosed @ LandingZone/Endpoints/Vpc/Resource',
  'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ LandingZone/InvocationLogging/LogBucket/Resource',
  'PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS @ LandingZone/InvocationLogging/AccessLogsBucket/Resource',
  'PCI.DSS.321::PCI.DSS.321-VPCDefaultSecurityGroupClosed @ LandingZone/Endpoints/Vpc/Resource',
];

/** The management account's organization-wide guardrail stacks: the control-plane function's own acknowledgement only. */
const PER_ORGANIZATION_GUARDRAIL = [
  'cdk-validator-cfnguard::lambda_inside_vpc_check @ BedrockLandingZoneControlPlaneProviderCustomResourceProvider/Handler',
];

/** The acknowledgements of the asset publisher (aws-cdk-lib BucketDeployment) that cdk-stacksets adds to the organization stack. */
const PUBLISHER = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';
const ORGANIZATION_ASSET_PUBLISHER = [
  `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ ${PUBLISHER}/ServiceRole/Resource`,
  ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*']
    .map(a => `AwsSolutions::AwsSolutions-IAM5[Action::${a}] @ ${PUBLISHER}/ServiceRole/DefaultPolicy/Resource`),
  ...['bedrock-lz-stackset-assets-eu-central-1', 'bedrock-lz-stackset-assets-us-east-1', 'cdk-hnb659fds-assets-999999999999-us-east-1']
    .map(b => `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${b}/*] @ ${PUBLISHER}/ServiceRole/DefaultPolicy/Resource`),
  `AwsSolutions::AwsSolutions-L1 @ ${PUBLISHER}/Resource`,
  ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(p => `${p}::${p}-IAMNoInlinePolicy @ ${PUBLISHER}/ServiceRole/DefaultPolicy/Resource`),
  ...['HIPAA.Security', 'NIST.800.53.R5'].map(p => `${p}::${p}-LambdaDLQ @ ${PUBLISHER}/Resource`),
  ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(p => `${p}::${p}-LambdaInsideVPC @ ${PUBLISHER}/Resource`),
  `cdk-validator-cfnguard::lambda_inside_vpc_check @ ${PUBLISHER}/Resource`,
];

describe('examples/app', () => {
  test('two synths produce byte-identical templates and asset manifests', () => {
    const { outdir: first, files } = example();
    const { outdir: second, files: secondFiles } = synthExample();
    expect(secondFiles).toEqual(files);
    expect(files.filter(f => f.endsWith('.template.json'))).toEqual([
      'Agent-dev-eu-central-1.template.json',
      'Agent-dev-us-east-1.template.json',
      'Agent-prod-eu-central-1.template.json',
      'Agent-prod-us-east-1.template.json',
      'Baseline-dev-eu-central-1.template.json',
      'Baseline-dev-us-east-1.template.json',
      'Baseline-prod-eu-central-1.template.json',
      'Baseline-prod-us-east-1.template.json',
      'KnowledgeBase-dev-eu-central-1.template.json',
      'KnowledgeBase-dev-us-east-1.template.json',
      'KnowledgeBase-prod-eu-central-1.template.json',
      'KnowledgeBase-prod-us-east-1.template.json',
      'Organization.template.json',
      'OrganizationBaselineeucentral1E12D4973.stackset.template.json',
      'OrganizationBaselineuseast109867175.stackset.template.json',
      'OrganizationGuardrail-eu-central-1.template.json',
      'OrganizationGuardrail-us-east-1.template.json',
      'SpendStop-dev-eu-central-1.template.json',
      'SpendStop-dev-us-east-1.template.json',
      'assembly-Sandbox/SandboxBaselineF5538404.template.json',
    ]);
    for (const file of files) {
      expect({ file, bytes: fs.readFileSync(path.join(second, file)).toString('utf8') })
        .toEqual({ file, bytes: fs.readFileSync(path.join(first, file)).toString('utf8') });
    }
  });

  test('every pack passes; every acknowledgement is made by a library construct, with its reason', () => {
    const app = new App();
    const stacks = buildLandingZone(app);
    // cfn-guard runs only the Control Tower rule files that have something to check in these templates:
    // the same findings at a fifth of the CPU (test/support/cfn-guard-scope.ts, docs/testing-time.md).
    const results = synthValidationReport(app, scopeCfnGuardToTemplates(compliancePacks(app)));
    const violations = Object.entries(results).flatMap(([plugin, r]) => r.violations.map(v => `${plugin}: ${v}`));
    expect(violations).toEqual([]);
    const acknowledgements = Object.values(results).flatMap(r => r.acknowledgements);
    const under = (prefix: string, lines: string[]) => lines.map(line => line.replace(' @ ', ` @ ${prefix}/`));
    const expected = [
      ...stacks.flatMap(s => {
        if (s.stackName.startsWith('Baseline-')) return under(s.stackName, PER_BASELINE);
        // The knowledge-base role reads every object under its data-source prefix: a wildcard by nature.
        if (s.stackName.startsWith('KnowledgeBase-')) {
          return [`AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::claims-documents-${s.account}-${s.region}/handbook/*] ` +
            `@ ${s.stackName}/PolicyHandbook/RolePolicy/Resource`];
        }
        if (s.stackName.startsWith('OrganizationGuardrail-')) return under(s.stackName, PER_ORGANIZATION_GUARDRAIL);
        // The agent's execution permissions that aws-cdk-lib's Runtime writes (its model access is a managed policy).
        if (s.stackName.startsWith('Agent-')) return under(s.stackName, agentRuntimeAcknowledgements(s.region, s.account));
        // The workloads' spend stop acknowledges nothing: its roles and policies are scoped to the stop.
        if (s.stackName.startsWith('SpendStop-')) return [];
        // The StackSet templates are not stack artifacts: cdk-nag walks them, the template checks do not.
        return [
          ...under('Organization', ORGANIZATION_ASSET_PUBLISHER),
          ...['us-east-1', 'eu-central-1'].flatMap(r => under(`Organization/Baseline-${r}`, PER_BASELINE.filter(l => !l.startsWith('cdk-validator-cfnguard::')))),
        ];
      }),
      ...under('Sandbox/Baseline', PER_BASELINE),
    ];
    expect(acknowledgements.map(a => `${a.id} @ ${a.path}`).sort()).toEqual(expected.sort());
    expect(acknowledgements.filter(a => a.reason.length < 80)).toEqual([]);
  });

  // The way an application team pins its templates: a snapshot per stack, asset hashes stripped by the
  // serializer. `npx projen test:update` changes them on purpose; `npm test` never does.
  describe.each([
    'Organization', 'Baseline-dev-us-east-1', 'Baseline-dev-eu-central-1', 'Baseline-prod-us-east-1', 'Baseline-prod-eu-central-1',
    'KnowledgeBase-dev-us-east-1', 'KnowledgeBase-dev-eu-central-1', 'KnowledgeBase-prod-us-east-1', 'KnowledgeBase-prod-eu-central-1',
    'OrganizationGuardrail-us-east-1', 'OrganizationGuardrail-eu-central-1',
    'Agent-dev-us-east-1', 'Agent-dev-eu-central-1', 'Agent-prod-us-east-1', 'Agent-prod-eu-central-1',
    'SpendStop-dev-us-east-1', 'SpendStop-dev-eu-central-1',
  ])('%s', name => {
    test('matches its snapshot', () => {
      const stack = example().stacks.find(s => s.stackName === name)!;
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });
  });
});

describe('examples/app sources', () => {
  test('no file imports itself through others: the shared settings are one module that imports no file of the app', () => {
    const dir = path.join(__dirname, '..', '..', 'examples', 'app');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.ts'));
    const importsOf = (file: string) => [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/from '\.\/([a-z-]+)'/g)].map(m => `${m[1]}.ts`);
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (trail.includes(file)) {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      importsOf(file).forEach(next => visit(next, [...trail, file]));
    };
    files.forEach(f => visit(f, []));
    expect(cycles).toEqual([]);
    expect(importsOf('settings.ts')).toEqual([]);
  });

  test('permissions come from the library\'s grants and access policies: no hand-written policy statement', () => {
    const dir = path.join(__dirname, '..', '..', 'examples', 'app');
    const written = fs.readdirSync(dir).filter(f => f.endsWith('.ts'))
      .filter(f => /new iam\.PolicyStatement|statements:\s*\[/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(written).toEqual([]);
  });
});

/** What the agent workload stack acknowledges on its role, for aws-cdk-lib's Runtime defaults. */
function agentRuntimeAcknowledgements(region: string, account: string): string[] {
  const at = ' @ AgentRole/DefaultPolicy/Resource';
  const logs = `arn:<AWS::Partition>:logs:${region}:${account}:log-group`;
  return [
    ...['HIPAA.Security', 'NIST.800.53.R5', 'PCI.DSS.321'].map(p => `${p}::${p}-IAMNoInlinePolicy${at}`),
    ...['*', `${logs}:*`, `${logs}:/aws/bedrock-agentcore/runtimes/*`, `${logs}:/aws/bedrock-agentcore/runtimes/*:log-stream:*`,
      `arn:<AWS::Partition>:bedrock-agentcore:${region}:${account}:workload-identity-directory/default/workload-identity/*`]
      .map(r => `AwsSolutions::AwsSolutions-IAM5[Resource::${r}]${at}`),
  ];
}
