/**
 * The rate limits of the account endpoints (the contract's "Rate limiting" section), counted
 * per email address across every instance in the database (`repository.rateLimits`).
 */
import type { RateLimitPolicy } from '@astral/server';

/** The account endpoints' policies; names and numbers as the contract's `RateLimit-Policy` states them. */
export const accountLimits = {
  /** `POST /auth/request-verification`: 3 emails per address per hour. */
  verification: { policy: 'verification', limit: 3, windowSeconds: 3600 },
  /** `POST /auth/request-password-reset`: 3 per address per hour. */
  passwordReset: { policy: 'password_reset', limit: 3, windowSeconds: 3600 },
  /** `POST /auth/login`: 5 failed attempts per address per 15 minutes. */
  login: { policy: 'login', limit: 5, windowSeconds: 900 },
} as const satisfies Record<string, RateLimitPolicy>;
