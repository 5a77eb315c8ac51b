/**
 * Rate limits (`repository.rateLimits`, declared as a storage-only module in
 * `resources/index.ts`). It serves no operation; the services of the operations the contract
 * limits (sign-up, login, password reset...) count through it and answer with
 * `rateLimitedError` / `rateLimitHeaders` from `@astral/server`. Below every resource: it
 * imports only the storage layer.
 */
export type { RateLimitDecision, RateLimitStorage } from './storage.js';
export { rateLimitKey } from './storage.js';
