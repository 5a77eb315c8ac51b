/**
 * The races list's cursor: where the next page starts (the last race's `race_date` and
 * `race_id`, the keys the list is ordered by) and a fingerprint of the filters it was
 * issued for, as base64url JSON. Opaque to clients (the contract says so); not signed,
 * because a forged cursor can only move where a page starts within a list the caller may
 * read anyway. Decoding refuses anything this module did not write, and a cursor sent with
 * other filters than those it was issued for, as a 400 on `cursor`.
 */
import { createHash } from 'node:crypto';
import { InvalidError } from '../../domain/errors.js';
import { caseKey } from '../../storage/dialect.js';
import type { RacePosition, RaceQuery } from './model.js';

/** The filters a cursor is bound to: a list query without its limit, position and clock. */
export type CursorFilters = Omit<RaceQuery, 'limit' | 'after' | 'afterMs'> & { upcoming: boolean };

/** What a cursor holds, with one-letter keys to keep it short. */
interface CursorPayload {
  d: number;
  i: string;
  f: string;
}

// The race_id pattern of the contract, so a decoded id is one the storage could hold.
const raceIdPattern = /^race_[A-Za-z0-9]{1,64}$/;

/**
 * A short, stable digest of the filters (the parsed values, so `LONDON` and `london`, or
 * one instant written with two offsets, are the same filters). A digest rather than the
 * filters themselves keeps every cursor well under the contract's 512 characters.
 *
 * @example
 * ```ts
 * filtersFingerprint({ raceType: 'run', upcoming: false }); // "z0udcCFS0ef_HiCv" (16 characters)
 * ```
 */
export function filtersFingerprint(filters: CursorFilters): string {
  const canonical = JSON.stringify([
    filters.raceType ?? null,
    // Lowercased as the storage matches them, so a change of case is the same filter.
    filters.raceSubtype === undefined ? null : caseKey(filters.raceSubtype),
    filters.location === undefined ? null : caseKey(filters.location),
    filters.search === undefined ? null : caseKey(filters.search),
    filters.dateFromMs ?? null,
    filters.dateToMs ?? null,
    filters.upcoming,
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
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
export function encodeCursor(position: RacePosition, fingerprint: string): string {
  const payload: CursorPayload = { d: position.dateMs, i: position.raceId, f: fingerprint };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

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
export function decodeCursor(cursor: string, fingerprint: string): RacePosition {
  const payload = parse(cursor);
  if (!payload) throw new InvalidError('cursor', 'cursor is not a cursor this list issued; pass metadata.next_cursor back unchanged');
  if (payload.f !== fingerprint) {
    throw new InvalidError('cursor', 'cursor was issued for other filters; send the same filters as the page that issued it');
  }
  return { dateMs: payload.d, raceId: payload.i };
}

function parse(cursor: string): CursorPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { d, i, f } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(d) || typeof i !== 'string' || !raceIdPattern.test(i) || typeof f !== 'string') return undefined;
  return { d: d as number, i, f };
}
