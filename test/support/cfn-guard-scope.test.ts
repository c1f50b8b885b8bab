import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { IPolicyValidationContext } from 'aws-cdk-lib';
import {
  CONTROL_TOWER_RULES, TemplateScopedCfnGuardValidator, controlTowerRuleFiles, nothingToCheck, ruleFileGates,
  ruleFilesWithNothingToCheck, scopeCfnGuardToTemplates, templateShape,
} from './cfn-guard-scope';

// The binary the plugin runs (cdk-validator-cfnguard's plugin.js: bin/<platform>/<arch>/cfn-guard; cfn-guard 3.1.1).
const GUARD = path.join(CONTROL_TOWER_RULES, '..', '..', '..', 'bin', 'ubuntu', 'x86_64', 'cfn-guard');

/** A realistic witness: the resource types of the example app's 18 stack templates as synthesized on 2026-12-07 (it need not follow the example). */
const EXAMPLE_TYPES = [
  'AWS::Bedrock::ApplicationInferenceProfile', 'AWS::Bedrock::DataSource', 'AWS::Bedrock::EnforcedGuardrailConfiguration',
  'AWS::Bedrock::Guardrail', 'AWS::Bedrock::GuardrailVersion', 'AWS::Bedrock::KnowledgeBase', 'AWS::Bedrock::ResourcePolicy',
  'AWS::BedrockAgentCore::Runtime', 'AWS::Budgets::Budget', 'AWS::Budgets::BudgetsAction', 'AWS::CE::AnomalyMonitor',
  'AWS::CE::AnomalySubscription', 'AWS::CloudFormation::StackSet', 'AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard',
  'AWS::Config::ConfigRule', 'AWS::EC2::FlowLog', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup', 'AWS::EC2::Subnet',
  'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::VPC', 'AWS::EC2::VPCEndpoint', 'AWS::Events::Rule',
  'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::KMS::Key', 'AWS::Lambda::Function',
  'AWS::Lambda::LayerVersion', 'AWS::Logs::Delivery', 'AWS::Logs::DeliveryDestination', 'AWS::Logs::DeliverySource',
  'AWS::Logs::LogGroup', 'AWS::Organizations::Policy', 'AWS::S3::Bucket', 'AWS::S3::BucketPolicy', 'AWS::S3Vectors::Index',
  'AWS::S3Vectors::VectorBucket', 'AWS::SNS::Subscription', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy',
  'AWS::Scheduler::Schedule', 'AWS::Scheduler::ScheduleGroup', 'Custom::BedrockDataRetention',
  'Custom::BedrockModelInvocationLogging', 'Custom::CDKBucketDeployment', 'Custom::OrganizationsPolicyType',
];

/** The rule files the reading cannot prove type-gated (a filter with `or`, a filter without `.*`, a renamed hook test). */
const UNPROVABLE = [
  'ct-dynamodb-pr-1', 'ct-dynamodb-pr-2', 'ct-ec2-pr-3', 'ct-ec2-pr-4', 'ct-ec2-pr-5', 'ct-iam-pr-1', 'ct-iam-pr-5', 'ct-sagemaker-pr-1',
];

function tempFile(name: string, content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'guard-scope-')), name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** A template with one resource of each type, no properties, and the top-level sections the example's templates have. */
function witness(types: readonly string[]): string {
  return tempFile('witness.template.json', {
    Description: 'witness',
    Parameters: {},
    Rules: {},
    Outputs: {},
    Resources: Object.fromEntries(types.map((type, i) => [`R${i}`, { Type: type, Properties: {} }])),
  });
}

const baseName = (file: string) => path.basename(file, '.guard');

/** The one evaluated rule name of each rule file (each file defines one, for the template and for the hook). */
function ruleNameOf(file: string): string {
  const names = new Set([...fs.readFileSync(file, 'utf8').matchAll(/^rule (\w+) when/gm)].map(m => m[1]));
  expect({ file: baseName(file), names: names.size }).toEqual({ file: baseName(file), names: 1 });
  return [...names][0];
}

