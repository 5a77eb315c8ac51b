/**
 * Idempotency records in the database (`IdempotencyStore` of `@astral/server`), so a retry
 * that reaches another instance is still recognised. One row per (scope, key): the primary
 * key decides who claims a new key, a conditional update who takes over a stale lock or an
 * expired record; no read-then-write can let two requests through.
 */
import type { IdempotencyBegin, IdempotencyClaim, IdempotencyStore, StoredResponse } from '@astral/server';
import type { Kysely } from 'kysely';
import type { StorageContext } from '../storage/context.js';
import { prepareQuery } from '../storage/prepared.js';

/** The table this storage reads and writes (created by migration 3). */
export interface IdempotencyTables {
  idempotency_keys: {
    scope: string;
    idempotency_key: string;
    fingerprint: string;
    /** When the key was claimed (the record's age, for `retentionSeconds`). */
    created_ms: number;
    /** When the running request took the lock (for `lockSeconds`). */
    locked_ms: number;
    completed_ms: number | null;
    response_status: number | null;
    response_body: string | null;
    /** JSON text. */
    response_headers: string | null;
  };
}

type Row = IdempotencyTables['idempotency_keys'];
type KeyValues = { scope: string; key: string };

/** The idempotency store with its upkeep. */
export interface IdempotencyStorage extends IdempotencyStore {
  /** Deletes records claimed before `before` (past every retention); returns how many. */
  prune(before: Date): Promise<number>;
}

const queries = (db: Kysely<IdempotencyTables>) => ({
  // A new key: inserted, or nothing when a row holds it (then read and decide).
  claim: prepareQuery<KeyValues & { fingerprint: string; nowMs: number }, never>((param) =>
    db
      .insertInto('idempotency_keys')
      .values({
        scope: param('scope'),
        idempotency_key: param('key'),
        fingerprint: param('fingerprint'),
        created_ms: param('nowMs'),
        locked_ms: param('nowMs'),
      })
      .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing()),
  ),
  get: prepareQuery<KeyValues, Row>((param) =>
    db.selectFrom('idempotency_keys').selectAll().where('scope', '=', param('scope')).where('idempotency_key', '=', param('key')),
  ),
  // An expired record becomes a new claim, if it is still the one that was read.
  renew: prepareQuery<KeyValues & { fingerprint: string; nowMs: number; seenCreatedMs: number }, never>((param) =>
    db
      .updateTable('idempotency_keys')
      .set({
        fingerprint: param('fingerprint'),
        created_ms: param('nowMs'),
        locked_ms: param('nowMs'),
        completed_ms: null,
        response_status: null,
        response_body: null,
        response_headers: null,
      })
      .where('scope', '=', param('scope'))
      .where('idempotency_key', '=', param('key'))
      .where('created_ms', '=', param('seenCreatedMs')),
  ),
  // A stale lock (its instance crashed) is taken over, if nobody took it since it was read.
  takeOver: prepareQuery<KeyValues & { nowMs: number; seenLockedMs: number }, never>((param) =>
    db
      .updateTable('idempotency_keys')
      .set({ locked_ms: param('nowMs') })
      .where('scope', '=', param('scope'))
      .where('idempotency_key', '=', param('key'))
      .where('locked_ms', '=', param('seenLockedMs'))
      .where('completed_ms', 'is', null),
  ),
  complete: prepareQuery<KeyValues & { nowMs: number; status: number; body: string; headers: string }, never>((param) =>
    db
      .updateTable('idempotency_keys')
      .set({
        completed_ms: param('nowMs'),
        response_status: param('status'),
        response_body: param('body'),
        response_headers: param('headers'),
      })
      .where('scope', '=', param('scope'))
      .where('idempotency_key', '=', param('key')),
  ),
  // Only an unfinished claim: a completed record stays for its retries.
  release: prepareQuery<KeyValues, never>((param) =>
    db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', param('scope'))
      .where('idempotency_key', '=', param('key'))
      .where('completed_ms', 'is', null),
  ),
  prune: prepareQuery<{ beforeMs: number }, never>((param) =>
    db.deleteFrom('idempotency_keys').where('created_ms', '<', param('beforeMs')),
  ),
});

/** Rounds of read-and-decide before giving up on a key other requests keep changing. */
const maxRounds = 3;

/**
 * The idempotency store on a database (`repository.idempotency`), for
 * `createAstralServer({ idempotency })`.
 *
 * @example
 * ```ts
 * const outcome = await repository.idempotency.begin({ scope, key, fingerprint, now: now(), lockSeconds: 60, retentionSeconds: 86_400 });
 * if (outcome.state === 'claimed') { ... await repository.idempotency.complete(scope, key, response, now()); }
 * ```
 */
export function openIdempotencyStorage(context: StorageContext<IdempotencyTables>): IdempotencyStorage {
  const q = context.once(queries);
  const decide = async (claim: IdempotencyClaim): Promise<IdempotencyBegin | undefined> => {
    const values = { scope: claim.scope, key: claim.key };
    const nowMs = claim.now.getTime();
    if ((await context.run(q.claim.bind({ ...values, fingerprint: claim.fingerprint, nowMs }))) === 1) return { state: 'claimed' };
    const row = await context.first(q.get.bind(values));
    if (!row) return undefined; // released in between: try again
    const createdMs = Number(row.created_ms);
    if (createdMs <= nowMs - claim.retentionSeconds * 1000) {
      const renewed = await context.run(q.renew.bind({ ...values, fingerprint: claim.fingerprint, nowMs, seenCreatedMs: createdMs }));
      return renewed === 1 ? { state: 'claimed' } : undefined;
    }
    if (row.fingerprint !== claim.fingerprint) return { state: 'mismatch' };
    if (row.completed_ms !== null) {
      const response: StoredResponse = {
        status: Number(row.response_status),
        body: row.response_body ?? '',
        headers: JSON.parse(row.response_headers ?? '{}') as Record<string, string>,
      };
      return { state: 'completed', response };
    }
    const lockedMs = Number(row.locked_ms);
    if (lockedMs > nowMs - claim.lockSeconds * 1000) return { state: 'in_flight' };
    const taken = await context.run(q.takeOver.bind({ ...values, nowMs, seenLockedMs: lockedMs }));
    return taken === 1 ? { state: 'claimed' } : undefined;
  };
  return {
    async begin(claim) {
      for (let round = 0; round < maxRounds; round++) {
        const outcome = await decide(claim);
        if (outcome) return outcome;
      }
      // Others keep claiming and releasing the key: it is as good as in flight.
      return { state: 'in_flight' };
    },
    async complete(scope, key, response, now) {
      await context.run(
        q.complete.bind({
          scope,
          key,
          nowMs: now.getTime(),
          status: response.status,
          body: response.body,
          headers: JSON.stringify(response.headers),
        }),
      );
    },
    async release(scope, key) {
      await context.run(q.release.bind({ scope, key }));
    },
    prune: async (before) => context.run(q.prune.bind({ beforeMs: before.getTime() })),
  };
}
