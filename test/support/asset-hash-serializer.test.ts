import { App, Stack, aws_lambda as lambda } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

// The serializer is registered for every test file in package.json (jest.snapshotSerializers).
describe('asset hash serializer', () => {
  test('replaces 64-character hashes, alone or inside a string', () => {
    const hash = 'a'.repeat(32) + '0123456789abcdef0123456789abcdef';
    expect({ S3Key: `${hash}.zip`, Other: 'not-a-hash' }).toMatchInlineSnapshot(`
{
  "Other": "not-a-hash",
  "S3Key": "[ASSET_HASH].zip",
}
`);
  });

  test('a Lambda asset in a template snapshots without its hash', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-central-1' } });
    new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(__dirname),
    });
    const fn = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    expect(Object.values(fn)[0].Properties.Code).toMatchInlineSnapshot(`
{
  "S3Bucket": "cdk-hnb659fds-assets-111111111111-eu-central-1",
  "S3Key": "[ASSET_HASH].zip",
}
`);
  });
});
