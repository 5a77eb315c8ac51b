/**
 * Rate limits in the API's terms: the IETF `RateLimit` / `RateLimit-Policy` fields
 * (draft-ietf-httpapi-ratelimit-headers, structured-field form) and the `429` the contract
 * documents. Counting is the application's (it must hold across instances, so it lives in
 * the database); this module only says the result the same way everywhere.
 */
import { ApiError } from './errors.js';

/** A limit: `limit` requests per `windowSeconds`, named `policy` (`"verification"`). */
export interface RateLimitPolicy {
  policy: string;
  limit: number;
  windowSeconds: number;
}

/** Where a key stands against a policy after this request was counted (or refused). */
export interface RateLimitState extends RateLimitPolicy {
  /** Requests still allowed in the window. */
  remaining: number;
  /** Seconds until one more request is allowed (0 while some remain). */
  resetSeconds: number;
}

/**
 * The `RateLimit-Policy` and `RateLimit` headers for a state.
 *
 * @example
 * ```ts
 * rateLimitHeaders({ policy: 'verification', limit: 3, windowSeconds: 3600, remaining: 2, resetSeconds: 0 });
 * // { 'RateLimit-Policy': '"verification";q=3;w=3600', RateLimit: '"verification";r=2;t=0' }
 * ```
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  const remaining = Math.max(0, Math.floor(state.remaining));
  const reset = Math.max(0, Math.ceil(state.resetSeconds));
  return {
    'RateLimit-Policy': `"${state.policy}";q=${state.limit};w=${state.windowSeconds}`,
    RateLimit: `"${state.policy}";r=${remaining};t=${reset}`,
  };
}

/**
 * The `429 RATE_LIMITED` error for a used-up limit, with `Retry-After` and the rate-limit
 * headers. Throw it from a handler (or return `.toResult()`).
 *
 * @example
 * ```ts
 * throw rateLimitedError({ policy: 'verification', limit: 3, windowSeconds: 3600, remaining: 0, resetSeconds: 1800 }, { field: 'email' });
 * ```
 */
export function rateLimitedError(state: RateLimitState, options: { message?: string; field?: string } = {}): ApiError {
  const retryAfter = Math.max(1, Math.ceil(state.resetSeconds));
  return new ApiError('RATE_LIMITED', {
    message: options.message ?? `Too many requests. Retry after ${retryAfter} seconds.`,
    field: options.field,
    headers: { 'Retry-After': String(retryAfter), ...rateLimitHeaders({ ...state, remaining: 0, resetSeconds: retryAfter }) },
  });
}