/** Runs cfn-guard with every Control Tower rule file on one template: the rule files it skips entirely, by name. */
function skippedByGuard(template: string): string[] {
  const files = controlTowerRuleFiles();
  const fileOfRule = new Map(files.map(f => [ruleNameOf(f), baseName(f)]));
  expect(fileOfRule.size).toBe(files.length);
  const run = spawnSync(GUARD, ['validate', '--rules', CONTROL_TOWER_RULES, '--data', template,
    '--output-format', 'json', '--show-summary', 'none', '--structured'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // cfn-guard exits 19 when a rule fails; its report is on stdout either way.
  expect([0, 19]).toContain(run.status);
  // --structured: one entry per data file, the rules by name under not_applicable, compliant and not_compliant.
  type Entry = { not_applicable: string[]; compliant: string[]; not_compliant: Array<{ Rule: { name: string } }> };
  const [entry, ...more] = JSON.parse(run.stdout) as Entry[];
  expect(more).toEqual([]);
  const evaluated = new Set([...entry.compliant, ...entry.not_compliant.map(c => c.Rule.name)]);
  const skipped = new Set(entry.not_applicable.filter(name => !evaluated.has(name)));
  // Every rule file is accounted for: evaluated or skipped.
  expect([...fileOfRule.keys()].filter(name => !evaluated.has(name) && !skipped.has(name))).toEqual([]);
  return [...skipped].map(name => fileOfRule.get(name)!).sort();
}

describe('the rule files left out have nothing to check', () => {
  test('237 Control Tower rule files, with unique names (the plugin disables a rule file by its name)', () => {
    const names = controlTowerRuleFiles().map(baseName);
    expect(names.length).toBe(237);
    expect(new Set(names).size).toBe(237);
  });

  test('every rule file is read as gated on resource types, except these, which are always run', () => {
    const unprovable = controlTowerRuleFiles().filter(f => 'unprovable' in ruleFileGates(fs.readFileSync(f, 'utf8'))).map(baseName);
    expect(unprovable).toEqual(UNPROVABLE);
  });

  test('on the example\'s resource types, cfn-guard itself skips every rule file the reading leaves out', () => {
    const template = witness(EXAMPLE_TYPES);
    const leftOut = ruleFilesWithNothingToCheck(templateShape([template])).map(baseName);
    const skipped = skippedByGuard(template);
    expect(leftOut.length).toBe(207);
    expect(leftOut.filter(f => !skipped.includes(f))).toEqual([]);
    // What cfn-guard skips and the reading keeps (it errs on the side of running): files it cannot prove,
    // and files whose rules also need a property that the witness's empty resources lack.
    expect(skipped.filter(f => !leftOut.includes(f))).toEqual(['ct-dynamodb-pr-1', 'ct-dynamodb-pr-2', 'ct-ec2-pr-3', 'ct-ec2-pr-4',
      'ct-ec2-pr-5', 'ct-iam-pr-1', 'ct-iam-pr-2', 'ct-iam-pr-3', 'ct-iam-pr-5', 'ct-kms-pr-2', 'ct-s3-pr-3', 'ct-sagemaker-pr-1']);
  });

  test('on every type any rule file names, the reading leaves nothing out', () => {
    const named = new Set(controlTowerRuleFiles().flatMap(f =>
      [...fs.readFileSync(f, 'utf8').matchAll(/["'](AWS::\w+::\w+)["']/g)].map(m => m[1])));
    const template = witness([...named]);
    expect(ruleFilesWithNothingToCheck(templateShape([template]))).toEqual([]);
  });
});

describe('reading a rule file', () => {
  const STANDARD = `
let BUCKET_TYPE = "AWS::S3::Bucket"
let INPUT_DOCUMENT = this
let buckets = Resources.*[ Type == %BUCKET_TYPE ]  # a comment with { and or
rule bucket_check when is_cfn_template(%INPUT_DOCUMENT)
                       %buckets not empty {
    check(%buckets.Properties)
    << a message with } and or >>
}
rule bucket_check when is_cfn_hook(%INPUT_DOCUMENT, %BUCKET_TYPE) {
    check(%INPUT_DOCUMENT.%BUCKET_TYPE.resourceProperties)
}
rule check(bucket) {
    %bucket { Name exists }
}
rule is_cfn_template(doc) {
    %doc { AWSTemplateFormatVersion exists or Resources exists }
}
rule is_cfn_hook(doc, RESOURCE_TYPE) {
    %doc.%RESOURCE_TYPE.resourceProperties exists
}
`;
  const shape = (resourceTypes: string[], topLevelKeys = ['Resources']) => ({ resourceTypes: new Set(resourceTypes), topLevelKeys: new Set(topLevelKeys) });

  test('the Control Tower shape: each rule gated on its resources or on its hook document', () => {
    expect(ruleFileGates(STANDARD)).toEqual({ rules: [[{ resources: ['AWS::S3::Bucket'] }], [{ hook: 'AWS::S3::Bucket' }]] });
  });

  test('nothing to check without a bucket; something with a bucket, or with a hook document for buckets', () => {
    const gates = ruleFileGates(STANDARD);
    expect(nothingToCheck(gates, shape(['AWS::SNS::Topic']))).toBe(true);
    expect(nothingToCheck(gates, shape(['AWS::SNS::Topic', 'AWS::S3::Bucket']))).toBe(false);
    expect(nothingToCheck(gates, shape(['AWS::SNS::Topic'], ['AWS::S3::Bucket']))).toBe(false);
  });

  test('a rule without a when is evaluated on every template: unprovable', () => {
    expect(ruleFileGates(`${STANDARD}\nrule always { Resources exists }\n`))
      .toEqual({ unprovable: 'a top-level statement that is not a let, a parameterized rule or a rule with a when: rule always' });
  });

  test('a when with an or can open without the type: unprovable', () => {
    expect(ruleFileGates(STANDARD.replace('%buckets not empty {', '%buckets not empty or Resources exists {')))
      .toEqual({ unprovable: 'a when with a disjunction: is_cfn_template(%INPUT_DOCUMENT) %buckets not empty or Resources exists' });
  });

  test('a negated gate opens without the type: unprovable', () => {
    expect(ruleFileGates(STANDARD.replace('%buckets not empty {', 'not %buckets empty {')))
      .toEqual({ unprovable: 'a when with a negation: is_cfn_template(%INPUT_DOCUMENT) not %buckets empty' });
  });

  test('a filter with an or or a negation admits other types: its variable gates nothing', () => {
    for (const filter of ['Type == %BUCKET_TYPE or Properties.X exists', 'Type != %BUCKET_TYPE', 'not Type == %BUCKET_TYPE']) {
      const text = STANDARD.replace('Type == %BUCKET_TYPE ]', `${filter} ]`);
      expect(ruleFileGates(text)).toEqual({ unprovable: 'a when that needs no resource type: is_cfn_template(%INPUT_DOCUMENT) %buckets not empty' });
    }
  });

  test('a hook test with another body is not the hook shape: unprovable', () => {
    expect(ruleFileGates(STANDARD.replace('%doc.%RESOURCE_TYPE.resourceProperties exists', 'Resources exists')))
      .toEqual({ unprovable: 'a when that needs no resource type: is_cfn_hook(%INPUT_DOCUMENT, %BUCKET_TYPE)' });
  });

  test('braces and # in strings and regular expressions are text, not blocks or comments', () => {
    const text = STANDARD
      .replace('let INPUT_DOCUMENT = this', 'let INPUT_DOCUMENT = this\nlet ACCOUNT = /^\\d{12}$/\nlet MARK = "}#{"')
      .replace('%bucket { Name exists }', '%bucket { Name == "{" }');
    expect(ruleFileGates(text)).toEqual(ruleFileGates(STANDARD));
    // A rule without a when after a body whose string opens a brace is still seen.
    expect(ruleFileGates(`${text}\nrule always { Resources exists }\n`))
      .toEqual({ unprovable: 'a top-level statement that is not a let, a parameterized rule or a rule with a when: rule always' });
  });

  test('a top-level clause outside any rule: unprovable', () => {
    expect(ruleFileGates(`${STANDARD}\nResources.*.Properties { Name exists }\n`))
      .toEqual({ unprovable: 'a block that belongs to no rule: Resources.*.Properties' });
  });
});

describe('TemplateScopedCfnGuardValidator', () => {
  const context = (templatePaths: string[]) => ({ templatePaths } as unknown as IPolicyValidationContext);
  const PUBLIC_CLUSTER = { Resources: { Cluster: { Type: 'AWS::Redshift::Cluster', Properties: { PubliclyAccessible: true } } } };
  const TOPIC = { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: {} } } };

  test('a Redshift rule runs, and finds the public cluster, when the templates have a cluster', () => {
    const plugin = new TemplateScopedCfnGuardValidator(new CfnGuardValidator({ controlTowerRulesEnabled: true }));
    const templates = context([tempFile('a.template.json', PUBLIC_CLUSTER), tempFile('b.template.json', TOPIC)]);
    const report = plugin.validate(templates);
    // ct-redshift-pr-9 checks parameter groups (AWS::Redshift::ClusterParameterGroup), which no template has.
    expect(plugin.leftOut.map(baseName).filter(f => f.startsWith('ct-redshift-'))).toEqual(['ct-redshift-pr-9']);
    expect(report.violations.map(v => v.ruleName).sort()).toEqual([
      'redshift_backup_enabled_check', 'redshift_cluster_audit_logging_enabled_check', 'redshift_cluster_encrypted_check',
      'redshift_cluster_public_access_check', 'redshift_default_admin_check', 'redshift_default_db_name_check',
      'redshift_enhanced_vpc_routing_enabled_check',
    ]);
    // The same report as the plugin with every rule file.
    expect(report).toEqual(new CfnGuardValidator({ controlTowerRulesEnabled: true }).validate(templates));
  });

  test('the Redshift rules are left out when no template has a cluster', () => {
    const plugin = new TemplateScopedCfnGuardValidator(new CfnGuardValidator({ controlTowerRulesEnabled: true }));
    const templates = context([tempFile('b.template.json', TOPIC)]);
    const report = plugin.validate(templates);
    expect(plugin.leftOut.map(baseName).filter(f => f.startsWith('ct-redshift-'))).toEqual(
      ['ct-redshift-pr-1', 'ct-redshift-pr-2', 'ct-redshift-pr-3', 'ct-redshift-pr-4', 'ct-redshift-pr-5',
        'ct-redshift-pr-6', 'ct-redshift-pr-7', 'ct-redshift-pr-8', 'ct-redshift-pr-9']);
    expect(report).toEqual({ success: true, violations: [] });
    expect(new CfnGuardValidator({ controlTowerRulesEnabled: true }).validate(templates)).toEqual({ success: true, violations: [] });
  });

  test('reports as the plugin it stands for: name, version, rule IDs', () => {
    const plugin = new CfnGuardValidator({ controlTowerRulesEnabled: true });
    const scoped = new TemplateScopedCfnGuardValidator(plugin);
    expect({ name: scoped.name, version: scoped.version, ruleIds: scoped.ruleIds })
      .toEqual({ name: 'cdk-validator-cfnguard', version: plugin.version, ruleIds: plugin.ruleIds });
    expect(scoped.ruleIds!.length).toBe(237);
  });

  test('only the plain Control Tower plugin is scoped: disabled or extra rules are refused', () => {
    const message = 'only a CfnGuardValidator running all the Control Tower rules and nothing else can be scoped to its templates';
    expect(() => new TemplateScopedCfnGuardValidator(new CfnGuardValidator({ disabledRules: ['ct-s3-pr-1'] }))).toThrow(message);
    expect(() => new TemplateScopedCfnGuardValidator(new CfnGuardValidator({ rules: [tempFile('extra.guard', 'rule r { Resources exists }')] }))).toThrow(message);
    expect(() => new TemplateScopedCfnGuardValidator(new CfnGuardValidator())).not.toThrow();
  });

  test('scopeCfnGuardToTemplates replaces the cfn-guard plugin and leaves the others', () => {
    const other = { name: 'other', validate: () => ({ success: true, violations: [] }) };
    const scoped = scopeCfnGuardToTemplates([other, new CfnGuardValidator({ controlTowerRulesEnabled: true })]);
    expect(scoped[0]).toBe(other);
    expect(scoped[1]).toBeInstanceOf(TemplateScopedCfnGuardValidator);
    expect(scoped.length).toBe(2);
  });
});
