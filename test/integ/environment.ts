import { App, Stack, StackProps } from 'aws-cdk-lib';

/**
 * Where the integration tests run. Deployed (`npx projen integ:deploy`), the account is the one of the
 * credentials (CDK_DEFAULT_ACCOUNT, set by the CDK CLI). For the offline snapshot comparison
 * (test/integ/snapshots.test.ts) it is the fixed SNAPSHOT_ACCOUNT, so the snapshots do not depend on who
 * runs them. The region is fixed: the snapshots name it, and the models used are offered there.
 */
export const INTEG_REGION = 'us-east-1';
export const SNAPSHOT_ACCOUNT = '123456789012';
export const SNAPSHOT_ACCOUNT_VARIABLE = 'BEDROCK_LZ_SNAPSHOT_ACCOUNT';

export function integStack(app: App, id: string, props: StackProps = {}): Stack {
  const account = process.env[SNAPSHOT_ACCOUNT_VARIABLE] ?? process.env.CDK_DEFAULT_ACCOUNT;
  if (!account) throw new Error('no account: deploy the integration tests with credentials (npx projen integ:deploy; see README)');
  return new Stack(app, id, { ...props, env: { account, region: INTEG_REGION } });
}
