import { RetryOptions } from '../../src/handlers/bedrock-control-plane/retry';

/**
 * The control-plane handlers' retry options for a test: every backoff the handler asks for is
 * recorded in `sleeps` instead of slept, so the test runs at once and can assert the backoff, and
 * `sleeps` is emptied before each test of the file that calls this.
 */
export function recordedBackoff(attempts: number): { retry: RetryOptions; sleeps: number[] } {
  const sleeps: number[] = [];
  beforeEach(() => {
    sleeps.length = 0;
  });
  return { sleeps, retry: { attempts, baseDelayMs: 100, sleep: async ms => { sleeps.push(ms); } } };
}
