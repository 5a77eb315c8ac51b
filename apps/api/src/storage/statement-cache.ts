/**
 * better-sqlite3 as Kysely's `SqliteDialect` sees it, with every SQL text prepared once.
 * The dialect calls `prepare(sql)` for every query it runs; preparing is SQLite parsing and
 * planning the statement again, which costs more than running a short one. Here a bounded
 * map keyed by the SQL text hands back the statement prepared before.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export interface StatementCacheStats {
  /** Statements held now. */
  size: number;
  /** `prepare` calls answered from the cache. */
  hits: number;
  /** `prepare` calls that prepared a new statement. */
  misses: number;
}

export interface CachingDatabase extends SqliteDatabase {
  /** How the cache is doing (tests, diagnostics). */
  stats(): StatementCacheStats;
}

/**
 * Wraps a better-sqlite3 database so each distinct SQL text is prepared once. The least
 * recently used statement is dropped past `maxStatements` (the query shapes are a few
 * hundred at most; the bound only guards against SQL built from data by mistake).
 *
 * @example
 * ```ts
 * const database = cachingDatabase(new Database(':memory:'));
 * const db = new Kysely({ dialect: new SqliteDialect({ database }) });
 * ```
 */
export function cachingDatabase(db: Database.Database, options: { maxStatements?: number } = {}): CachingDatabase {
  const maxStatements = options.maxStatements ?? 1000;
  const statements = new Map<string, SqliteStatement>();
  let hits = 0;
  let misses = 0;
  return {
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached) {
        hits++;
        // Move to the back: Map keeps insertion order, so the front is the least recent.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      misses++;
      const statement = db.prepare(sql) as unknown as SqliteStatement;
      statements.set(sql, statement);
      if (statements.size > maxStatements) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      if (db.open) db.close();
    },
    stats: () => ({ size: statements.size, hits, misses }),
  };
}
