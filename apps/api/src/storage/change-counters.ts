/**
 * Change counters (SQLite): whether the tables a query reads may have changed since a
 * moment, for a cache in front of a read that every request makes (the caller's credentials).
 * A counter moves on
 * - a write through this connection to one of its tables: every statement the connection
 *   runs is noted, and its target table read from its SQL;
 * - any commit by another connection (another process on the file, the admin CLI), which
 *   `pragma data_version` tells without reading a table.
 * A counter that moves too often only costs a cache miss; one that stays put when it should
 * move serves what the database no longer holds. So every doubt moves every counter: a write
 * whose target cannot be read from its SQL (a `with` clause, DDL, a name qualified by its
 * schema), a pragma that sets something.
 *
 * A write to one table can change another through a foreign key (`on delete cascade`): a
 * counter watches, with its tables, every table whose writes cascade into them, read from
 * the schema when the counter is first read (after the migrations).
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
const READ_TABLES = new RegExp(String.raw`\b(?:from|join)\s+${NAME}`, 'gi');

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

/**
 * The tables a query reads (after `from` and `join`), lower case.
 *
 * @example
 * ```ts
 * tablesRead('select * from "access_tokens" as "t" inner join "users" as "u" on ...'); // ['access_tokens', 'users']
 * ```
 */
export function tablesRead(sql: string): string[] {
  return [...new Set([...sql.matchAll(READ_TABLES)].map((match) => unquote(match[1], match[2])))];
}

export interface ChangeCounters {
  /** Notes a statement about to run on this connection. */
  noteRun: (effect: StatementEffect) => void;
  /**
   * A counter over `tables`: each call returns a number, and a later call returns a
   * different one when any of the tables may have changed in between.
   */
  over: (tables: readonly string[]) => () => number;
}

export interface ChangeSources {
  /** Reads `pragma data_version` on the connection the statements run on. */
  dataVersion: () => unknown;
  /** The tables whose deletes or updates change rows of `table` through its foreign keys. */
  cascadingInto: (table: string) => readonly string[];
}

/**
 * @example
 * ```ts
 * const dataVersion = raw.prepare('pragma data_version').pluck();
 * const counters = changeCounters({ dataVersion: () => dataVersion.get(), cascadingInto: (table) => parentsOf(table) });
 * const tokens = counters.over(['access_tokens', 'sessions', 'users']);
 * ```
 */
export function changeCounters(sources: ChangeSources): ChangeCounters {
  // One clock for every change noted; each table remembers the clock of its last write.
  let clock = 0;
  let everything = 0;
  const lastWrite = new Map<string, number>();
  let seenDataVersion = sources.dataVersion();
  return {
    noteRun(effect) {
      if (effect.kind === 'write') lastWrite.set(effect.table, ++clock);
      else if (effect.kind === 'write-anything') everything = ++clock;
    },
    over(tables) {
      let watched: string[] | undefined;
      return () => {
        watched ??= withCascades(tables, sources.cascadingInto);
        const current = sources.dataVersion();
        if (current !== seenDataVersion) {
          seenDataVersion = current;
          everything = ++clock;
        }
        let latest = everything;
        for (const table of watched) latest = Math.max(latest, lastWrite.get(table) ?? 0);
        return latest;
      };
    },
  };
}

/** `tables` and, transitively, every table whose writes cascade into one of them. */
function withCascades(tables: readonly string[], cascadingInto: ChangeSources['cascadingInto']): string[] {
  const found = new Set(tables.map((table) => table.toLowerCase()));
  for (const table of found) for (const parent of cascadingInto(table)) found.add(parent.toLowerCase());
  return [...found];
}
