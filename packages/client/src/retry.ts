/** How the client retries idempotent requests. Off unless `retry` is given. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** Delay before the first retry, doubled for each further one (default 300 ms). */
  baseDelayMs?: number;
  /** Upper bound of the exponential delay (default 5 000 ms). */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client waits for (default 30 000 ms); a longer one ends
   * the retries and the 429/5xx answer is returned as an error.
   */
  maxRetryAfterMs?: number;
  /** Randomise each exponential delay between half and all of it (default true). */
  jitter?: boolean;
}

/** `retry` as accepted by the client: a retry count, options, or `false` for none. */
export type RetrySetting = number | RetryOptions | false | undefined;

export type RetryPolicy = Required<RetryOptions>;

/** Only these are retried: repeating them cannot change the outcome. POST never is. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/** Normalises a `retry` setting into a policy, or undefined when retrying is off. */
export function resolveRetry(setting: RetrySetting): RetryPolicy | undefined {
  if (setting === undefined || setting === false) return undefined;
  const options = typeof setting === 'number' ? { retries: setting } : setting;
  const policy: RetryPolicy = {
    retries: options.retries ?? 2,
    baseDelayMs: options.baseDelayMs ?? 300,
    maxDelayMs: options.maxDelayMs ?? 5_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    jitter: options.jitter ?? true,
  };
  return policy.retries > 0 ? policy : undefined;
}

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** 429 and every 5xx are worth another try; 4xx answers would only repeat. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Exponential backoff for retry number `retry` (1-based). */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return policy.jitter ? delay / 2 + (random() * delay) / 2 : delay;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or
 * unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
