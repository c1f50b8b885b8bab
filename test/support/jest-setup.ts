// aws-cdk-lib's built-in CloudFormation schema validator costs about 2 s per process. Ordinary unit
// tests run without it; test/support/cfn-schema.ts turns it on explicitly where a test needs it.
process.env.CDK_VALIDATION = 'false';
