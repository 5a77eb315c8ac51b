/**
 * The activity list's cursor: the shared keyset cursor over the keys the list is ordered by
 * (the last activity's start in epoch milliseconds and its id, newest first), bound to a
 * digest of the athlete and the filters as parsed. Anything else is a 400 on `cursor`.
 */
import { contractId, epochMs, filtersDigest, keysetCursor } from '../../domain/keyset-cursor.js';
import type { ActivityQuery } from './model.js';

/** What a cursor is bound to: the query without its limit and position. */
export type CursorFilters = Omit<ActivityQuery, 'limit' | 'beforeMs' | 'beforeId'>;

const cursor = keysetCursor({ startMs: epochMs('d'), activityId: contractId('i', 'Activity', 'activity_id') }, { filtered: true });

/**
 * A short, stable digest of the filters (statuses in a fixed order, so `completed,skipped`
 * and `skipped&completed` are the same filters).
 *
 * @example
 * ```ts
 * filtersFingerprint({ userId: 'usr_a', statuses: ['completed'] }); // 16 characters
 * ```
 */
export function filtersFingerprint(filters: CursorFilters): string {
  return filtersDigest([
    filters.userId,
    filters.fromMs ?? null,
    filters.toMs ?? null,
    filters.activityType ?? null,
    filters.statuses === undefined ? null : [...filters.statuses].sort(),
    filters.planInstanceId ?? null,
  ]);
}

/**
 * The cursor after an activity, valid only with the same filters.
 *
 * @example
 * ```ts
 * encodeCursor({ startMs: 1740899700000, activityId: 'act_tempo0302' }, fingerprint);
 * ```
 */
export const encodeCursor = (position: { startMs: number; activityId: string }, fingerprint: string): string =>
  cursor.encode(position, fingerprint);

/**
 * The position a cursor names; a 400 on `cursor` when this list did not issue it for these filters.
 *
 * @example
 * ```ts
 * decodeCursor(query.cursor, fingerprint); // { startMs: 1740899700000, activityId: 'act_tempo0302' }
 * ```
 */
export const decodeCursor = (value: string, fingerprint: string): { startMs: number; activityId: string } =>
  cursor.decode(value, fingerprint);
