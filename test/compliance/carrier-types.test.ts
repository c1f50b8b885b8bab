import * as fs from 'fs';
import * as path from 'path';
import { IDENTITY_POLICY_TYPES } from '../../src/compliance/private/iam';

/**
 * The identity-policy carriers the pack reads, pinned against aws-cdk-lib's own CloudFormation types:
 * every L1 whose props hand IAM permissions to a principal (managed policy ARNs, an inline policy,
 * managed or customer managed policies, or a policy document attached to roles, users or groups).
 * A new type in an aws-cdk-lib upgrade fails this test until the pack reads it or says why it need not.
 */

/** Types with such props that grant nothing: Roles Anywhere's policies are session policies, which only narrow the role's. */
const NOT_GRANTS = ['AWS::RolesAnywhere::Profile'];

function carrierTypes(): string[] {
  const root = path.dirname(require.resolve('aws-cdk-lib/package.json'));
  const found = new Set<string>();
  for (const dir of fs.readdirSync(root)) {
    const lib = path.join(root, dir, 'lib');
    if (!fs.existsSync(lib)) continue;
    for (const file of fs.readdirSync(lib).filter(f => f.endsWith('.generated.js'))) {
      const js = fs.readFileSync(path.join(lib, file), 'utf8');
      const dts = fs.readFileSync(path.join(lib, file.replace(/\.js$/, '.d.ts')), 'utf8');
      for (const [, type] of js.matchAll(/CFN_RESOURCE_TYPE_NAME\s*=\s*"([^"]+)"/g)) {
        const start = dts.indexOf(`export interface Cfn${type.split('::')[2]}Props `);
        if (start < 0) continue;
        const props = new Set([...dts.slice(start, dts.indexOf('\n}\n', start)).matchAll(/readonly (\w+)\??:/g)].map(m => m[1]));
        const attachedDocument = props.has('policyDocument') && ['roles', 'users', 'groups', 'roleName', 'userName', 'groupName'].some(p => props.has(p));
        const grants = ['managedPolicyArns', 'inlinePolicy', 'managedPolicies', 'customerManagedPolicyReferences'].some(p => props.has(p));
        const samPolicies = type.startsWith('AWS::Serverless::') && props.has('policies');
        if (attachedDocument || grants || samPolicies) found.add(type);
      }
    }
  }
  return [...found].sort();
}

test('every aws-cdk-lib L1 type that carries an identity policy is read by the pack, or grants nothing', () => {
  const types = carrierTypes();
  expect(types).toEqual([
    'AWS::IAM::Group', 'AWS::IAM::GroupPolicy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::RolePolicy',
    'AWS::IAM::User', 'AWS::IAM::UserPolicy', 'AWS::RolesAnywhere::Profile', 'AWS::SSO::PermissionSet', 'AWS::Serverless::Function',
    'AWS::Serverless::StateMachine',
  ]);
  expect(types.filter(t => !NOT_GRANTS.includes(t))).toEqual([...IDENTITY_POLICY_TYPES].sort());
});
