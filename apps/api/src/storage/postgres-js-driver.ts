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
import { statementEffect, type StatementEffect } from './change-counters.js';

/** Statements that read or write rows are prepared; DDL is not (a cached plan must not outlive a migration). */
const preparable = /^\s*(select|insert|update|delete|with)\b/i;
const opensTransaction = /^\s*(begin|start\s+transaction)\b/i;
/** Commands whose row count Kysely reports as `numAffectedRows`. */
const counted = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

type Runner = Sql<Record<string, never>>;
/** Told of every statement that may write (change-counters.ts), before it runs and again once it is committed. */
type OnWrite = (effect: Exclude<StatementEffect, { kind: 'read' }>) => void;

/** `statementEffect` per SQL text: the same few hundred compiled statements run again and again. */
function effectCache(): (sql: string) => StatementEffect {
  const effects = new Map<string, StatementEffect>();
  return (sql) => {
    let effect = effects.get(sql);
    if (effect === undefined) {
      // Raw statements may carry values in their text: bounded, so they cannot grow it forever.
      if (effects.size >= 1_000) effects.clear();
      effects.set(sql, (effect = statementEffect(sql)));
    }
    return effect;
  };
}

async function run<R>(on: Runner, query: CompiledQuery): Promise<QueryResult<R>> {
  const result = await on.unsafe(query.sql, query.parameters as never[], { prepare: preparable.test(query.sql) });
  const rows = result as unknown as R[];
  return counted.has(result.command) ? { rows, numAffectedRows: BigInt(result.count) } : { rows };
}

/** The connection Kysely holds for a query or a transaction: the pool until `begin`, then a reserved connection. */
class PostgresJsConnection implements DatabaseConnection {
  #reserved: (Runner & { release(): void }) | undefined;
  /** The writes of the open transaction, told again once it has ended (committed or not). */
  #written: Array<Parameters<OnWrite>[0]> = [];

  constructor(
    private readonly sql: Runner,
    private readonly effectOf: ((sql: string) => StatementEffect) | undefined,
    private readonly onWrite: OnWrite | undefined,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#reserved && opensTransaction.test(query.sql)) this.#reserved = (await this.sql.reserve()) as Runner & { release(): void };
    const effect = this.effectOf?.(query.sql);
    if (effect === undefined || effect.kind === 'read') return run<R>(this.#reserved ?? this.sql, query);
    // Told before (as on SQLite) and again after the commit: a lookup that ran meanwhile,
    // on another connection, may have read the rows as they were.
    this.onWrite!(effect);
    if (this.#reserved) {
      this.#written.push(effect);
      return run<R>(this.#reserved, query);
    }
    try {
      return await run<R>(this.sql, query);
    } finally {
      this.onWrite!(effect);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    const on = this.#reserved ?? this.sql;
    for await (const rows of on.unsafe(query.sql, query.parameters as never[]).cursor(chunkSize)) yield { rows: rows as unknown as R[] };
  }

  release(): void {
    this.#reserved?.release();
    this.#reserved = undefined;
    for (const effect of this.#written.splice(0)) this.onWrite!(effect);
  }
}

class PostgresJsDriver implements Driver {
  readonly #effectOf: ((sql: string) => StatementEffect) | undefined;

  constructor(
    private readonly sql: Runner,
    private readonly beforeFirstQuery: () => Promise<void>,
    private readonly onWrite: OnWrite | undefined,
  ) {
    this.#effectOf = onWrite && effectCache();
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.beforeFirstQuery();
    return new PostgresJsConnection(this.sql, this.#effectOf, this.onWrite);
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
 * `beforeFirstQuery` runs before each query is let through (the lazy migration waits there);
 * `onWrite` is told of every statement that may write, before it runs and again once it is
 * committed (or, in a transaction, once the transaction has ended).
 * The pool is not ended with Kysely: its owner ends it.
 *
 * @example
 * ```ts
 * const sql = postgres(url, { max: 10, transform: { undefined: null } });
 * const db = new Kysely<Tables>({ dialect: postgresJsDialect(sql) });
 * ```
 */
export function postgresJsDialect(
  sql: Sql<Record<string, never>>,
  beforeFirstQuery: () => Promise<void> = async () => {},
  onWrite?: OnWrite,
): Dialect {
  return {
    createDriver: () => new PostgresJsDriver(sql, beforeFirstQuery, onWrite),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createAdapter: () => new PostgresAdapter(),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
  };
}
