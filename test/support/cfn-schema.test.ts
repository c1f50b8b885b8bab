import { App, CfnResource, CloudFormationValidatePlugin, Stack, aws_kms as kms, aws_sqs as sqs } from 'aws-cdk-lib';
import { cfnSchemaFindings, workerSchemaValidator } from './cfn-schema';
import { resultsOf, synthValidationReport } from './validation-report';

const ENV = { account: '111111111111', region: 'us-east-1' };

function badBucket(): Stack {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  new CfnResource(stack, 'Bad', { type: 'AWS::S3::Bucket', properties: { Colour: 'blue' } });
  return stack;
}
const BAD_BUCKET = ["F3002 @ Stack/Bad: Colour: Additional properties are not allowed ('Colour' was unexpected)"];

function unnamedGuardrail(): Stack {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  new CfnResource(stack, 'NoName', { type: 'AWS::Bedrock::Guardrail', properties: { BlockedInputMessaging: 'no', BlockedOutputsMessaging: 'no' } });
  return stack;
}
const UNNAMED_GUARDRAIL = ["F3003 @ Stack/NoName: Properties: 'Name' is a required property"];

function validStack(): Stack {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  new kms.Key(stack, 'Key', { enableKeyRotation: true });
  new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
  new CfnResource(stack, 'Custom', { type: 'Custom::Anything', properties: { ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:f' } });
  return stack;
}

describe('the worker\'s schema validator', () => {
  test('one plugin for every call, aws-cdk-lib\'s own, loaded in the worker\'s realm rather than this file\'s', () => {
    const plugin = workerSchemaValidator();
    expect(workerSchemaValidator()).toBe(plugin);
    expect({ name: plugin.name, constructor: plugin.constructor.name, ofThisRealm: plugin instanceof CloudFormationValidatePlugin })
      .toEqual({ name: CloudFormationValidatePlugin.PLUGIN_NAME, constructor: 'CloudFormationValidatePlugin', ofThisRealm: false });
  });

  test('known findings are still reported, and valid templates stay clean, after the engine served other templates', () => {
    expect(cfnSchemaFindings(validStack())).toEqual([]);
    expect(cfnSchemaFindings(badBucket())).toEqual(BAD_BUCKET);
    expect(cfnSchemaFindings(unnamedGuardrail())).toEqual(UNNAMED_GUARDRAIL);
    expect(cfnSchemaFindings(validStack())).toEqual([]);
    expect(cfnSchemaFindings(badBucket())).toEqual(BAD_BUCKET);
    expect(cfnSchemaFindings(validStack())).toEqual([]);
    expect(cfnSchemaFindings(unnamedGuardrail())).toEqual(UNNAMED_GUARDRAIL);
  });

  test('the same findings as a plugin of this file\'s own, new for the template', () => {
    const own = (stack: Stack) =>
      resultsOf(synthValidationReport(stack, [new CloudFormationValidatePlugin()]), CloudFormationValidatePlugin.PLUGIN_NAME).messages;
    expect(cfnSchemaFindings(validStack())).toEqual([]);
    expect(own(badBucket())).toEqual(BAD_BUCKET);
    expect(cfnSchemaFindings(badBucket())).toEqual(BAD_BUCKET);
  });

  test('a synthesis that throws drops the worker\'s plugin: the next call gets a new one', () => {
    const before = workerSchemaValidator();
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    stack.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => cfnSchemaFindings(stack)).toThrow(/broken on purpose/);
    expect(workerSchemaValidator()).not.toBe(before);
    expect(cfnSchemaFindings(badBucket())).toEqual(BAD_BUCKET);
  });
});
