import { Stack, aws_iam as iam } from 'aws-cdk-lib';
import { REGION, bedrockFindings } from './helpers';
import { SONNET_45, stackIn } from '../models/fixtures';
import { evaluate } from '../support/iam';

/**
 * A Deny spelled with an ARN of five segments, `arn:aws:bedrock:*:foundation-model/*`, reads like
 * "every foundation model" but names none: IAM matches its last segment as the account only. The pack
 * used to match such a pattern as one glob over the whole ARN and took the Deny for a fence.
 */

const SONNET = `arn:aws:bedrock:${REGION}::foundation-model/${SONNET_45}`;
const ALLOW = { Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: SONNET };
const WITHOUT_GUARDRAIL = { Null: { 'bedrock:GuardrailIdentifier': 'true' } };
const DENY_SHORT = { Sid: 'NoGuardrail', Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*:foundation-model/*', Condition: WITHOUT_GUARDRAIL };
const DENY_FULL = { ...DENY_SHORT, Resource: 'arn:aws:bedrock:*::foundation-model/*' };
const document = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

function policyStack(statements: unknown[]): Stack {
  const stack = stackIn(REGION);
  new iam.CfnManagedPolicy(stack, 'Policy', { policyDocument: document(...statements) });
  return stack;
}

test('the simulator lets the model be invoked without a guardrail through the five-segment Deny, not through the six-segment one', async () => {
  const request = { action: 'bedrock:InvokeModel', resource: SONNET };
  expect(await evaluate({ identity: [document(ALLOW, DENY_SHORT)] }, request)).toBe('Allowed');
  expect(await evaluate({ identity: [document(ALLOW, DENY_FULL)] }, request)).toBe('ExplicitlyDenied');
});

test('IAM3: beside the five-segment Deny the model is open without a guardrail, as with no Deny; the six-segment Deny requires one (any one)', () => {
  const none = ['Bedrock-IAM3[Sid::Invoke::Guardrail::none] @ Stack/Policy'];
  expect(bedrockFindings(policyStack([ALLOW]), {}, 'IAM3')).toEqual(none);
  expect(bedrockFindings(policyStack([ALLOW, DENY_SHORT]), {}, 'IAM3')).toEqual(none);
  expect(bedrockFindings(policyStack([ALLOW, DENY_FULL]), {}, 'IAM3')).toEqual(['Bedrock-IAM3[Sid::Invoke::Guardrail::any] @ Stack/Policy']);
});
