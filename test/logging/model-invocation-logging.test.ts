import { App, Duration, Stack, aws_kms as kms, aws_logs as logs, aws_s3 as s3 } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { InvocationLoggingDeletion, ModelInvocationLogging } from '../../src/logging';
import { ACCOUNT, stackIn } from '../models/fixtures';
import { expectValidCloudFormation } from '../support/cfn-schema';
import { PolicyDocument, TemplatePolicies, evaluate } from '../support/iam';
import { checkCompliance, describeAcknowledgements } from '../support/nag';

const REGION = 'eu-central-1';
const BUCKET = 'log-bucket-name';
const PREFIX_OBJECT = `arn:aws:s3:::${BUCKET}/bedrock-invocation-logs/AWSLogs/${ACCOUNT}/BedrockModelInvocationLogs/2026/11/22/log.json.gz`;
const FROM_BEDROCK_HERE = { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:bedrock:${REGION}:${ACCOUNT}:model-invocation/abc` };

function defaultLogging(): { stack: Stack; template: Template; policies: TemplatePolicies } {
  const stack = stackIn(REGION);
  new ModelInvocationLogging(stack, 'Logging');
  const template = Template.fromStack(stack);
  const policies = new TemplatePolicies(template.toJSON(), {
    region: REGION,
    accountId: ACCOUNT,
    refs: { LoggingLogBucketFEEF9A3D: BUCKET, LoggingAccessLogsBucketA8605233: 'access-logs-bucket' },
    getAtts: {
      'LoggingLogBucketFEEF9A3D.Arn': `arn:aws:s3:::${BUCKET}`,
      'LoggingAccessLogsBucketA8605233.Arn': 'arn:aws:s3:::access-logs-bucket',
    },
  });
  return { stack, template, policies };
}

describe('ModelInvocationLogging with defaults', () => {
  const { stack, template, policies } = defaultLogging();

  test('stateful resources keep their logical IDs and are retained on deletion', () => {
    const retained = Object.entries<any>(template.toJSON().Resources)
      .filter(([, r]) => r.DeletionPolicy === 'Retain')
      .map(([id, r]) => `${r.Type} ${id} ${r.UpdateReplacePolicy}`);
    expect(retained).toEqual([
      'AWS::KMS::Key LoggingKeyA95093AC Retain',
      'AWS::S3::Bucket LoggingAccessLogsBucketA8605233 Retain',
      'AWS::S3::Bucket LoggingLogBucketFEEF9A3D Retain',
      'AWS::Logs::LogGroup LoggingLogGroupC6B8E20B Retain',
      // The configuration is kept on deletion (the default), and it names the delivery role. A
      // replacement is different: the configuration names the new role before CloudFormation removes
      // the old one, which nothing uses any more and which Bedrock could still assume (issue 34).
      'AWS::IAM::Role LoggingDeliveryRoleCC336B5C Delete',
      'AWS::IAM::ManagedPolicy LoggingDeliveryPolicy6D825418 Delete',
    ]);
  });

  test('the delivery role and its policy are pinned on their IAM paths (a path is create-only: a change replaces them)', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      Path: '/bedrock-landing-zone-log-delivery/',
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'bedrock.amazonaws.com' } })] }),
    });
    expect(Object.values<any>(template.findResources('AWS::IAM::ManagedPolicy')).map(p => p.Properties.Path)).toEqual(['/bedrock-landing-zone/']);
  });

  test('the log bucket is KMS-encrypted, versioned, private, BucketOwnerEnforced, access-logged, with lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['LoggingKeyA95093AC', 'Arn'] } },
        }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: 'LoggingAccessLogsBucketA8605233' }, LogFilePrefix: 'log-bucket/' },
      LifecycleConfiguration: {
        Rules: [{
          Id: 'invocation-logs',
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }, { StorageClass: 'GLACIER', TransitionInDays: 365 }],
          ExpirationInDays: Match.absent(),
        }],
      },
      ObjectLockEnabled: Match.absent(),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('the log group is encrypted with the key and kept a year', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/bedrock-landing-zone/model-invocations',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': ['LoggingKeyA95093AC', 'Arn'] },
    });
  });

  test('the custom resource puts every destination and data type, and keeps the configuration on delete', () => {
    template.hasResourceProperties('Custom::BedrockModelInvocationLogging', {
      LoggingConfig: {
        s3Config: { bucketName: { Ref: 'LoggingLogBucketFEEF9A3D' }, keyPrefix: 'bedrock-invocation-logs' },
        cloudWatchConfig: {
          logGroupName: '/bedrock-landing-zone/model-invocations',
          roleArn: { 'Fn::GetAtt': ['LoggingDeliveryRoleCC336B5C', 'Arn'] },
          largeDataDeliveryS3Config: { bucketName: { Ref: 'LoggingLogBucketFEEF9A3D' }, keyPrefix: 'bedrock-invocation-logs' },
        },
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: true,
        embeddingDataDeliveryEnabled: true,
        videoDataDeliveryEnabled: true,
        audioDataDeliveryEnabled: true,
      },
      OnDelete: 'RETAIN',
    });
    const cr = Object.values<any>(template.findResources('Custom::BedrockModelInvocationLogging'))[0];
    expect(cr.DependsOn).toEqual(expect.arrayContaining([
      'LoggingDeliveryPolicy6D825418', 'LoggingDeliveryRoleCC336B5C', 'LoggingKeyA95093AC',
      'LoggingLogBucketFEEF9A3D', 'LoggingLogBucketPolicyD90C89B3', 'LoggingLogGroupC6B8E20B',
    ]));
  });

  test('one Lambda function, on the newest Node.js runtime aws-cdk-lib offers, without reserved concurrency (new accounts have a quota of 10)', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', ReservedConcurrentExecutions: Match.absent(), Timeout: 300 });
  });

  test('with RESTORE_PREVIOUS or DISABLE_LOGGING, the delivery role goes with the stack', () => {
    const s = stackIn(REGION);
    new ModelInvocationLogging(s, 'Logging', { onDelete: InvocationLoggingDeletion.DISABLE_LOGGING });
    const t = Template.fromStack(s);
    t.hasResource('AWS::IAM::Role', { DeletionPolicy: Match.absent(), Properties: Match.objectLike({ Description: Match.stringLikeRegexp('deliver model invocation logs') }) });
  });

  test('the handler may call only the logging API (Resource "*", the only one it accepts) and pass only the delivery role to Bedrock', () => {
    const role = Object.values<any>(template.findResources('AWS::IAM::Role'))
      .find(r => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'lambda.amazonaws.com');
    expect(role.Properties.Policies[0].PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Resource: '*',
        Action: ['bedrock:PutModelInvocationLoggingConfiguration', 'bedrock:GetModelInvocationLoggingConfiguration',
          'bedrock:DeleteModelInvocationLoggingConfiguration'],
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: { 'Fn::GetAtt': ['LoggingDeliveryRoleCC336B5C', 'Arn'] },
        Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
      },
    ]);
  });

  describe('bucket policy, by meaning', () => {
    const bucketPolicy = policies.documentOf('LoggingLogBucketPolicyD90C89B3', 'PolicyDocument');
    // AWS sets aws:PrincipalServiceName on a service principal's requests; the simulator needs it given.
    const put = (resource: string, context: Record<string, string>, principal = 'bedrock.amazonaws.com') =>
      evaluate({ identity: [], resourcePolicy: bucketPolicy },
        { action: 's3:PutObject', resource, principal, resourceAccount: ACCOUNT, context: { 'aws:PrincipalServiceName': principal, ...context } });

    test('Bedrock from this account and region may write under the log prefix', async () => {
      expect(await put(PREFIX_OBJECT, FROM_BEDROCK_HERE)).toBe('Allowed');
    });
    test('Bedrock on behalf of another account is denied', async () => {
      expect(await put(PREFIX_OBJECT, { ...FROM_BEDROCK_HERE, 'aws:SourceAccount': '999999999999' })).toBe('ImplicitlyDenied');
    });
    test('Bedrock from another region is denied', async () => {
      expect(await put(PREFIX_OBJECT, { ...FROM_BEDROCK_HERE, 'aws:SourceArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:x` })).toBe('ImplicitlyDenied');
    });
    test('another prefix is denied', async () => {
      expect(await put(`arn:aws:s3:::${BUCKET}/other/AWSLogs/${ACCOUNT}/BedrockModelInvocationLogs/x`, FROM_BEDROCK_HERE)).toBe('ImplicitlyDenied');
    });
    test('another service is denied, explicitly: only Bedrock writes the logs', async () => {
      expect(await put(PREFIX_OBJECT, FROM_BEDROCK_HERE, 'sagemaker.amazonaws.com')).toBe('ExplicitlyDenied');
    });
    test('plain HTTP is explicitly denied', async () => {
      expect(await put(PREFIX_OBJECT, { ...FROM_BEDROCK_HERE, 'aws:SecureTransport': 'false' })).toBe('ExplicitlyDenied');
    });
    test('nobody deletes a log object or shortens its retention, whatever their own policy allows; reading stays possible', async () => {
      const admin: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
      const asAdmin = (action: string) => evaluate({ identity: [admin], resourcePolicy: bucketPolicy },
        { action, resource: PREFIX_OBJECT, principal: `arn:aws:iam::${ACCOUNT}:role/admin`, resourceAccount: ACCOUNT, context: { 'aws:SecureTransport': 'true' } });
      // s3:UpdateObjectEncryption: re-encrypted under a key the caller then deletes, a log object is as good as deleted (red team rt2, F1).
      for (const action of ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:BypassGovernanceRetention', 's3:PutObjectRetention', 's3:PutObjectAcl',
        's3:PutObjectVersionAcl', 's3:UpdateObjectEncryption']) {
        expect([action, await asAdmin(action)]).toEqual([action, 'ExplicitlyDenied']);
      }
      expect(await asAdmin('s3:GetObject')).toBe('Allowed');
      // Nor does anyone but Bedrock write there: a forged or overwritten log is no evidence.
      expect(await asAdmin('s3:PutObject')).toBe('ExplicitlyDenied');
    });
  });

  test('what logging depends on carries the protected tag; the buckets have ABAC on; the delivery policy is on the protected path', () => {
    const tagged = (type: string) => template.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'bedrock-landing-zone:protected', Value: 'true' }]) });
    for (const type of ['AWS::KMS::Key', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::Lambda::Function']) tagged(type);
    template.allResourcesProperties('AWS::S3::Bucket', { AbacStatus: 'Enabled' });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', { Path: '/bedrock-landing-zone/' });
    template.hasResourceProperties('AWS::IAM::Role', { Path: '/bedrock-landing-zone-log-delivery/' });
    // The stack is not tagged unless asked (a stack tag reaches every resource in it): LandingZoneStackProtection.
    expect(stack.tags.tagValues()).toEqual({});
  });

  describe('key policy, by meaning', () => {
    const keyPolicy = policies.documentOf('LoggingKeyA95093AC', 'KeyPolicy');
    const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const kmsAs = (principal: string, action: string, context: Record<string, string>) =>
      evaluate({ identity: [], resourcePolicy: keyPolicy }, { action, resource: keyArn, principal, resourceAccount: ACCOUNT, context });

    test('Bedrock from this account and region may generate data keys, and nothing else', async () => {
      expect(await kmsAs('bedrock.amazonaws.com', 'kms:GenerateDataKey', FROM_BEDROCK_HERE)).toBe('Allowed');
      expect(await kmsAs('bedrock.amazonaws.com', 'kms:Decrypt', FROM_BEDROCK_HERE)).toBe('ImplicitlyDenied');
      expect(await kmsAs('bedrock.amazonaws.com', 'kms:GenerateDataKey', { ...FROM_BEDROCK_HERE, 'aws:SourceAccount': '999999999999' }))
        .toBe('ImplicitlyDenied');
    });

    // The simulator drops the context key kms:EncryptionContext:aws:logs:arn (its variable part holds
    // colons), so this one statement is pinned by its exact content instead of by evaluation.
    test('CloudWatch Logs may use the key for this log group only', () => {
      expect(keyPolicy.Statement.find(st => st.Sid === 'CloudWatchLogsModelInvocationLogs')).toEqual({
        Sid: 'CloudWatchLogsModelInvocationLogs',
        Effect: 'Allow',
        Principal: { Service: `logs.${REGION}.amazonaws.com` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/bedrock-landing-zone/model-invocations` } },
      });
    });
  });

  describe('delivery role, by meaning', () => {
    const roleId = 'LoggingDeliveryRoleCC336B5C';
    const trust: PolicyDocument = template.toJSON().Resources[roleId].Properties.AssumeRolePolicyDocument;
    const resolvedTrust = policies.documentOf(roleId, 'AssumeRolePolicyDocument');
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/delivery`;

    test('Bedrock may assume it for this account and region only', async () => {
      expect(trust.Statement).toHaveLength(1);
      const assume = (principal: string, context: Record<string, string>) =>
        evaluate({ identity: [], resourcePolicy: resolvedTrust }, { action: 'sts:AssumeRole', resource: roleArn, principal, resourceAccount: ACCOUNT, context });
      expect(await assume('bedrock.amazonaws.com', FROM_BEDROCK_HERE)).toBe('Allowed');
      expect(await assume('bedrock.amazonaws.com', { ...FROM_BEDROCK_HERE, 'aws:SourceAccount': '999999999999' })).toBe('ImplicitlyDenied');
      expect(await assume('bedrock.amazonaws.com', {})).toBe('ImplicitlyDenied');
      expect(await assume('lambda.amazonaws.com', FROM_BEDROCK_HERE)).toBe('ImplicitlyDenied');
    });

    test('it may write to the Bedrock log stream of the log group only', async () => {
      const identity = policies.identityPoliciesOf(roleId);
      const stream = (group: string, name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}:log-stream:${name}`;
      const group = '/bedrock-landing-zone/model-invocations';
      expect(await evaluate({ identity }, { action: 'logs:PutLogEvents', resource: stream(group, 'aws/bedrock/modelinvocations') })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'logs:CreateLogStream', resource: stream(group, 'aws/bedrock/modelinvocations') })).toBe('Allowed');
      expect(await evaluate({ identity }, { action: 'logs:PutLogEvents', resource: stream(group, 'other') })).toBe('ImplicitlyDenied');
      expect(await evaluate({ identity }, { action: 'logs:PutLogEvents', resource: stream('/other', 'aws/bedrock/modelinvocations') }))
        .toBe('ImplicitlyDenied');
      expect(await evaluate({ identity }, { action: 'logs:DeleteLogGroup', resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${group}` }))
        .toBe('ImplicitlyDenied');
    });
  });

  test('the four cdk-nag packs: no violation; the acknowledgements, with their reasons', () => {
    const { stack: s } = defaultLogging();
    const result = checkCompliance(s);
    expect(result.violations).toEqual([]);
    const replication = 'Cross-region replication would copy prompts and model output out of the governed region and break data residency; ' +
      'durability comes from S3 (eleven nines within the region), versioning and retention on stack deletion.';
    const sseS3 = 'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3 (AES-256); SSE-KMS is not supported for the log target.';
    expect(describeAcknowledgements(result.acknowledgements)).toEqual([
      `HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ Stack/Logging/AccessLogsBucket/Resource: ${replication}`,
      `HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled @ Stack/Logging/LogBucket/Resource: ${replication}`,
      `HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS @ Stack/Logging/AccessLogsBucket/Resource: ${sseS3}`,
      `NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ Stack/Logging/AccessLogsBucket/Resource: ${replication}`,
      `NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled @ Stack/Logging/LogBucket/Resource: ${replication}`,
      `NIST.800.53.R5::NIST.800.53.R5-S3DefaultEncryptionKMS @ Stack/Logging/AccessLogsBucket/Resource: ${sseS3}`,
      `PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ Stack/Logging/AccessLogsBucket/Resource: ${replication}`,
      `PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled @ Stack/Logging/LogBucket/Resource: ${replication}`,
      `PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS @ Stack/Logging/AccessLogsBucket/Resource: ${sseS3}`,
    ]);
  });

  test('aws-cdk-lib\'s CloudFormation schema validator finds nothing', () => {
    expect(() => expectValidCloudFormation(defaultLogging().stack)).not.toThrow();
  });
});

