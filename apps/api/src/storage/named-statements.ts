/**
 * A `pg` pool as Kysely's `PostgresDialect` sees it, with every query sent as a named
 * prepared statement. Kysely sends each query with its SQL text, which PostgreSQL parses
 * and plans again every time; named, it is parsed once per connection and then only bound
 * and executed (the counterpart of SQLite's statement cache, `statement-cache.ts`). The
 * query shapes are a bounded set (the storages compile them once), so is the cache.
 */
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Statements that read or write rows; DDL stays unnamed (a cached plan must not outlive a migration). */
const preparable = /^\s*(select|insert|update|delete|with)\b/i;

/** The statement's name: derived from its text, so every connection names it alike. */
const nameOf = (sql: string) => `astral_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

/**
 * Wraps a pool so its clients send row queries as named statements.
 *
 * @example
 * ```ts
 * const db = new Kysely({ dialect: new PostgresDialect({ pool: namedStatementPool(new pg.Pool({ connectionString })) }) });
 * ```
 */
export function namedStatementPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const named = (sql: string) => {
    let name = names.get(sql);
    if (name === undefined) names.set(sql, (name = nameOf(sql)));
    return name;
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((sqlOrCursor: unknown, parameters?: readonly unknown[]) =>
          typeof sqlOrCursor === 'string' && preparable.test(sqlOrCursor)
            ? client.query({ name: named(sqlOrCursor), text: sqlOrCursor, values: [...(parameters ?? [])] })
            : client.query(sqlOrCursor as string, parameters as unknown[])) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}
