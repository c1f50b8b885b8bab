import { AwsApiCall, ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, aws_s3 as s3 } from 'aws-cdk-lib';
import { INTEG_REGION, integStack } from './environment';
import { EmbeddingModel, VectorKnowledgeBase } from '../../src';

/**
 * A knowledge base end to end: a document is put in the data source's bucket, an ingestion job runs
 * until COMPLETE, and Retrieve returns the document's text for a question about it.
 */
export const app = new App();
const stack = integStack(app, 'BedrockLzIntegKnowledgeBase');
const documents = new s3.Bucket(stack, 'Documents', {
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
});
const kb = new VectorKnowledgeBase(stack, 'KnowledgeBase', {
  embeddingModel: EmbeddingModel.TITAN_EMBED_TEXT_V2.invokable(),
  removalPolicy: RemovalPolicy.DESTROY,
});
const source = kb.addS3DataSource('Handbook', { bucket: documents, inclusionPrefixes: ['handbook/'] });

const assertions = integStack(app, 'BedrockLzIntegKnowledgeBaseAssertions');
const integ = new IntegTest(app, 'KnowledgeBase', {
  testCases: [stack],
  assertionStack: assertions,
  regions: [INTEG_REGION],
  cdkCommandOptions: { destroy: { args: { force: true } } },
});
const KEY = 'handbook/retention.txt';
const FACT = 'Model invocation logs of the claims team are kept for exactly 2557 days.';

const put = integ.assertions.awsApiCall('S3', 'putObject', { Bucket: documents.bucketName, Key: KEY, Body: FACT });
put.provider.addToRolePolicy({ Effect: 'Allow', Action: ['s3:PutObject'], Resource: [documents.arnForObjects(KEY)] });

const kbArn = kb.knowledgeBaseArn;
const ingest = integ.assertions.awsApiCall('BedrockAgent', 'startIngestionJob', {
  knowledgeBaseId: kb.knowledgeBaseId, dataSourceId: source.dataSourceId,
});
ingest.provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock:StartIngestionJob', 'bedrock:GetIngestionJob'], Resource: [kbArn] });

const ingested = integ.assertions.awsApiCall('BedrockAgent', 'getIngestionJob', {
  knowledgeBaseId: kb.knowledgeBaseId,
  dataSourceId: source.dataSourceId,
  ingestionJobId: ingest.getAttString('ingestionJob.ingestionJobId'),
}).expect(ExpectedResult.objectLike({ ingestionJob: { status: 'COMPLETE' } }))
  .waitForAssertions({ totalTimeout: Duration.minutes(15), interval: Duration.seconds(30) }) as AwsApiCall;
ingested.waiterProvider!.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock:GetIngestionJob'], Resource: [kbArn] });

const retrieve = integ.assertions.awsApiCall('BedrockAgentRuntime', 'retrieve', {
  knowledgeBaseId: kb.knowledgeBaseId,
  retrievalQuery: { text: 'How long are the claims team\'s invocation logs kept?' },
}).assertAtPath('retrievalResults.0.content.text', ExpectedResult.stringLikeRegexp('2557 days'));
retrieve.provider.addToRolePolicy({ Effect: 'Allow', Action: ['bedrock:Retrieve'], Resource: [kbArn] });
put.next(ingest).next(ingested).next(retrieve);