describe('choices', () => {
  test('toggles, onDelete, lifecycle and Object Lock', () => {
    const stack = stackIn(REGION);
    new ModelInvocationLogging(stack, 'Logging', {
      cloudWatchDelivery: false,
      imageDataDelivery: false,
      videoDataDelivery: false,
      audioDataDelivery: false,
      onDelete: InvocationLoggingDeletion.RESTORE_PREVIOUS,
      transitionToInfrequentAccessAfter: Duration.days(30),
      transitionToGlacierAfter: Duration.days(180),
      expiration: Duration.days(2555),
      objectLockRetention: s3.ObjectLockRetention.compliance(Duration.days(365)),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::BedrockModelInvocationLogging', {
      LoggingConfig: {
        s3Config: { bucketName: { Ref: 'LoggingLogBucketFEEF9A3D' }, keyPrefix: 'bedrock-invocation-logs' },
        cloudWatchConfig: Match.absent(),
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: false,
        embeddingDataDeliveryEnabled: true,
        videoDataDeliveryEnabled: false,
        audioDataDeliveryEnabled: false,
      },
      OnDelete: 'RESTORE_PREVIOUS',
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    template.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 } } },
      LifecycleConfiguration: {
        Rules: [{
          Id: 'invocation-logs',
          Status: 'Enabled',
          ExpirationInDays: 2555,
          NoncurrentVersionExpiration: { NoncurrentDays: 2555 },
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }, { StorageClass: 'GLACIER', TransitionInDays: 180 }],
        }],
      },
    });
  });

  test('an existing bucket and log group are used as they are; an imported bucket gets a warning with the statement to add', () => {
    const stack = stackIn(REGION);
    const bucket = s3.Bucket.fromBucketName(stack, 'Existing', 'existing-logs');
    const group = logs.LogGroup.fromLogGroupName(stack, 'ExistingGroup', '/existing/bedrock');
    new ModelInvocationLogging(stack, 'Logging', { logBucket: bucket, logGroup: group });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('Custom::BedrockModelInvocationLogging', {
      LoggingConfig: Match.objectLike({
        s3Config: { bucketName: 'existing-logs', keyPrefix: 'bedrock-invocation-logs' },
        cloudWatchConfig: Match.objectLike({ logGroupName: '/existing/bedrock' }),
      }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Logging', Match.stringLikeRegexp(
      'The log bucket is imported, so its policy cannot be changed here: allow bedrock.amazonaws.com s3:PutObject on ' +
      'bedrock-invocation-logs/AWSLogs/<account>/BedrockModelInvocationLogs/\\*'));
  });

  test('a bucket defined in the app gets the statement in its own policy', () => {
    const stack = stackIn(REGION);
    const bucket = new s3.Bucket(stack, 'Mine');
    new ModelInvocationLogging(stack, 'Logging', { logBucket: bucket, cloudWatchDelivery: false });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'MineC1B42D3A' },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AmazonBedrockModelInvocationLogs', Principal: { Service: 'bedrock.amazonaws.com' } })]) },
    });
  });

  test('a retention shorter than a year is allowed with a warning', () => {
    const stack = stackIn(REGION);
    new ModelInvocationLogging(stack, 'Logging', { logRetention: logs.RetentionDays.THREE_MONTHS });
    Annotations.fromStack(stack).hasWarning('/Stack/Logging', Match.stringLikeRegexp('logRetention is 90 days: invocation logs hold prompts and answers'));
  });
});

