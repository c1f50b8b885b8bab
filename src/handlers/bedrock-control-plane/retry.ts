/**
 * Retries a Bedrock control-plane call when it is throttled or the service is briefly unavailable,
 * with exponential backoff and jitter (AWS Organizations also answers ConcurrentModificationException while
 * another change is under way). Anything else fails at once.
 */
const RETRYABLE = new Set([
  'ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailableException', 'InternalServerException', 'ConcurrentModificationException',
]);

export interface RetryOptions {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 8,
  baseDelayMs: 500,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
};

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      if (!RETRYABLE.has(name) || attempt >= options.attempts) throw e;
      const backoff = options.baseDelayMs * 2 ** (attempt - 1);
      await options.sleep(backoff / 2 + Math.random() * (backoff / 2));
    }
  }
}
