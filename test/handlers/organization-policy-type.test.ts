import {
  ConcurrentModificationException, EnablePolicyTypeCommand, ListRootsCommand, OrganizationsClient, PolicyTypeAlreadyEnabledException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../src/handlers/bedrock-control-plane';
import { PolicyTypeEvent, WaitOptions, handlePolicyType } from '../../src/handlers/bedrock-control-plane/organization-policy-type';
import { recordedBackoff } from '../support/recorded-backoff';

const organizations = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });
const { retry, sleeps } = recordedBackoff(3);
const wait: WaitOptions = { polls: 3, intervalMs: 1_000, sleep: retry.sleep };
const ROOT = 'r-ab12';

function event(requestType: PolicyTypeEvent['RequestType'], physicalId?: string): PolicyTypeEvent {
  return { RequestType: requestType, PhysicalResourceId: physicalId, ResourceProperties: { RootId: ROOT, PolicyType: 'BEDROCK_POLICY' } };
}
const root = (status?: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE') => ({
  Roots: [
    { Id: 'r-other', PolicyTypes: [{ Type: 'BEDROCK_POLICY' as const, Status: 'ENABLED' as const }] },
    { Id: ROOT, PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY' as const, Status: 'ENABLED' as const }, ...(status ? [{ Type: 'BEDROCK_POLICY' as const, Status: status }] : [])] },
  ],
});
const enables = () => organizations.commandCalls(EnablePolicyTypeCommand).map(c => c.args[0].input);

beforeEach(() => organizations.reset());

describe('Create', () => {
  test('enables the type and waits until the root reports it ENABLED', async () => {
    organizations.on(ListRootsCommand).resolvesOnce(root()).resolvesOnce(root('PENDING_ENABLE')).resolves(root('ENABLED'));
    organizations.on(EnablePolicyTypeCommand).resolves({});
    expect(await handlePolicyType(event('Create'), client, retry, wait))
      .toEqual({ PhysicalResourceId: `organizations-policy-type:${ROOT}:BEDROCK_POLICY`, Data: { Outcome: 'enabled' } });
    expect(enables()).toEqual([{ RootId: ROOT, PolicyType: 'BEDROCK_POLICY' }]);
    expect(sleeps).toEqual([1_000]);
  });

  test('an enabled type is left as it is, with no call that changes anything', async () => {
    organizations.on(ListRootsCommand).resolves(root('ENABLED'));
    expect(await handlePolicyType(event('Create'), client, retry, wait)).toEqual({
      PhysicalResourceId: `organizations-policy-type:${ROOT}:BEDROCK_POLICY`, Data: { Outcome: 'already-enabled' },
    });
    expect(enables()).toEqual([]);
  });

  test('enabled by someone else in the meantime: PolicyTypeAlreadyEnabledException is not a failure', async () => {
    organizations.on(ListRootsCommand).resolvesOnce(root()).resolves(root('ENABLED'));
    organizations.on(EnablePolicyTypeCommand).rejects(new PolicyTypeAlreadyEnabledException({ message: 'already enabled', $metadata: {} }));
    expect((await handlePolicyType(event('Update'), client, retry, wait)).Data).toEqual({ Outcome: 'enabled' });
  });

  test('a concurrent change is retried with backoff', async () => {
    organizations.on(ListRootsCommand).resolvesOnce(root()).resolves(root('ENABLED'));
    organizations.on(EnablePolicyTypeCommand)
      .rejectsOnce(new ConcurrentModificationException({ message: 'busy', $metadata: {} }))
      .resolves({});
    await handlePolicyType(event('Create'), client, retry, wait);
    expect(enables()).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(50);
    expect(sleeps[0]).toBeLessThanOrEqual(100);
  });

  test('a type still pending after the last check fails with what to do', async () => {
    organizations.on(ListRootsCommand).resolvesOnce(root()).resolves(root('PENDING_ENABLE'));
    organizations.on(EnablePolicyTypeCommand).resolves({});
    await expect(handlePolicyType(event('Create'), client, retry, wait)).rejects.toThrow(
      `policy type BEDROCK_POLICY was not ENABLED on ${ROOT} after 3 checks 1 s apart: AWS Organizations may still be enabling it; deploy again`);
  });

  test('a type being disabled is not re-enabled under the disabler\'s feet', async () => {
    organizations.on(ListRootsCommand).resolves(root('PENDING_DISABLE'));
    await expect(handlePolicyType(event('Create'), client, retry, wait)).rejects.toThrow(`policy type BEDROCK_POLICY is being disabled on ${ROOT} (PENDING_DISABLE)`);
    expect(enables()).toEqual([]);
  });

  test('a root that is not the organization\'s fails, after reading every page', async () => {
    organizations.on(ListRootsCommand).resolvesOnce({ Roots: [], NextToken: 'next' }).resolves({ Roots: [{ Id: 'r-zz99' }] });
    await expect(handlePolicyType(event('Create'), client, retry, wait)).rejects.toThrow(`root ${ROOT} is not the root of this organization`);
    expect(organizations.commandCalls(ListRootsCommand).map(c => c.args[0].input)).toEqual([{ NextToken: undefined }, { NextToken: 'next' }]);
  });
});

test('Delete leaves the type enabled and makes no call', async () => {
  const id = `organizations-policy-type:${ROOT}:BEDROCK_POLICY`;
  expect(await handlePolicyType(event('Delete', id), client, retry, wait)).toEqual({ PhysicalResourceId: id });
  expect(organizations.calls()).toHaveLength(0);
});

test('the entry point dispatches the policy type resource', async () => {
  organizations.on(ListRootsCommand).resolves(root('ENABLED'));
  const result = await handler({ RequestType: 'Create', ResourceType: 'Custom::OrganizationsPolicyType', ResourceProperties: { RootId: ROOT, PolicyType: 'BEDROCK_POLICY' } });
  expect(result.PhysicalResourceId).toBe(`organizations-policy-type:${ROOT}:BEDROCK_POLICY`);
});