describe('validation', () => {
  test('every conflicting or impossible prop is reported at once', () => {
    const stack = stackIn(REGION);
    const bucket = s3.Bucket.fromBucketName(stack, 'Existing', 'existing-logs');
    const group = logs.LogGroup.fromLogGroupName(stack, 'ExistingGroup', '/existing');
    expect(() => new ModelInvocationLogging(stack, 'Logging', {
      logBucket: bucket,
      logGroup: group,
      logRetention: logs.RetentionDays.ONE_YEAR,
      expiration: Duration.days(400),
      keyPrefix: '/leading',
      encryptionKey: undefined,
    })).toThrow([
      'ModelInvocationLogging:',
      "  - keyPrefix '/leading' is not allowed: use letters, digits and !_.*'()- separated by single '/', with no leading or trailing '/', at most 900 characters",
      '  - expiration configures the bucket this construct creates, but logBucket is given: set it on your bucket instead',
      '  - logRetention configures the log group this construct creates, but logGroup is given: set it on your log group',
    ].join('\n'));
  });

  test('no destination is an error', () => {
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', { s3Delivery: false, cloudWatchDelivery: false }))
      .toThrow('ModelInvocationLogging: s3Delivery and cloudWatchDelivery are both false: at least one destination is needed');
  });

  test('lifecycle transitions must be possible and in order', () => {
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', {
      transitionToInfrequentAccessAfter: Duration.days(10), transitionToGlacierAfter: Duration.days(5), expiration: Duration.days(5),
    })).toThrow([
      'ModelInvocationLogging:',
      '  - transitionToInfrequentAccessAfter is 10 days; S3 allows Standard-IA from 30 days',
      '  - transitionToGlacierAfter (5 days) must be later than transitionToInfrequentAccessAfter (10 days)',
      '  - expiration (5 days) must be later than transitionToGlacierAfter (5 days)',
    ].join('\n'));
  });

  test('a configuration that delivers no data type at all is an error: it would log nothing', () => {
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', {
      textDataDelivery: false, imageDataDelivery: false, embeddingDataDelivery: false, videoDataDelivery: false, audioDataDelivery: false,
    })).toThrow('ModelInvocationLogging: textDataDelivery, imageDataDelivery, embeddingDataDelivery, videoDataDelivery and audioDataDelivery ' +
      'are all false: Bedrock would log no request or response; allowed: at least one of them true (textDataDelivery logs prompts and answers)');
  });

  test('one data type delivered is enough', () => {
    const stack = stackIn(REGION);
    new ModelInvocationLogging(stack, 'Logging', { textDataDelivery: false, imageDataDelivery: false, videoDataDelivery: false, audioDataDelivery: false });
    Template.fromStack(stack).hasResourceProperties('Custom::BedrockModelInvocationLogging', {
      LoggingConfig: Match.objectLike({ textDataDeliveryEnabled: false, embeddingDataDeliveryEnabled: true }),
    });
  });

  test('a retention CloudWatch Logs does not offer is an error, not a warning', () => {
    const stack = stackIn(REGION);
    expect(() => new ModelInvocationLogging(stack, 'Logging', { logRetention: 42 as logs.RetentionDays }))
      .toThrow('ModelInvocationLogging: logRetention is the number 42; allowed: a logs.RetentionDays value, in days one of ' +
        '1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or INFINITE');
    // No retention warning left behind (the stack-protection warning is another matter).
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('[Rr]etention'))).toEqual([]);
  });

  test('every retention CloudWatch Logs offers is accepted, INFINITE too', () => {
    for (const retention of [logs.RetentionDays.THIRTEEN_MONTHS, logs.RetentionDays.TEN_YEARS, logs.RetentionDays.INFINITE]) {
      expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', { logRetention: retention })).not.toThrow();
    }
  });

  test('a log group name CloudWatch Logs refuses is an error', () => {
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', { logGroupName: '/bedrock landing zone/logs' }))
      .toThrow("ModelInvocationLogging: logGroupName '/bedrock landing zone/logs' is not allowed: use 1 to 512 letters, digits and . - _ / #");
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', { logGroupName: '' }))
      .toThrow("ModelInvocationLogging: logGroupName '' is not allowed: use 1 to 512 letters, digits and . - _ / #");
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', { logGroupName: `/${'a'.repeat(512)}` }))
      .toThrow(`ModelInvocationLogging: logGroupName '/${'a'.repeat(512)}' is not allowed: use 1 to 512 letters, digits and . - _ / #`);
  });

  test('what JavaScript callers can pass untyped is checked: onDelete and the flags', () => {
    expect(() => new ModelInvocationLogging(stackIn(REGION), 'Logging', {
      onDelete: 'KEEP' as InvocationLoggingDeletion,
      s3Delivery: 'false' as unknown as boolean,
      textDataDelivery: 0 as unknown as boolean,
    })).toThrow([
      'ModelInvocationLogging:',
      '  - s3Delivery is the string \'false\'; allowed: true or false',
      '  - textDataDelivery is the number 0; allowed: true or false',
      "  - onDelete is the string 'KEEP'; allowed: InvocationLoggingDeletion.RETAIN_CONFIGURATION, InvocationLoggingDeletion.RESTORE_PREVIOUS, " +
      'InvocationLoggingDeletion.DISABLE_LOGGING',
    ].join('\n'));
  });

  test('an encryption key with nothing to encrypt is an error', () => {
    const stack = stackIn(REGION);
    expect(() => new ModelInvocationLogging(stack, 'Logging', {
      logBucket: s3.Bucket.fromBucketName(stack, 'B', 'existing-logs'),
      cloudWatchDelivery: false,
      encryptionKey: new kms.Key(stack, 'K'),
    })).toThrow('ModelInvocationLogging: encryptionKey encrypts the stores this construct creates, but it creates none');
  });
});

describe('one per account and region', () => {
  test('a second one for the same account and region fails synth, naming both', () => {
    const app = new App();
    new ModelInvocationLogging(new Stack(app, 'A', { env: { account: ACCOUNT, region: REGION } }), 'Logging');
    new ModelInvocationLogging(new Stack(app, 'B', { env: { account: ACCOUNT, region: REGION } }), 'Logging');
    expect(() => app.synth()).toThrow(
      `Model invocation logging is one per account and region, but 2 constructs configure it for account ${ACCOUNT} region ${REGION}: A/Logging, B/Logging.`);
  });

  test('other regions and accounts are independent', () => {
    const app = new App();
    new ModelInvocationLogging(new Stack(app, 'A', { env: { account: ACCOUNT, region: REGION } }), 'Logging');
    new ModelInvocationLogging(new Stack(app, 'B', { env: { account: ACCOUNT, region: 'us-east-1' } }), 'Logging');
    new ModelInvocationLogging(new Stack(app, 'C', { env: { account: '222222222222', region: REGION } }), 'Logging');
    expect(() => app.synth()).not.toThrow();
  });
});
