/**
 * Rate limits: a storage-only module (`repository.rateLimits`). It serves no operation; the
 * services of the operations the contract limits (sign-up, login, password reset...) count
 * through it and answer with `rateLimitedError` / `rateLimitHeaders` from `@astral/server`.
 */
import { defineResource } from '../resources/module.js';
import { openRateLimitStorage } from './storage.js';

export type { RateLimitDecision, RateLimitStorage } from './storage.js';
export { rateLimitKey } from './storage.js';

export const rateLimits = defineResource({
  name: 'rateLimits',
  storage: openRateLimitStorage,
});
