/**
 * An `IdempotencyStore` in process memory: the default of `createAstralServer`, so the
 * contract's `Idempotency-Key` promise holds out of the box for one process. It is not
 * shared: behind a load balancer a retry that reaches another instance is not recognised,
 * and a restart forgets every key. Run more than one instance only with a shared store
 * (the reference API keeps its records in its database).
 */
import type { IdempotencyBegin, IdempotencyClaim, IdempotencyStore, StoredResponse } from './idempotency-store.js';

interface MemoryRecord {
  fingerprint: string;
  /** When the key was claimed; retention and the lock count from here. */
  claimedAt: number;
  lockMs: number;
  retentionMs: number;
  response?: StoredResponse;
}

/** How often expired records are swept, at most (a sweep walks every record). */
const SWEEP_EVERY_MS = 60_000;

/**
 * A single-process store with expiry: a record is forgotten `retentionSeconds` after its
 * key was claimed, and a claim whose request never finished (`lockSeconds`) may be taken
 * over. Expired records are swept at most once a minute, on a claim, so memory stays
 * bounded by what one retention window receives.
 *
 * @example
 * ```ts
 * import { createAstralServer, memoryIdempotencyStore } from '@astral/server';
 * // Only for a single process (tests, a one-instance deployment):
 * const app = createAstralServer({ handlers, authenticate, idempotency: memoryIdempotencyStore() });
 * ```
 */
export function memoryIdempotencyStore(): IdempotencyStore & { readonly size: number } {
  const records = new Map<string, MemoryRecord>();
  let lastSweep = 0;
  // Scope and key joined by a character a key cannot hold (the contract allows printable ASCII only).
  const id = (scope: string, key: string): string => `${scope}\n${key}`;

  const sweep = (now: number): void => {
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    for (const [name, record] of records) if (now - record.claimedAt >= record.retentionMs) records.delete(name);
  };

  // Every method runs to completion without awaiting, so each is atomic in one process.
  return {
    get size() {
      return records.size;
    },
    begin(claim: IdempotencyClaim): Promise<IdempotencyBegin> {
      const now = claim.now.getTime();
      sweep(now);
      const name = id(claim.scope, claim.key);
      const existing = records.get(name);
      const expired = existing !== undefined && now - existing.claimedAt >= existing.retentionMs;
      const abandoned = existing !== undefined && !existing.response && now - existing.claimedAt >= existing.lockMs;
      if (existing && !expired) {
        // A different request is a misuse of the key whether or not the first is done.
        if (existing.fingerprint !== claim.fingerprint) return Promise.resolve({ state: 'mismatch' });
        if (existing.response) return Promise.resolve({ state: 'completed', response: existing.response });
        if (!abandoned) return Promise.resolve({ state: 'in_flight' });
      }
      records.set(name, {
        fingerprint: claim.fingerprint,
        claimedAt: now,
        lockMs: claim.lockSeconds * 1000,
        retentionMs: claim.retentionSeconds * 1000,
      });
      return Promise.resolve({ state: 'claimed' });
    },
    complete(scope: string, key: string, response: StoredResponse): Promise<void> {
      const record = records.get(id(scope, key));
      if (record) record.response = response;
      return Promise.resolve();
    },
    release(scope: string, key: string): Promise<void> {
      const name = id(scope, key);
      if (records.get(name)?.response === undefined) records.delete(name);
      return Promise.resolve();
    },
  };
}
