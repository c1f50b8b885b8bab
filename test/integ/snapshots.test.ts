import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { SNAPSHOT_ACCOUNT, SNAPSHOT_ACCOUNT_VARIABLE } from './environment';

/**
 * The integration tests, offline: each integ.*.ts app synthesizes (with the fixed snapshot account), and
 * every stack's template, the tested stacks' and the assertions', equals its committed snapshot (asset
 * hashes masked by the snapshot serializer). Deploying them needs credentials: README, Integration tests.
 */
const INTEG_FILES = fs.readdirSync(__dirname).filter(f => /^integ\..+\.ts$/.test(f)).sort();

test('the integration tests are the four the README describes', () => {
  expect(INTEG_FILES).toEqual([
    'integ.invocation-logging.ts',
    'integ.knowledge-base.ts',
    'integ.private-endpoint-guardrail.ts',
    'integ.provisioned-throughput.ts',
  ]);
});

describe.each(INTEG_FILES)('%s', file => {
  let app: App;
  beforeAll(() => {
    // The apps build their stacks when loaded, and must see the snapshot account then.
    process.env[SNAPSHOT_ACCOUNT_VARIABLE] = SNAPSHOT_ACCOUNT;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    app = require(path.join(__dirname, file)).app;
  });
  afterAll(() => { delete process.env[SNAPSHOT_ACCOUNT_VARIABLE]; });

  test('synthesizes to its snapshot: the tested stack and the assertions', () => {
    const assembly = app.synth();
    const stacks = assembly.stacks.map(s => s.stackName);
    expect(stacks).toHaveLength(2);
    expect(stacks[1]).toBe(`${stacks[0]}Assertions`);
    for (const stack of assembly.stacks) {
      expect(withoutSalt(stack.template)).toMatchSnapshot(stack.stackName);
    }
  });
});

/**
 * integ-tests-alpha gives every assertion a `salt` of the synthesis time, so that each deployment runs
 * it again: the one property of a template that changes from run to run.
 */
function withoutSalt(template: any): any {
  const resources = Object.fromEntries(Object.entries<any>(template.Resources ?? {}).map(([id, resource]) => [id,
    String(resource.Type).startsWith('Custom::DeployAssert@') && resource.Properties?.salt !== undefined
      ? { ...resource, Properties: { ...resource.Properties, salt: '[SYNTHESIS TIME]' } }
      : resource]));
  return { ...template, Resources: resources };
}
