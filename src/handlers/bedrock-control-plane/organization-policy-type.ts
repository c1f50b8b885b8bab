import { EnablePolicyTypeCommand, ListRootsCommand, OrganizationsClient, PolicyType, PolicyTypeStatus, Root } from '@aws-sdk/client-organizations';
import { RetryOptions, withRetry } from './retry';

/**
 * Custom::OrganizationsPolicyType: a policy type enabled on the organization's root (the Bedrock
 * policy type, `BEDROCK_POLICY`), which CloudFormation has no resource for.
 *
 * Create and Update enable the type unless it is already enabled, and wait until the root reports it
 * ENABLED: AWS Organizations enables a type asynchronously, and a policy of that type cannot be
 * created before. Delete leaves the type enabled: disabling it detaches every policy of the type from
 * every target of the organization, the ones other stacks manage included.
 */
export interface PolicyTypeEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: {
    readonly RootId: string;
    readonly PolicyType: string;
  };
}

export interface PolicyTypeResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export interface WaitOptions {
  /** How many times the root is read while the type is being enabled */
  readonly polls: number;
  readonly intervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_WAIT: WaitOptions = { polls: 40, intervalMs: 3_000, sleep: ms => new Promise(resolve => setTimeout(resolve, ms)) };

export async function handlePolicyType(
  event: PolicyTypeEvent, client: OrganizationsClient, retry?: RetryOptions, wait: WaitOptions = DEFAULT_WAIT,
): Promise<PolicyTypeResult> {
  const call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  const { RootId: rootId, PolicyType: type } = event.ResourceProperties;
  const id = `organizations-policy-type:${rootId}:${type}`;
  if (event.RequestType === 'Delete') {
    log(`policy type ${type} left enabled on ${rootId}: disabling it would detach every ${type} policy of the organization`);
    return { PhysicalResourceId: event.PhysicalResourceId ?? id };
  }
  const statusOf = async () => {
    const root = await findRoot(client, rootId, call);
    return root.PolicyTypes?.find(p => p.Type === type)?.Status;
  };
  const before = await statusOf();
  if (before === PolicyTypeStatus.ENABLED) return { PhysicalResourceId: id, Data: { Outcome: 'already-enabled' } };
  if (before === PolicyTypeStatus.PENDING_DISABLE) {
    throw new Error(`policy type ${type} is being disabled on ${rootId} (PENDING_DISABLE): deploy again once that has finished`);
  }
  if (before === undefined) {
    try {
      await call(() => client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type as PolicyType })));
    } catch (e) {
      // Another deployment may have enabled it since it was read: what counts is the status below.
      if ((e as { name?: string }).name !== 'PolicyTypeAlreadyEnabledException') throw e;
    }
  }
  for (let poll = 1; poll <= wait.polls; poll++) {
    if (await statusOf() === PolicyTypeStatus.ENABLED) return { PhysicalResourceId: id, Data: { Outcome: 'enabled' } };
    await wait.sleep(wait.intervalMs);
  }
  throw new Error(`policy type ${type} was not ENABLED on ${rootId} after ${wait.polls} checks ${wait.intervalMs / 1000} s apart: ` +
    'AWS Organizations may still be enabling it; deploy again');
}

async function findRoot(client: OrganizationsClient, rootId: string, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<Root> {
  let token: string | undefined;
  do {
    const page = await call(() => client.send(new ListRootsCommand({ NextToken: token })));
    const root = page.Roots?.find(r => r.Id === rootId);
    if (root) return root;
    token = page.NextToken;
  } while (token);
  throw new Error(`root ${rootId} is not the root of this organization: give the root ID (r-...) that aws organizations list-roots shows ` +
    'in the management account');
}

/** Lambda writes stderr to the function's log group: what a Delete chose not to do is recorded there. */
function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
