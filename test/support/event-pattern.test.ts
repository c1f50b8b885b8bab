import { matchesEventPattern } from './event-pattern';

// The examples of the EventBridge User Guide: "Amazon EventBridge events" (the EC2 state-change event),
// "Content filtering in Amazon EventBridge event patterns" and "Comparison operators for use in event
// patterns" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).
const EC2_EVENT = {
  'version': '0',
  'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  'source': 'aws.ec2',
  'account': '111122223333',
  'time': '2017-10-02T18:43:48Z',
  'region': 'us-west-1',
  'resources': ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  'detail': { 'instance-id': 'i-1234567890abcdef0', 'state': 'terminated' },
};

describe('matchesEventPattern replays the EventBridge guide', () => {
  test('exact values: source, detail-type and a nested detail field', () => {
    expect(matchesEventPattern({ 'source': ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: ['terminated', 'stopping', 'stopped', 'shutting-down'] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: ['running'] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ source: ['aws.s3'] }, EC2_EVENT)).toBe(false);
  });

  test('a field the event lacks does not match an exact value', () => {
    expect(matchesEventPattern({ detail: { 'c-count': [5] } }, EC2_EVENT)).toBe(false);
  });

  test('an array field matches when any element does (resources)', () => {
    expect(matchesEventPattern({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-0'] }, EC2_EVENT)).toBe(false);
  });

  test('prefix: "time" starting with 2017-10-02', () => {
    expect(matchesEventPattern({ time: [{ prefix: '2017-10-02' }] }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ time: [{ prefix: '2017-10-03' }] }, EC2_EVENT)).toBe(false);
  });

  test('anything-but: a value and a list', () => {
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': 'terminated' }] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { state: [{ 'anything-but': ['terminated', 'overloaded'] }] } }, EC2_EVENT)).toBe(false);
  });

  test('exists: true for a present field, false for an absent one', () => {
    expect(matchesEventPattern({ detail: { state: [{ exists: true }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: false }] } }, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern({ detail: { 'c-count': [{ exists: true }] } }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: { state: [{ exists: false }] } }, EC2_EVENT)).toBe(false);
  });

  test('every field of the pattern must match (AND across fields)', () => {
    expect(matchesEventPattern({ source: ['aws.ec2'], detail: { state: ['running'] } }, EC2_EVENT)).toBe(false);
  });

  test('an operator it does not implement throws instead of guessing', () => {
    expect(() => matchesEventPattern({ detail: { 'c-count': [{ numeric: ['>', 0] }] } }, EC2_EVENT)).toThrow(/numeric is not implemented/);
    expect(() => matchesEventPattern({ $or: [] }, EC2_EVENT)).toThrow('$or takes an array of at least two patterns');
    expect(() => matchesEventPattern({ detail: { state: [{ 'anything-but': { suffix: 'ed' } }] } }, EC2_EVENT)).toThrow(/only a prefix is/);
  });

  test('anything-but a prefix: "Region is not in the US"; an absent field does not match', () => {
    expect(matchesEventPattern({ region: [{ 'anything-but': { prefix: 'us-' } }] }, { ...EC2_EVENT, region: 'eu-west-1' })).toBe(true);
    expect(matchesEventPattern({ region: [{ 'anything-but': { prefix: 'us-' } }] }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: { zone: [{ 'anything-but': { prefix: 'us-' } }] } }, EC2_EVENT)).toBe(false);
  });

  test('$or: any alternative, together with the other fields of the same object', () => {
    const pattern = { source: ['aws.ec2'], $or: [{ detail: { state: ['running'] } }, { region: ['us-west-1'] }] };
    expect(matchesEventPattern(pattern, EC2_EVENT)).toBe(true);
    expect(matchesEventPattern(pattern, { ...EC2_EVENT, region: 'eu-west-1' })).toBe(false);
    expect(matchesEventPattern(pattern, { ...EC2_EVENT, region: 'eu-west-1', detail: { state: 'running' } })).toBe(true);
    expect(matchesEventPattern({ ...pattern, source: ['aws.s3'] }, EC2_EVENT)).toBe(false);
    expect(matchesEventPattern({ detail: { $or: [{ state: ['running'] }, { 'instance-id': [{ prefix: 'i-1234' }] }] } }, EC2_EVENT)).toBe(true);
  });
});
