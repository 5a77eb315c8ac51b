/**
 * Change counters: whether the tables a query reads may have changed since a moment, for a
 * cache in front of a read that every request makes (the caller's credentials).
 * A counter moves on
 * - a write through this process to one of its tables: every statement is noted, and its
 *   target table read from its SQL;
 * - any commit by another connection, as the database tells it without reading a table:
 *   SQLite's `pragma data_version` (sqlite.ts), PostgreSQL's change notices from a trigger
 *   (postgres-change-notices.ts). Where the database cannot tell at the moment (PostgreSQL
 *   while its listening connection is down) or cannot tell for one of the tables (no trigger
 *   on it), the counter answers `undefined`: cache nothing.
 * A counter that moves too often only costs a cache miss; one that stays put when it should
 * move serves what the database no longer holds. So every doubt moves every counter: a write
 * whose target cannot be read from its SQL (a `with` clause, DDL, a name qualified by its
 * schema), a pragma that sets something.
 *
 * A write to one table can change another: through a foreign key (`on delete cascade`) or a
 * trigger. A counter watches, with its tables, every table whose writes can reach them (read
 * from the schema on first use, and again whenever the schema may have changed).
 */
/** What running a statement may change. */
export type StatementEffect = { kind: 'read' } | { kind: 'write'; table: string } | { kind: 'write-anything' };

const NAME = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_]*))`;
/** Statements that change no row: reads and transaction control. */
const NO_CHANGE = /^\s*(?:select|explain|begin|commit|end|rollback|savepoint|release)\b/i;
const PRAGMA_READ = /^\s*pragma\s+[A-Za-z_][\w.]*\s*(?:;\s*)?$/i;
/** The target of an insert, update or delete, followed by what can only follow a bare table name. */
const WRITE_TARGET = new RegExp(
  String.raw`^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+${NAME}(?=\s|\(|$)`,
  'i',
);

const unquote = (quoted: string | undefined, bare: string | undefined) => (quoted?.replaceAll('""', '"') ?? bare!).toLowerCase();

/**
 * What a statement may change, from its SQL.
 *
 * @example
 * ```ts
 * statementEffect('update "access_tokens" set "revoked_at" = ? where "token_hash" = ?'); // { kind: 'write', table: 'access_tokens' }
 * statementEffect('select 1'); // { kind: 'read' }
 * ```
 */
export function statementEffect(sql: string): StatementEffect {
  if (NO_CHANGE.test(sql) || PRAGMA_READ.test(sql)) return { kind: 'read' };
  const target = WRITE_TARGET.exec(sql);
  return target ? { kind: 'write', table: unquote(target[1], target[2]) } : { kind: 'write-anything' };
}

export interface ChangeCounters {
  /** Notes a statement about to run on this connection. */
  noteRun: (effect: StatementEffect) => void;
  /**
   * A counter over `tables`: each call returns a number, and a later call returns a
   * different one when any of the tables may have changed in between; `undefined` while
   * other connections' changes to them cannot be known (cache nothing then).
   */
  over: (tables: readonly string[]) => () => number | undefined;
}

export interface ChangeSources {
  /**
   * Moves on every commit by another connection (that `watches` covers). SQLite: `pragma
   * data_version` on the connection the statements run on. `undefined`: such commits cannot
   * be known now; the value after that must differ from every value before it.
   */
  dataVersion: () => unknown;
  /** Moves when the schema may have changed (checked only when `dataVersion` has moved). SQLite: `pragma schema_version`. */
  schemaVersion: () => unknown;
  /** The tables whose writes can change rows of `table`: by a foreign key's action, or a trigger. */
  writesReaching: (table: string) => readonly string[];
  /** Whether other connections' writes to `table` move `dataVersion`. Default: every table's (SQLite). */
  watches?: (table: string) => boolean;
}

/**
 * @example
 * ```ts
 * const counters = changeCounters(sqliteChangeSources(raw)); // sqlite.ts
 * const tokens = counters.over(['access_tokens', 'sessions', 'users']);
 * ```
 */
export function changeCounters(sources: ChangeSources): ChangeCounters {
  // One clock for every change noted; each table remembers the clock of its last write.
  let clock = 0;
  let everything = 0;
  const lastWrite = new Map<string, number>();
  let seenDataVersion = sources.dataVersion();
  let seenSchemaVersion = sources.schemaVersion();
  // Moves when the schema may have changed (DDL here, or a new schema_version): the tables
  // that reach a counter's tables are read again.
  let schemaGeneration = 0;
  return {
    noteRun(effect) {
      if (effect.kind === 'write') lastWrite.set(effect.table, ++clock);
      else if (effect.kind === 'write-anything') {
        everything = ++clock;
        schemaGeneration++;
      }
    },
    over(tables) {
      let watched: string[] = [];
      let watchedAt = -1;
      let covered = true;
      return () => {
        const current = sources.dataVersion();
        if (current === undefined) return undefined;
        if (current !== seenDataVersion) {
          seenDataVersion = current;
          everything = ++clock;
          const schema = sources.schemaVersion();
          if (schema !== seenSchemaVersion) {
            seenSchemaVersion = schema;
            schemaGeneration++;
          }
        }
        if (watchedAt !== schemaGeneration) {
          watched = withWritesReaching(tables, sources.writesReaching);
          watchedAt = schemaGeneration;
          covered = sources.watches === undefined || watched.every(sources.watches);
        }
        if (!covered) return undefined;
        let latest = everything;
        for (const table of watched) latest = Math.max(latest, lastWrite.get(table) ?? 0);
        return latest;
      };
    },
  };
}

/** `tables` and, transitively, every table whose writes can reach one of them. */
function withWritesReaching(tables: readonly string[], writesReaching: ChangeSources['writesReaching']): string[] {
  const found = new Set(tables.map((table) => table.toLowerCase()));
  // A Set visits what is added while it is iterated: the closure in one pass.
  for (const table of found) for (const source of writesReaching(table)) found.add(source.toLowerCase());
  return [...found];
}
