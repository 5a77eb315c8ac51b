/**
 * Kysely on PostgreSQL through `postgres` (postgres.js) rather than `pg`: measured on the
 * reference API, the API process spends far less CPU per request (bench/, issue 31). Three
 * things make the difference, all postgres.js's own:
 * - pipelining: a query is sent on an open connection without waiting for the one before it,
 *   and the queries written in one turn of the event loop leave in one socket write (each
 *   write is a system call; with `pg` each query is one, and one read back);
 * - every row query is a named prepared statement, parsed once per connection;
 * - its row decoder builds each row with less work than `pg`'s.
 *
 * A query outside a transaction runs on the shared pool (any connection, pipelined). A
 * transaction needs one connection to itself: the connection Kysely acquires reserves one on
 * its first `begin` (context.ts opens every transaction with it, and Kysely's own
 * `transaction()` goes through `beginTransaction`), and releases it when Kysely does.
 */
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { Sql } from 'postgres';

/** Statements that read or write rows are prepared; DDL is not (a cached plan must not outlive a migration). */
const preparable = /^\s*(select|insert|update|delete|with)\b/i;
const opensTransaction = /^\s*(begin|start\s+transaction)\b/i;
/** Commands whose row count Kysely reports as `numAffectedRows`. */
const counted = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

type Runner = Sql<Record<string, never>>;

async function run<R>(on: Runner, query: CompiledQuery): Promise<QueryResult<R>> {
  const result = await on.unsafe(query.sql, query.parameters as never[], { prepare: preparable.test(query.sql) });
  const rows = result as unknown as R[];
  return counted.has(result.command) ? { rows, numAffectedRows: BigInt(result.count) } : { rows };
}

/** The connection Kysely holds for a query or a transaction: the pool until `begin`, then a reserved connection. */
class PostgresJsConnection implements DatabaseConnection {
  #reserved: (Runner & { release(): void }) | undefined;

  constructor(private readonly sql: Runner) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#reserved && opensTransaction.test(query.sql)) this.#reserved = (await this.sql.reserve()) as Runner & { release(): void };
    return run<R>(this.#reserved ?? this.sql, query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const on = this.#reserved ?? this.sql;
    for await (const rows of on.unsafe(query.sql, query.parameters as never[]).cursor(chunkSize)) yield { rows: rows as unknown as R[] };
  }

  release(): void {
    this.#reserved?.release();
    this.#reserved = undefined;
  }
}

class PostgresJsDriver implements Driver {
  constructor(
    private readonly sql: Runner,
    private readonly beforeFirstQuery: () => Promise<void>,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.beforeFirstQuery();
    return new PostgresJsConnection(this.sql);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PostgresJsConnection).release();
  }

  async destroy(): Promise<void> {}
}

/**
 * Kysely's PostgreSQL dialect (compiler, adapter, introspector) on a postgres.js pool.
 * `beforeFirstQuery` runs before each query is let through (the lazy migration waits there).
 * The pool is not ended with Kysely: its owner ends it.
 *
 * @example
 * ```ts
 * const sql = postgres(url, { max: 10, transform: { undefined: null } });
 * const db = new Kysely<Tables>({ dialect: postgresJsDialect(sql) });
 * ```
 */
export function postgresJsDialect(sql: Sql<Record<string, never>>, beforeFirstQuery: () => Promise<void> = async () => {}): Dialect {
  return {
    createDriver: () => new PostgresJsDriver(sql, beforeFirstQuery),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createAdapter: () => new PostgresAdapter(),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
  };
}
