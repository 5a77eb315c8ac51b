/**
 * Rate limits counted in the database, so every instance counts the same requests: a
 * sliding-window log, one row per counted request of a `(policy, key)`. The key is a
 * SHA-256 of the normalised subject (a lowercased email address, an IP), never the subject.
 *
 * Counting and recording are one transaction that first takes the dialect's key lock
 * (PostgreSQL: an advisory lock on the policy and key; SQLite: its one writer), so ten
 * concurrent requests against a limit of 3 on two instances let exactly 3 through.
 */
import { createHash } from 'node:crypto';
import type { RateLimitPolicy, RateLimitState } from '@astral/server';
import type { Kysely } from 'kysely';
import type { StorageContext } from '../storage/context.js';
import { caseKey } from '../storage/dialect.js';
import { prepareQuery } from '../storage/prepared.js';

/** The table this storage reads and writes (created by migration 3). */
export interface RateLimitTables {
  rate_limit_hits: { policy: string; key_hash: string; hit_ms: number };
}

/** A state after `consume`: whether this request may go on. */
export type RateLimitDecision = RateLimitState & { allowed: boolean };

export interface RateLimitStorage {
  /**
   * Counts this request if the window has room: fewer than `limit` hits in
   * `(now - window, now]` records one (`allowed: true`); otherwise nothing is recorded
   * (`allowed: false`). Atomic across instances.
   */
  consume(policy: RateLimitPolicy, subject: string, now: Date): Promise<RateLimitDecision>;
  /** Where the subject stands, recording nothing. */
  check(policy: RateLimitPolicy, subject: string, now: Date): Promise<RateLimitState>;
  /** Records a hit whatever the count (a failed login counted after the fact), and returns the state after it. */
  hit(policy: RateLimitPolicy, subject: string, now: Date): Promise<RateLimitState>;
  /** Forgets the subject's hits under the policy (a successful login clears its failures). */
  reset(policy: RateLimitPolicy, subject: string): Promise<void>;
}

/**
 * The stored key of a subject: SHA-256 (hex) of it trimmed and lowercased, so
 * `Ana@Example.com ` and `ana@example.com` share a count and neither is stored.
 *
 * @example
 * ```ts
 * rateLimitKey('Ana@Example.com'); // "7d0a..." (64 hex digits), the same as for 'ana@example.com'
 * ```
 */
export function rateLimitKey(subject: string): string {
  return createHash('sha256')
    .update(caseKey(subject.trim().normalize('NFC')))
    .digest('hex');
}

interface KeyValues {
  policy: string;
  keyHash: string;
}

const queries = (db: Kysely<RateLimitTables>) => ({
  /** The hits still in the window (and any an instance with a fast clock wrote ahead), oldest first. */
  hits: prepareQuery<KeyValues & { afterMs: number }, { hit_ms: number | string }>((param) =>
    db
      .selectFrom('rate_limit_hits')
      .select('hit_ms')
      .where('policy', '=', param('policy'))
      .where('key_hash', '=', param('keyHash'))
      .where('hit_ms', '>', param('afterMs'))
      .orderBy('hit_ms', 'asc'),
  ),
  record: prepareQuery<KeyValues & { hitMs: number }, never>((param) =>
    db.insertInto('rate_limit_hits').values({ policy: param('policy'), key_hash: param('keyHash'), hit_ms: param('hitMs') }),
  ),
  /** Hits that left the window: pruned on each count, so a key's log stays about `limit` rows. */
  prune: prepareQuery<KeyValues & { afterMs: number }, never>((param) =>
    db
      .deleteFrom('rate_limit_hits')
      .where('policy', '=', param('policy'))
      .where('key_hash', '=', param('keyHash'))
      .where('hit_ms', '<=', param('afterMs')),
  ),
  reset: prepareQuery<KeyValues, never>((param) =>
    db.deleteFrom('rate_limit_hits').where('policy', '=', param('policy')).where('key_hash', '=', param('keyHash')),
  ),
});

/**
 * The state given the hits in the window (ascending, this request's included if recorded).
 * A new request is allowed once `hits.length - limit + 1` of them have left the window, that
 * is when hit number `hits.length - limit` (from 0) leaves it.
 */
function stateOf(policy: RateLimitPolicy, hitsMs: readonly number[], nowMs: number): RateLimitState {
  const remaining = Math.max(0, policy.limit - hitsMs.length);
  const freeing = hitsMs[hitsMs.length - policy.limit];
  const resetSeconds =
    remaining > 0 || freeing === undefined ? 0 : Math.max(1, Math.ceil((freeing + policy.windowSeconds * 1000 - nowMs) / 1000));
  return { policy: policy.policy, limit: policy.limit, windowSeconds: policy.windowSeconds, remaining, resetSeconds };
}

/**
 * The rate-limit storage on a database (`repository.rateLimits`).
 *
 * @example
 * ```ts
 * const login: RateLimitPolicy = { policy: 'login', limit: 5, windowSeconds: 900 };
 * const decision = await repository.rateLimits.consume(login, email, now());
 * if (!decision.allowed) throw rateLimitedError(decision, { field: 'email' });
 * reply.headers(rateLimitHeaders(decision));
 * ```
 */
export function openRateLimitStorage(context: StorageContext<RateLimitTables>): RateLimitStorage {
  const q = context.once(queries);
  const keyOf = (policy: RateLimitPolicy, subject: string): KeyValues => ({ policy: policy.policy, keyHash: rateLimitKey(subject) });
  const hitsIn = async (on: StorageContext<RateLimitTables>, values: KeyValues, now: Date, policy: RateLimitPolicy) =>
    (await on.rows(q.hits.bind({ ...values, afterMs: now.getTime() - policy.windowSeconds * 1000 }))).map((row) => Number(row.hit_ms));
  /**
   * Reads the key's hits and lets `decide` record or not, with the key locked from before
   * the read until the commit: no other instance counts or records for it in between.
   */
  const onKey = <T>(
    policy: RateLimitPolicy,
    subject: string,
    now: Date,
    decide: (tx: StorageContext<RateLimitTables>, values: KeyValues, hits: number[]) => Promise<T>,
  ) =>
    context.transaction(async (tx) => {
      const values = keyOf(policy, subject);
      for (const statement of tx.dialect.keyLock(`rate-limit:${values.policy}:${values.keyHash}`)) await tx.run(statement);
      await tx.run(q.prune.bind({ ...values, afterMs: now.getTime() - policy.windowSeconds * 1000 }));
      return decide(tx, values, await hitsIn(tx, values, now, policy));
    });
  const record = async (tx: StorageContext<RateLimitTables>, values: KeyValues, hits: number[], now: Date) => {
    await tx.run(q.record.bind({ ...values, hitMs: now.getTime() }));
    return [...hits, now.getTime()].sort((a, b) => a - b);
  };

  return {
    consume: (policy, subject, now) =>
      onKey(policy, subject, now, async (tx, values, hits) => {
        if (hits.length >= policy.limit) return { ...stateOf(policy, hits, now.getTime()), allowed: false };
        return { ...stateOf(policy, await record(tx, values, hits, now), now.getTime()), allowed: true };
      }),
    check: async (policy, subject, now) => stateOf(policy, await hitsIn(context, keyOf(policy, subject), now, policy), now.getTime()),
    hit: (policy, subject, now) =>
      onKey(policy, subject, now, async (tx, values, hits) => stateOf(policy, await record(tx, values, hits, now), now.getTime())),
    reset: async (policy, subject) => {
      await context.run(q.reset.bind(keyOf(policy, subject)));
    },
  };
}
