/**
 * The callers seen lately, so that a request does not hash its credential and look it up in
 * the database again while nothing the lookup reads has changed: under load, the lookup and
 * the hash were about 40 of the 90 µs of CPU of a `GET /races/{race_id}` (docs/ARCHITECTURE.md).
 *
 * An entry is used only while the storage's change counter still reads as it did before the
 * lookup (no token, session, user, key or organization written since, here or by another
 * process), the credential has not expired and the entry is younger than `maxAgeMs`. A
 * revocation, a logout or a suspension therefore holds on the next request, as without the
 * cache; on PostgreSQL, for a change made by another instance, once its change notice has
 * arrived (storage/postgres-change-notices.ts). While the counter cannot tell (`undefined`:
 * PostgreSQL not listening), nothing is cached.
 *
 * Keys are the credentials as sent: they stay in this process's memory no longer than
 * `maxAgeMs` after their last lookup, as long as a request carrying them would.
 */
import type { Principal } from '../../domain/principal.js';

export interface PrincipalCacheOptions {
  /** Entries kept at most; past it, the oldest goes. Default 10,000. */
  maxEntries?: number;
  /** Age after which an entry is looked up again whatever the counter says. Default 60 s. */
  maxAgeMs?: number;
}

interface Entry {
  principal: Principal;
  version: number;
  expiresAtMs: number;
  storedAtMs: number;
}

export interface PrincipalCache {
  /** The principal stored for `credential`, if it is still good at `version` and `nowMs`. */
  get(credential: string, version: number, nowMs: number): Principal | undefined;
  /**
   * Stores what a lookup found. `version` is the counter as read before the lookup, so a
   * change that lands during the lookup makes the entry stale at once.
   */
  set(credential: string, entry: { principal: Principal; version: number; expiresAtMs: number; nowMs: number }): void;
}

/**
 * @example
 * ```ts
 * const cache = principalCache();
 * cache.set('dev-athlete-token', { principal, version: 3, expiresAtMs: Infinity, nowMs: Date.now() });
 * cache.get('dev-athlete-token', 3, Date.now()); // principal
 * cache.get('dev-athlete-token', 4, Date.now()); // undefined: something it reads was written
 * ```
 */
export function principalCache(options: PrincipalCacheOptions = {}): PrincipalCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const entries = new Map<string, Entry>();
  return {
    get(credential, version, nowMs) {
      const entry = entries.get(credential);
      if (entry === undefined) return undefined;
      // A clock that went back (an injected one) makes the entry stale too.
      if (entry.version !== version || nowMs >= entry.expiresAtMs || nowMs < entry.storedAtMs || nowMs - entry.storedAtMs >= maxAgeMs) {
        entries.delete(credential);
        return undefined;
      }
      return entry.principal;
    },
    set(credential, { principal, version, expiresAtMs, nowMs }) {
      entries.delete(credential);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(credential, { principal, version, expiresAtMs, storedAtMs: nowMs });
    },
  };
}
