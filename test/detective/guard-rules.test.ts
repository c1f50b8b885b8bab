import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BedrockDetectiveControls, BedrockDetectiveControlsProps } from '../../src/detective';
import { Geography } from '../../src/models/geography';

// The real Guard engine: the cfn-guard binary cdk-validator-cfnguard ships (3.1.1). AWS Config runs
// custom policy rules on its Guard 2 runtime (PolicyRuntime guard-2.x.x); the rules use only Guard 2
// syntax (when, exists, not exists, or, ==, regular expressions), which Guard 3 evaluates alike.
const GUARD = path.join(__dirname, '..', '..', 'node_modules', '@cdklabs', 'cdk-validator-cfnguard', 'bin', 'ubuntu', 'x86_64', 'cfn-guard');
const ACCOUNT = '111111111111';
const CLAUDE = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const NOVA = 'amazon.nova-pro-v1:0';

/** The Guard policy texts as synthesized, by rule construct ID. */
function policies(region: string, props: Partial<BedrockDetectiveControlsProps> = {}): Map<string, string> {
  const stack = new Stack(new App(), 'Detective', { env: { account: ACCOUNT, region } });
  new BedrockDetectiveControls(stack, 'Detective', { notificationsTopic: new sns.Topic(stack, 'Topic'), settingChangeAlerts: false, ...props });
  const rules = Template.fromStack(stack).findResources('AWS::Config::ConfigRule', { Properties: { Source: { Owner: 'CUSTOM_POLICY' } } });
  return new Map(Object.entries(rules).map(([id, r]) => {
    expect(r.Properties.Source.CustomPolicyDetails.PolicyRuntime).toBe('guard-2.x.x');
    return [id.replace(/^Detective/, '').replace(/[0-9A-F]{8}$/, ''), r.Properties.Source.CustomPolicyDetails.PolicyText as string];
  }));
}

/** A configuration item as AWS Config records it (configurationItemVersion 1.3), with the resource's properties under `configuration`. */
function configurationItem(resourceType: string, configuration: unknown): unknown {
  return {
    configurationItemVersion: '1.3',
    configurationItemCaptureTime: '2026-12-06T18:20:10.000Z',
    configurationItemStatus: 'ResourceDiscovered',
    awsAccountId: ACCOUNT,
    awsRegion: 'eu-west-3',
    resourceType,
    resourceId: 'made-in-the-console-0123456789',
    configuration,
    supplementaryConfiguration: {},
    tags: {},
    relationships: [],
  };
}

/** Runs cfn-guard on one configuration item: PASS, FAIL or SKIP. */
function evaluate(policyText: string, item: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'));
  try {
    fs.writeFileSync(path.join(dir, 'rule.guard'), policyText);
    fs.writeFileSync(path.join(dir, 'item.json'), JSON.stringify(item));
    let out: string;
    try {
      out = execFileSync(GUARD, ['validate', '-r', path.join(dir, 'rule.guard'), '-d', path.join(dir, 'item.json'), '-o', 'json', '-S', 'none'], { encoding: 'utf8' });
    } catch (e) {
      // cfn-guard exits 19 when a rule fails; its report is still on stdout.
      const err = e as { status: number; stdout: string };
      if (err.status !== 19) throw e;
      out = err.stdout;
    }
    return JSON.parse(out).status;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('MemoryCustomerManagedKey (AC3 where no managed rule exists), by the real cfn-guard', () => {
  const rule = policies('eu-west-3').get('MemoryCustomerManagedKey')!;
  const memory = (configuration: unknown) => configurationItem('AWS::BedrockAgentCore::Memory', configuration);

  test('a memory encrypted with a customer-managed key passes', () => {
    expect(evaluate(rule, memory({ Name: 'support', EventExpiryDuration: 30, EncryptionKeyArn: `arn:aws:kms:eu-west-3:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` }))).toBe('PASS');
  });

  test('a memory without a key fails', () => {
    expect(evaluate(rule, memory({ Name: 'support', EventExpiryDuration: 30 }))).toBe('FAIL');
  });

  test('a memory with an empty key fails', () => {
    expect(evaluate(rule, memory({ Name: 'support', EncryptionKeyArn: '' }))).toBe('FAIL');
  });

  test('another resource type is not judged', () => {
    expect(evaluate(rule, configurationItem('AWS::BedrockAgentCore::Gateway', {}))).toBe('SKIP');
  });
});

describe('DataSourceParsingModelApproved (MD1, MD2 for data sources), by the real cfn-guard', () => {
  const rule = policies('eu-central-1', { approvedModels: [`eu.${CLAUDE}`, NOVA], approvedGeographies: [Geography.EU] }).get('DataSourceParsingModelApproved')!;
  const parsingWith = (modelArn: string) => configurationItem('AWS::Bedrock::DataSource', {
    Name: 'policies',
    KnowledgeBaseId: 'KB12345678',
    DataSourceConfiguration: { Type: 'S3', S3Configuration: { BucketArn: 'arn:aws:s3:::policies' } },
    VectorIngestionConfiguration: { ParsingConfiguration: { ParsingStrategy: 'BEDROCK_FOUNDATION_MODEL', BedrockFoundationModelConfiguration: { ModelArn: modelArn } } },
  });

  test('a data source that does not parse with a model passes', () => {
    expect(evaluate(rule, configurationItem('AWS::Bedrock::DataSource', { Name: 'policies', KnowledgeBaseId: 'KB12345678' }))).toBe('PASS');
  });

  test.each([
    [`arn:aws:bedrock:eu-central-1::foundation-model/${CLAUDE}`],
    [`arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/eu.${CLAUDE}`],
    [`arn:aws:bedrock:eu-central-1::foundation-model/${NOVA}`],
  ])('parsing with an approved model passes: %s', (arn) => {
    expect(evaluate(rule, parsingWith(arn))).toBe('PASS');
  });

  test.each([
    ['arn:aws:bedrock:eu-central-1::foundation-model/meta.llama3-70b-instruct-v1:0', 'a model that is not approved'],
    [`arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${CLAUDE}`, 'an approved model through a geography that is not'],
    [`arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/global.${CLAUDE}`, 'an approved model through the global profile'],
    [`arn:aws:bedrock:eu-central-1::foundation-model/${CLAUDE}-evil`, 'a model whose ID only starts like an approved one'],
    ['arn:aws:bedrock:eu-central-1::foundation-model/anthropicXclaude-sonnet-4-5-20250929-v1:0', 'a dot that is not a dot (the IDs are escaped)'],
  ])('parsing with %s fails: %s', (arn) => {
    expect(evaluate(rule, parsingWith(arn))).toBe('FAIL');
  });
});

describe('DataSourceParsingModelApproved without approvedGeographies', () => {
  const rule = policies('eu-central-1', { approvedModels: [CLAUDE] }).get('DataSourceParsingModelApproved')!;
  const parsingWith = (modelArn: string) => configurationItem('AWS::Bedrock::DataSource', {
    VectorIngestionConfiguration: { ParsingConfiguration: { BedrockFoundationModelConfiguration: { ModelArn: modelArn } } },
  });

  test('any geography\'s profile of an approved model passes', () => {
    expect(evaluate(rule, parsingWith(`arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${CLAUDE}`))).toBe('PASS');
  });

  test('the global profile still fails: it may process data in any commercial region', () => {
    expect(evaluate(rule, parsingWith(`arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/global.${CLAUDE}`))).toBe('FAIL');
  });
});
