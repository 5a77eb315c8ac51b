/**
 * better-sqlite3 as Kysely's `SqliteDialect` sees it, with every SQL text prepared once.
 * The dialect calls `prepare(sql)` for every query it runs; preparing is SQLite parsing and
 * planning the statement again, which costs more than running a short one. Here a bounded
 * map keyed by the SQL text hands back the statement prepared before.
 *
 * Rows come back as the same plain objects better-sqlite3 would give, but built here from
 * the values it returns as arrays (`raw` mode): its own row objects get each column set by
 * name from C++, which for a row of about twenty columns costs more than SQLite reading the
 * row (a page of races took a third less time). Every row of a statement gets its properties
 * in the same order, so they share one shape.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { statementEffect, type StatementEffect } from './change-counters.js';

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
export function cachingDatabase(
  db: Database.Database,
  options: {
    maxStatements?: number;
    /** Called before each run of a statement that may change rows, with what it may change (change-counters.ts). */
    onWrite?: (effect: StatementEffect) => void;
  } = {},
): CachingDatabase {
  const maxStatements = options.maxStatements ?? 1000;
  const { onWrite } = options;
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
      const effect = statementEffect(sql);
      const statement = rowStatement(db.prepare(sql), effect.kind === 'read' ? undefined : onWrite && (() => onWrite(effect)));
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

/**
 * The statement as Kysely uses it; a statement that returns rows reads them as arrays and
 * builds each row object here (see the top of this file). Two columns of the same name keep
 * the last one's value, as better-sqlite3's own row objects do. SQLite prepares a statement
 * again by itself after a schema change (a `select *` may then return more or fewer
 * columns), so the names are read again whenever a row's width differs from them.
 * `beforeWrite`, when given, runs before every run of the statement (it may change rows).
 */
function rowStatement(statement: Database.Statement, beforeWrite?: () => void): SqliteStatement {
  if (!statement.reader) {
    if (!beforeWrite) return statement;
    return {
      reader: false,
      all: (parameters) => (beforeWrite(), statement.all(parameters)),
      run: (parameters) => (beforeWrite(), statement.run(parameters)),
      iterate: (parameters) => (beforeWrite(), statement.iterate(parameters)),
    };
  }
  let names = statement.columns().map((column) => column.name);
  statement.raw(true);
  const toRow = (values: unknown[]): Record<string, unknown> => {
    if (values.length !== names.length) names = statement.columns().map((column) => column.name);
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
    return row;
  };
  return {
    reader: true,
    all(parameters) {
      beforeWrite?.();
      const arrays = statement.all(parameters) as unknown[][];
      const rows = new Array<Record<string, unknown>>(arrays.length);
      for (let i = 0; i < arrays.length; i++) rows[i] = toRow(arrays[i]!);
      return rows;
    },
    run: (parameters) => (beforeWrite?.(), statement.run(parameters)),
    *iterate(parameters) {
      beforeWrite?.();
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield toRow(values);
    },
  };
}
