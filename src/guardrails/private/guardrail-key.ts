import { RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { hardenedKey } from '../../core/hardened-stores';

/**
 * The customer-managed key a guardrail creates when none is given: retained, rotated, usable by the
 * account's principals only through Bedrock in the stack's region.
 */
export function guardrailKey(guardrail: Construct): kms.Key {
  const stack = Stack.of(guardrail);
  const key = hardenedKey(guardrail, 'Key', `Encrypts the Amazon Bedrock guardrail ${guardrail.node.path}`, RemovalPolicy.RETAIN);
  // The principals that create, update and use the guardrail need these actions on its key, and
  // only through Bedrock in this region (user guide "Create a customer managed key for your
  // guardrail"). The identity policies of those principals still have to allow them.
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowAccountPrincipalsThroughBedrock',
    principals: [new iam.AccountPrincipal(stack.account)],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'kms:ViaService': `bedrock.${stack.region}.${stack.urlSuffix}`,
        'kms:CallerAccount': stack.account,
      },
    },
  }));
  return key;
}
