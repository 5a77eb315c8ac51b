/**
 * What differs between the databases the storage runs on, in one interface. Resource code
 * builds its queries with Kysely (which compiles them for the database at hand) and never
 * asks which database it is on; whatever Kysely does not cover is a member here.
 *
 * Differences the design avoids rather than isolates (so no member is needed):
 * - Case-insensitive matching: the application lowercases into `*_key` columns
 *   (`caseKey`), and matches with `LIKE ? ESCAPE '\'`, which both databases accept; no
 *   collation, `ILIKE` or `lower()` whose idea of case differs between databases.
 * - Timestamps: stored as RFC 3339 text in UTC (what the API returns) plus epoch
 *   milliseconds in a `BIGINT` where they are compared or ordered. PostgreSQL's driver
 *   returns `BIGINT` and `COUNT(*)` as strings: mappers always pass numbers through `Number()`.
 * - `RETURNING` and upserts (`ON CONFLICT ... DO NOTHING / DO UPDATE`): both databases have
 *   them and Kysely compiles them for each.
 */
import { createHash } from 'node:crypto';
import type { CompiledQuery } from 'kysely';

export interface StorageDialect {
  readonly name: 'sqlite' | 'postgres';
  /**
   * Opens a transaction that will write. SQLite: `BEGIN IMMEDIATE` takes the write lock at
   * once, so a read-check-write cannot fail half-way with SQLITE_BUSY when another process
   * wrote in between; PostgreSQL: `BEGIN`.
   */
  readonly beginWrite: CompiledQuery;
  /**
   * Run right after `beginWrite` when migrating, to keep other processes out until commit.
   * SQLite: nothing (`BEGIN IMMEDIATE` already excludes other writers); PostgreSQL:
   * `SELECT pg_advisory_xact_lock(...)`, released by the commit.
   */
  readonly migrationLock: readonly CompiledQuery[];
  /**
   * Statements that keep other transactions on the same `name` out until commit (run first
   * inside a write transaction): a read-count-write on one key (a rate limit) is then atomic
   * across instances. SQLite: nothing (`BEGIN IMMEDIATE` already excludes every other
   * writer); PostgreSQL: `pg_advisory_xact_lock` on a 64-bit hash of `name`.
   */
  keyLock(name: string): readonly CompiledQuery[];
  /**
   * Whether a read inside a write transaction should lock its rows (`SELECT ... FOR UPDATE`):
   * PostgreSQL, where other connections' transactions run alongside; not SQLite, which has
   * no such clause and whose `BEGIN IMMEDIATE` already keeps other writers out.
   */
  readonly rowLocks: boolean;
  /**
   * Statements that make every committed write to `tables` (inserts, updates, deletes,
   * truncates, cascades included) notify `channel`, for the change counters of other
   * processes (change-counters.ts). SQLite: nothing (every connection reads `pragma
   * data_version`); PostgreSQL: a statement-level trigger on each table calling `pg_notify`.
   */
  notifyOnWrite(channel: string, tables: readonly string[]): readonly CompiledQuery[];
  /** The column type that holds a boolean: SQLite has none (`integer` 0/1), PostgreSQL `boolean`. */
  readonly booleanColumn: 'integer' | 'boolean';
  /** Whether the driver's error is a unique (or primary key) constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** A boolean as the driver binds it (better-sqlite3 refuses JavaScript booleans). */
  toBoolean(value: boolean): number | boolean;
  /** A boolean as read back. */
  fromBoolean(value: unknown): boolean;
}

/**
 * The lowercased form stored in `*_key` columns, so case-insensitivity is the same on every
 * database and beyond ASCII (`ZÜRICH` matches `Zürich`).
 *
 * @example
 * ```ts
 * caseKey('Zürich'); // "zürich"
 * ```
 */
export function caseKey(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/**
 * A `LIKE` pattern matching `value` anywhere in a `*_key` column, with `%`, `_` and `\`
 * taken literally (used with `ESCAPE '\'`).
 *
 * @example
 * ```ts
 * containsPattern('100%'); // "%100\\%%"
 * ```
 */
export function containsPattern(value: string): string {
  return `%${caseKey(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The read of a read-check-write, locking its rows where the dialect does (see `rowLocks`).
 *
 * @example
 * ```ts
 * const current = prepareQuery((param) => forUpdate(dialect, db.selectFrom('races').selectAll().where('race_id', '=', param('raceId'))));
 * ```
 */
export function forUpdate<Query extends { forUpdate(): Query }>(dialect: StorageDialect, query: Query): Query {
  return dialect.rowLocks ? query.forUpdate() : query;
}

/**
 * A 64-bit signed number derived from `name` (the first 8 bytes of its SHA-256), as a
 * decimal string: the key of an advisory lock. Two names sharing a number only ever wait
 * for each other, never share a count.
 *
 * @example
 * ```ts
 * lockNumber('rate-limit:login:5e884898...'); // a decimal string such as "-7239212470012389264"
 * ```
 */
export function lockNumber(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * The read of a claim: locks the rows it returns where the dialect does (see `rowLocks`),
 * skipping rows another transaction holds, so concurrent claimers each get different rows
 * (PostgreSQL `FOR UPDATE SKIP LOCKED`). On SQLite the one writer claims alone.
 *
 * @example
 * ```ts
 * db.updateTable('email_outbox').set(...).where('email_id', 'in', claimable(dialect, db.selectFrom('email_outbox').select('email_id').limit(10)));
 * ```
 */
export function claimable<Query extends { forUpdate(): Query; skipLocked(): Query }>(dialect: StorageDialect, query: Query): Query {
  return dialect.rowLocks ? query.forUpdate().skipLocked() : query;
}
