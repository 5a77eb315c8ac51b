/**
 * The races list's cursor: the shared keyset cursor (domain/keyset-cursor.ts) over the keys
 * the list is ordered by (the last race's `race_date` and `race_id`), bound to a digest of
 * the filters as parsed. A cursor that is not one, or is sent with other filters, is a 400
 * on `cursor`.
 */
import { contractId, epochMs, filtersDigest, keysetCursor } from '../../domain/keyset-cursor.js';
import { caseKey } from '../../storage/dialect.js';
import type { RacePosition, RaceQuery } from './model.js';

/** The filters a cursor is bound to: a list query without its limit, position and clock. */
export type CursorFilters = Omit<RaceQuery, 'limit' | 'after' | 'afterMs'> & { upcoming: boolean };

const cursor = keysetCursor({ dateMs: epochMs('d'), raceId: contractId('i', 'Race', 'race_id') }, { filtered: true });

/**
 * A short, stable digest of the filters (the parsed values, so `LONDON` and `london`, or
 * one instant written with two offsets, are the same filters).
 *
 * @example
 * ```ts
 * filtersFingerprint({ raceType: 'run', upcoming: false }); // "z0udcCFS0ef_HiCv" (16 characters)
 * ```
 */
export function filtersFingerprint(filters: CursorFilters): string {
  return filtersDigest([
    filters.raceType ?? null,
    // Lowercased as the storage matches them, so a change of case is the same filter.
    filters.raceSubtype === undefined ? null : caseKey(filters.raceSubtype),
    filters.location === undefined ? null : caseKey(filters.location),
    filters.search === undefined ? null : caseKey(filters.search),
    filters.dateFromMs ?? null,
    filters.dateToMs ?? null,
    filters.upcoming,
  ]);
}

/**
 * The cursor for the page after `position`, valid only with the same filters.
 *
 * @example
 * ```ts
 * encodeCursor({ dateMs: 1759651200000, raceId: 'race_xyz456' }, filtersFingerprint({ raceType: 'run', upcoming: false }));
 * // "eyJkIjoxNzU5NjUxMjAwMDAwLCJpIjoicmFjZV94eXo0NTYiLCJmIjoiejB1ZGNDRlMwZWZfSGlDdiJ9"
 * ```
 */
export const encodeCursor = (position: RacePosition, fingerprint: string): string => cursor.encode(position, fingerprint);

/**
 * The position a cursor names; a `400` on `cursor` when it is not one `encodeCursor` wrote,
 * or when it was issued for other filters.
 *
 * @example
 * ```ts
 * decodeCursor(query.cursor, filtersFingerprint(filters)); // { dateMs: 1759651200000, raceId: 'race_xyz456' }
 * decodeCursor('bm9wZQ', fingerprint); // throws InvalidError on `cursor`
 * ```
 */
export const decodeCursor = (value: string, fingerprint: string): RacePosition => cursor.decode(value, fingerprint);
