/**
 * The one keyset cursor of every paged list (races, organizations, members, groups,
 * invitations, the audit log): base64url JSON of where the next page starts (the sort keys of
 * the page's last row, under short wire keys) and, for a list with filters, a digest of the
 * filters it was issued for. Opaque to clients (the contract says so); not signed, because a
 * forged cursor can only move where a page starts within a list the caller may read anyway.
 * Decoding refuses anything a list did not write, and a cursor sent with other filters than
 * those it was issued for, as a 400 on `cursor`. The ids a cursor may hold are the patterns
 * the contract gives the listed items' ids, read from the bundled document.
 */
import { createHash } from 'node:crypto';
import type { components } from '@astral/openapi';
import { contract } from '@astral/openapi/contract';
import { resolveRef } from '@astral/openapi/reader';
import { InvalidError } from './errors.js';

/** One sort key a cursor holds: its key on the wire and which values a list could have written. */
export interface CursorField<T> {
  key: string;
  valid(value: unknown): value is T;
}

type CursorFields = Record<string, CursorField<unknown>>;

/** The position a cursor names: one value per field. */
export type PositionOf<Fields extends CursorFields> = { [K in keyof Fields]: Fields[K] extends CursorField<infer T> ? T : never };

/** A cursor of a list without filters. */
export interface KeysetCursor<Position> {
  encode(position: Position): string;
  /** The position; a `400` on `cursor` when it is not one `encode` wrote. */
  decode(cursor: string): Position;
}

/** A cursor bound to the filters it was issued for (their `filtersDigest`). */
export interface FilteredKeysetCursor<Position> {
  encode(position: Position, filters: string): string;
  /** The position; a `400` on `cursor` when it is not one `encode` wrote, or was issued for other filters. */
  decode(cursor: string, filters: string): Position;
}

type SchemaName = keyof components['schemas'];

/**
 * A field holding an epoch-millisecond instant.
 *
 * @example
 * ```ts
 * epochMs('d').valid(1759651200000); // true
 * ```
 */
export const epochMs = (key: string): CursorField<number> => ({ key, valid: (value): value is number => Number.isSafeInteger(value) });

/**
 * A field holding an id of the contract: a string matching the `pattern` the contract gives
 * `schema.property`, so a decoded id is one the storage could hold. A missing pattern is a
 * startup error.
 *
 * @example
 * ```ts
 * contractId('o', 'Organization', 'org_id').valid('org_alpineclub'); // true (^org_[A-Za-z0-9]{1,64}$)
 * ```
 */
export function contractId<S extends SchemaName>(
  key: string,
  schema: S,
  property: keyof components['schemas'][S] & string,
): CursorField<string> {
  const node = resolveRef<{ properties?: Record<string, unknown> }>(contract, { $ref: `#/components/schemas/${schema}` });
  const { pattern } = resolveRef<{ pattern?: unknown }>(contract, node.properties?.[property]);
  if (typeof pattern !== 'string') throw new Error(`The contract gives ${schema}.${property} no pattern for a cursor to check`);
  const expression = new RegExp(pattern, 'u');
  return { key, valid: (value): value is string => typeof value === 'string' && expression.test(value) };
}

/**
 * A short, stable digest of a list's parsed filters (16 characters), which a filtered cursor
 * carries. A digest rather than the filters themselves keeps every cursor well under the
 * contract's 512 characters.
 *
 * @example
 * ```ts
 * filtersDigest(['athlete', null, null]); // 16 base64url characters
 * ```
 */
export function filtersDigest(filters: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 16);
}

const notOurs = () => new InvalidError('cursor', 'cursor is not a cursor this list issued; pass metadata.next_cursor back unchanged');
const otherFilters = () =>
  new InvalidError('cursor', 'cursor was issued for other filters; send the same filters as the page that issued it');

/**
 * The cursor of one list, over its sort keys in order (the wire keys in that order, the
 * filters' digest last as `f`).
 *
 * @example
 * ```ts
 * const organizationsCursor = keysetCursor({ organizationId: contractId('o', 'Organization', 'org_id') });
 * organizationsCursor.decode(organizationsCursor.encode({ organizationId: 'org_a' })); // { organizationId: 'org_a' }
 * const membersCursor = keysetCursor({ userId: contractId('u', 'Member', 'user_id') }, { filtered: true });
 * membersCursor.encode({ userId: 'usr_a' }, filtersDigest(['athlete', null, null]));
 * ```
 */
export function keysetCursor<Fields extends CursorFields>(fields: Fields): KeysetCursor<PositionOf<Fields>>;
export function keysetCursor<Fields extends CursorFields>(
  fields: Fields,
  options: { filtered: true },
): FilteredKeysetCursor<PositionOf<Fields>>;
export function keysetCursor<Fields extends CursorFields>(
  fields: Fields,
  options: { filtered?: boolean } = {},
): FilteredKeysetCursor<PositionOf<Fields>> {
  const entries = Object.entries(fields);
  const filtered = options.filtered === true;
  return {
    encode(position, filters) {
      const payload: Record<string, unknown> = {};
      for (const [name, field] of entries) payload[field.key] = position[name];
      if (filtered) payload.f = filters;
      return Buffer.from(JSON.stringify(payload)).toString('base64url');
    },
    decode(cursor, filters) {
      const payload = parse(cursor);
      if (!payload || (filtered && typeof payload.f !== 'string')) throw notOurs();
      const position: Record<string, unknown> = {};
      for (const [name, field] of entries) {
        const value = payload[field.key];
        if (!field.valid(value)) throw notOurs();
        position[name] = value;
      }
      if (filtered && payload.f !== filters) throw otherFilters();
      return position as PositionOf<Fields>;
    },
  };
}

function parse(cursor: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One page of a list, the cursor of the next (`null` on the last page) and how many items
 * match the list's filters across all pages (the contract's `metadata.total`).
 */
export interface Page<Row> {
  data: Row[];
  nextCursor: string | null;
  total: number;
}

/**
 * A page out of the `limit + 1` rows a list read (the one more says whether another page
 * follows), the cursor after its last row when one does, and the total the list counted.
 *
 * @example
 * ```ts
 * keysetPage({ rows, total }, query.limit, (last) => organizationsCursor.encode({ organizationId: last.org_id }));
 * ```
 */
export function keysetPage<Row>(
  found: { rows: readonly Row[]; total: number },
  limit: number,
  cursorAfter: (last: Row) => string,
): Page<Row> {
  const data = found.rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: found.rows.length > limit && last !== undefined ? cursorAfter(last) : null, total: found.total };
}
