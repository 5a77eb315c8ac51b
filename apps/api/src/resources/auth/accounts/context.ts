/**
 * What every account use case shares: the storages and the clock it runs on, the tokens'
 * lifetimes, the stored-instant format, the per-address rate limit and the retry after a
 * lost race for a unique username or address.
 */
import type { RateLimitPolicy, RateLimitState } from '@astral/server';
import { RateLimitedError } from '../../../domain/errors.js';
import type { OutboxStorage } from '../../../email/index.js';
import type { RateLimitStorage } from '../../../rate-limits/index.js';
import { UniqueViolationError } from '../../../storage/errors.js';
import type { Transactional } from '../../../storage/transactional.js';
import type { UserStorage } from '../../users/storage.js';
import type { IdTokenVerifier } from '../id-tokens.js';
import type { AuthStorage, EmailTokenRow } from '../storage.js';

const hour = 3600;
/** How long each kind of token lives, in seconds. */
export const tokenLifetimes = { access: 24 * hour, verification: 24 * hour, passwordReset: hour } as const;

/** Attempts at a sign-up that lost a race for its username or address to another (then checked again). */
const signupAttempts = 3;

/** The storages the account use cases read and change. */
export interface AccountStorages {
  users: UserStorage;
  auth: AuthStorage;
  rateLimits: RateLimitStorage;
  outbox: OutboxStorage;
}

export interface AccountServiceOptions {
  /**
   * The storages (users, emailed tokens, rate limits, the outbox), and `transaction` to change
   * several at once: an email is queued in the outbox on the transaction of the change that
   * sends it.
   */
  repository: Transactional<AccountStorages>;
  /** Verifies Firebase ID tokens. */
  verifyIdToken: IdTokenVerifier;
  /** Where emailed links point (`APP_URL`). */
  appUrl: string;
  /** The clock, injectable for tests. */
  now?: () => Date;
}

/** The options with the clock settled: what each use case runs on. */
export type AccountContext = Required<AccountServiceOptions>;

/** Stored instants that are compared (expiry, revocation): fixed-width ISO 8601, so text order is time order. */
export const storedInstant = (ms: number) => new Date(ms).toISOString();

/** Whether an emailed token can still be used at `nowMs`. */
export const usable = (token: EmailTokenRow | undefined, nowMs: number): token is EmailTokenRow =>
  token !== undefined && token.used_at === null && token.expires_at > storedInstant(nowMs);

/** Counts a request against `policy` for an address; refused past the limit. */
export async function consume(context: AccountContext, policy: RateLimitPolicy, email: string, refusal: string): Promise<RateLimitState> {
  // Counted per address, trimmed and lowercased by the storage: every spelling shares one count.
  const { allowed, ...state } = await context.repository.rateLimits.consume(policy, email, context.now());
  if (!allowed) throw new RateLimitedError(state, 'email', refusal);
  return state;
}

/** Runs `attempt` again when it lost a race for a unique username or address (its checks then see the winner). */
export async function retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof UniqueViolationError) || n >= signupAttempts) throw error;
    }
  }
}
