/**
 * What a resource's storage gets: a query builder typed with its own tables, a way to
 * compile its queries once, to run them (inside the current transaction, if any) and to open
 * a transaction. Unique violations come out as `UniqueViolationError` on every database.
 */
import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { StorageDialect } from './dialect.js';
import { UniqueViolationError } from './errors.js';

/**
 * The tables of a Kysely instance whose tables TypeScript does not know: the shared root
 * (each resource declares its own) and migrations (which must not depend on today's types).
 * `any` is Kysely's documented way to say so.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyTables = any;

export interface StorageContext<Tables> {
  /** Builds queries (typed with this resource's tables); run them through this context. */
  readonly db: Kysely<Tables>;
  readonly dialect: StorageDialect;
  /** True inside `transaction`: queries run on the transaction's connection. */
  readonly inTransaction: boolean;
  /**
   * `build(db)`, computed once per database and shared by every context on it (with the
   * transactions): where a storage compiles its prepared queries.
   */
  once<T>(build: (db: Kysely<Tables>, dialect: StorageDialect) => T): T;
  /** Runs a query and returns its rows. */
  rows: <Row>(query: CompiledQuery<Row> | Compilable<Row>) => Promise<Row[]>;
  /** Runs a query and returns its first row. */
  first: <Row>(query: CompiledQuery<Row> | Compilable<Row>) => Promise<Row | undefined>;
  /** Runs a write and returns the number of rows it changed. */
  run: (query: CompiledQuery | Compilable<unknown>) => Promise<number>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws
   * (and the error rethrown). Inside a transaction already, `work` joins it.
   */
  transaction<T>(work: (context: StorageContext<Tables>) => Promise<T>): Promise<T>;
  /**
   * A counter that moves whenever what `query` reads (the tables it names) may have changed, for a
   * cache in front of it; it answers `undefined` while the database cannot tell (PostgreSQL
   * while it is not listening for change notices: cache nothing then). It answers a promise,
   * as every storage call does (a broken database rejects it), though it reads no table.
   * See change-counters.ts.
   */
  changeCounter(query: { readonly tables: readonly string[] }): (() => Promise<number | undefined>) | undefined;
}

const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

interface Shared {
  root: Kysely<AnyTables>;
  dialect: StorageDialect;
  built: Map<(db: Kysely<AnyTables>, dialect: StorageDialect) => unknown, unknown>;
  /** Runs a query at once outside any transaction, when the database can (SQLite); see `OpenDatabase.direct`. */
  direct?: ((query: CompiledQuery) => QueryResult<unknown> | undefined) | undefined;
  /** Change counters over tables, when the database keeps them; see `OpenDatabase.changeCounter`. */
  changeCounter?: ((tables: readonly string[]) => () => number | undefined) | undefined;
  /** Transactions open or waiting for the connection: while any, queries queue through Kysely. */
  transactions: number;
}

/**
 * The context of a database: give it to every resource's storage (typed with their tables).
 *
 * @example
 * ```ts
 * const context = createStorageContext(db, sqliteDialect, { direct: database.direct, changeCounter: database.changeCounter });
 * const races = openRaceStorage(context.as<RaceTables>());
 * ```
 */
export function createStorageContext(
  root: Kysely<AnyTables>,
  dialect: StorageDialect,
  shortcuts: Pick<Shared, 'direct' | 'changeCounter'> = {},
): StorageContext<AnyTables> & { as<T>(): StorageContext<T> } {
  const context = bind({ root, dialect, built: new Map(), ...shortcuts, transactions: 0 }, root, false);
  // Every table lives in the one database; each storage declares the tables it uses.
  return Object.assign(context, { as: <T>() => context as StorageContext<T> });
}

/**
 * Runs `work` in a transaction that first takes the dialect's migration lock (other
 * processes migrating the same database wait for the commit).
 *
 * @example
 * ```ts
 * await lockedTransaction(db, sqliteDialect, async (tx) => { ... });
 * ```
 */
export function lockedTransaction<T>(
  root: Kysely<AnyTables>,
  dialect: StorageDialect,
  work: (context: StorageContext<AnyTables>) => Promise<T>,
): Promise<T> {
  return openTransaction({ root, dialect, built: new Map(), transactions: 0 }, work, dialect.migrationLock);
}

function bind(shared: Shared, executor: Kysely<AnyTables>, inTransaction: boolean): StorageContext<AnyTables> {
  const translated = (error: unknown) => (shared.dialect.isUniqueViolation(error) ? new UniqueViolationError({ cause: error }) : error);
  const execute = async (query: CompiledQuery | Compilable<unknown>): Promise<QueryResult<unknown>> => {
    try {
      return await executor.executeQuery(query);
    } catch (error) {
      throw translated(error);
    }
  };
  // Outside transactions, a database that can run a query at once does (see `Shared.direct`).
  const run = (query: CompiledQuery | Compilable<unknown>): QueryResult<unknown> | Promise<QueryResult<unknown>> => {
    if (inTransaction || !shared.direct || shared.transactions > 0) return execute(query);
    let result: QueryResult<unknown> | undefined;
    try {
      result = shared.direct('compile' in query ? query.compile() : query);
    } catch (error) {
      return Promise.reject(translated(error));
    }
    return result ?? execute(query);
  };
  const context: StorageContext<AnyTables> = {
    db: shared.root,
    dialect: shared.dialect,
    inTransaction,
    once(build) {
      let value = shared.built.get(build);
      if (value === undefined) shared.built.set(build, (value = build(shared.root, shared.dialect)));
      return value as ReturnType<typeof build>;
    },
    rows: (query) => settle(run(query), (result) => result.rows as never[]),
    first: (query) => settle(run(query), (result) => result.rows[0] as never),
    run: (query) => settle(run(query), (result) => Number(result.numAffectedRows ?? 0)),
    transaction: (work) => (inTransaction ? work(context) : openTransaction(shared, work, [])),
    changeCounter(query) {
      const counter = shared.changeCounter?.(query.tables);
      // async: a database that cannot be read rejects, as for every other storage call.
      return counter && (async () => counter());
    },
  };
  return context;
}

/** `pick(result)`, as a promise: without a further turn when the query already ran. */
function settle<T>(result: QueryResult<unknown> | Promise<QueryResult<unknown>>, pick: (result: QueryResult<unknown>) => T): Promise<T> {
  if (result instanceof Promise) return result.then(pick);
  try {
    return Promise.resolve(pick(result));
  } catch (error) {
    return Promise.reject(error);
  }
}

function openTransaction<T>(
  shared: Shared,
  work: (context: StorageContext<AnyTables>) => Promise<T>,
  lock: readonly CompiledQuery[],
): Promise<T> {
  // One connection for the whole transaction (SQLite has only one; PostgreSQL's pool lends one).
  shared.transactions++;
  return shared.root
    .connection()
    .execute(async (connection) => {
      await connection.executeQuery(shared.dialect.beginWrite);
      try {
        for (const statement of lock) await connection.executeQuery(statement);
        const result = await work(bind(shared, connection, true));
        await connection.executeQuery(COMMIT);
        return result;
      } catch (error) {
        // A failed rollback (SQLite may have rolled back already) must not hide the cause.
        await connection.executeQuery(ROLLBACK).catch(() => undefined);
        throw error;
      }
    })
    .finally(() => {
      shared.transactions--;
    });
}
