/**
 * The rate limits of the account endpoints (the contract's "Rate limiting" section), counted
 * per email address across every instance by a `RateLimiter` kept in the database.
 */
import type { RateLimitPolicy, RateLimitState } from '@astral/server';

/** The account endpoints' policies; names and numbers as the contract's `RateLimit-Policy` states them. */
export const accountLimits = {
  /** `POST /auth/request-verification`: 3 emails per address per hour. */
  verification: { policy: 'verification', limit: 3, windowSeconds: 3600 },
  /** `POST /auth/request-password-reset`: 3 per address per hour. */
  passwordReset: { policy: 'password_reset', limit: 3, windowSeconds: 3600 },
  /** `POST /auth/login`: 5 failed attempts per address per 15 minutes. */
  login: { policy: 'login', limit: 5, windowSeconds: 900 },
} as const satisfies Record<string, RateLimitPolicy>;

/** Where a subject stands, and whether this request may go on. */
export type LimitState = RateLimitState & { allowed: boolean };

/** Counts requests per policy and subject (the database's `rateLimits` storage). */
export interface RateLimiter {
  /** Counts one request and says whether it was within the limit. */
  consume(policy: RateLimitPolicy, subject: string, now: Date): Promise<LimitState>;
  /** Where the subject stands, counting nothing. */
  check(policy: RateLimitPolicy, subject: string, now: Date): Promise<LimitState>;
  /** Counts one (failed) request. */
  hit(policy: RateLimitPolicy, subject: string, now: Date): Promise<LimitState>;
  /** Forgets the subject's count (a successful sign-in clears its failures). */
  reset(policy: RateLimitPolicy, subject: string): Promise<void>;
}
