import { App, Stack } from 'aws-cdk-lib';
import { QUESTION_CASES, RESOURCE_CASES } from './evaluator-cases';
import { StackIndex } from '../../src/compliance/private/context';
import { statementsOf } from '../../src/compliance/private/iam';
import { decide, resourceMatches } from '../../src/compliance/private/policy-evaluator';

/**
 * The pack's evaluator on ARN segments and on questions that leave a policy variable to the caller.
 * The cases are in evaluator-cases.ts; evaluator-cases-resources-simulator.test.ts checks that the IAM
 * simulator decides each one the same way.
 */

const index = new StackIndex(new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-central-1' } }));
const parse = (statements: unknown[]) => statementsOf({ Version: '2012-10-17', Statement: statements }, index);

describe('resource patterns, segment by segment', () => {
  test.each(RESOURCE_CASES.map(c => [c.name, c] as const))('%s', (_n, c) => {
    expect(resourceMatches(c.pattern, c.resource)).toBe(c.matches);
    const request = { action: c.action, resource: c.resource };
    expect(decide(parse([{ Effect: 'Allow', Action: c.action, Resource: c.pattern }]), request)).toBe(c.matches ? 'allow' : 'implicit-deny');
    expect(decide(parse([{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: c.action, Resource: c.pattern }]), request))
      .toBe(c.matches ? 'explicit-deny' : 'allow');
  });
});

test('a pattern that is not an ARN (a value the pack cannot know, such as a token) matches only itself, with its wildcards', () => {
  expect(resourceMatches('<Bucket.Arn>/*', '<Bucket.Arn>/key')).toBe(true);
  expect(resourceMatches('<Bucket.Arn>/*', '<Other.Arn>/key')).toBe(false);
  expect(resourceMatches('<Bucket.Arn>/*', 'arn:aws:s3:::bucket/key')).toBe(false);
});

describe('questions that leave a policy variable to the caller', () => {
  test.each(QUESTION_CASES.map(c => [c.name, c] as const))('%s', (_n, c) => {
    expect(decide(parse(c.statements), { action: c.action, resource: c.resource, context: c.context, decidedKeys: c.decidedKeys }))
      .toBe(c.allowed ? 'allow' : 'implicit-deny');
  });
});
