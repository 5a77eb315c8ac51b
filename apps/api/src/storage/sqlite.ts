/**
 * SQLite, embedded (better-sqlite3): one file under the data directory, or memory for
 * tests. WAL journal (readers never block the writer), `synchronous=FULL` (a committed write
 * survives a power cut), foreign keys on, a 5 s busy timeout for the admin CLI writing
 * beside the API. Queries go through Kysely's `SqliteDialect` with a statement cache.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteQueryCompiler, type LimitNode, type QueryResult } from 'kysely';
import type { AnyTables } from './context.js';
import type { StorageDialect } from './dialect.js';
import { changeCounters, type ChangeSources } from './change-counters.js';
import type { ChangeNotices } from './postgres-change-notices.js';
import { migrate } from './migrations/index.js';
import { lazyMigration } from './lazy-migration.js';
import { cachingDatabase, type StatementCacheStats } from './statement-cache.js';

/**
 * SQLite's query compiler, with a `LIMIT` written as an expression (`limit ? + 0`). SQLite
 * reads the value bound to a bare `limit ?` while planning, to optimise for it, and so marks
 * the statement expired whenever a value is bound: every run of a prepared `limit ?` parsed
 * and planned the statement again (a third of the time of a page of races). An expression is
 * only evaluated when the statement runs, so the prepared plan is kept; the result is the
 * same (an integer, `null` or a non-integer is the same error either way).
 */
class SqliteCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    super.visitLimit(node);
    this.append(' + 0');
  }
}

/** Kysely's SQLite dialect with {@link SqliteCompiler}. */
class SqliteDialectKeepingPlans extends SqliteDialect {
  override createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteCompiler();
  }
}

/**
 * What change counters read on a SQLite connection: its `data_version` and `schema_version`,
 * and the tables whose writes reach a table, through a foreign key's action (`cascade`,
 * `set null`, `set default`) or a trigger (matched on its text: one that so much as names
 * the table counts).
 *
 * @example
 * ```ts
 * const counters = changeCounters(sqliteChangeSources(new Database(':memory:')));
 * ```
 */
export function sqliteChangeSources(raw: Database.Database): ChangeSources {
  const dataVersion = raw.prepare('pragma data_version').pluck();
  const schemaVersion = raw.prepare('pragma schema_version').pluck();
  const triggersNaming = raw.prepare(`select tbl_name from sqlite_master where type = 'trigger' and instr(lower(sql), ?) > 0`).pluck();
  return {
    dataVersion: () => dataVersion.get(),
    schemaVersion: () => schemaVersion.get(),
    writesReaching: (table) => [
      ...(
        raw.pragma(`foreign_key_list("${table.replaceAll('"', '""')}")`) as Array<{ table: string; on_update: string; on_delete: string }>
      )
        .filter((key) => [key.on_delete, key.on_update].some((action) => /^(cascade|set null|set default)$/i.test(action)))
        .map((key) => key.table),
      ...(triggersNaming.all(table.toLowerCase()) as string[]),
    ],
  };
}

/** The database file's name inside the data directory. */
export const databaseFileName = 'astral.sqlite';

/** What SQLite does its own way. */
export const sqliteDialect: StorageDialect = {
  name: 'sqlite',
  beginWrite: CompiledQuery.raw('begin immediate'),
  migrationLock: [],
  keyLock: () => [],
  notifyOnWrite: () => [],
  rowLocks: false,
  booleanColumn: 'integer',
  isUniqueViolation: (error) =>
    error instanceof Database.SqliteError && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'),
  toBoolean: (value) => (value ? 1 : 0),
  fromBoolean: (value) => value === 1 || value === 1n,
};

export interface SqliteOptions {
  /** Keep everything in memory (tests, the sandbox). */
  inMemory?: boolean;
  /** Directory of the database file, created if missing; ignored in memory. */
  dataDir?: string;
}

/** An open database: the Kysely instance the storage runs on, and its upkeep. */
export interface OpenDatabase {
  db: Kysely<AnyTables>;
  dialect: StorageDialect;
  /** Resolves once the schema is up to date (it is brought up to date before the first query runs). */
  ready(): Promise<void>;
  /** The file (or `:memory:`) and the durability settings in force. */
  info(): { file: string; journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' };
  /** The statement cache's counters. */
  statements(): StatementCacheStats;
  /**
   * SQLite only: runs a compiled query at once on the connection, skipping Kysely's queue
   * for its one connection (several promise turns per query). `undefined` until the schema
   * is up to date. The storage context uses it only while no transaction holds the
   * connection, so it never runs inside someone else's transaction.
   */
  direct?(query: CompiledQuery): QueryResult<unknown> | undefined;
  /**
   * A counter that moves whenever any of `tables` may have changed, written through this
   * process or by any other (change-counters.ts). SQLite: reading it costs one `pragma
   * data_version`. PostgreSQL: it reads memory only, moved by the change notices of
   * postgres-change-notices.ts, and answers `undefined` while they cannot be received.
   */
  changeCounter?(tables: readonly string[]): () => number | undefined;
  /** PostgreSQL: the connection listening for change notices (postgres-change-notices.ts). */
  changeNotices?: Pick<ChangeNotices, 'listening' | 'backendPid'>;
  /** Closes the database; later calls are no-ops. */
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the SQLite database. Pending migrations run before the first
 * query is let through, so the database can be used at once; `ready()` waits for them.
 *
 * @example
 * ```ts
 * const database = openSqliteDatabase({ dataDir: '/var/lib/astral' });
 * await database.ready();
 * ```
 */
export function openSqliteDatabase(options: SqliteOptions = {}): OpenDatabase {
  let file = ':memory:';
  if (!options.inMemory) {
    if (!options.dataDir) throw new Error('openSqliteDatabase: dataDir is required unless inMemory');
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, databaseFileName);
  }
  const raw = new Database(file);
  if (!options.inMemory) raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const counters = changeCounters(sqliteChangeSources(raw));
  const database = cachingDatabase(raw, { onWrite: counters.noteRun });

  // Kysely asks for the database on the first query and waits: migrate in between, on a
  // second Kysely over the same connection (never destroyed, so it never closes it).
  const migration = lazyMigration(() => migrate(new Kysely({ dialect: new SqliteDialectKeepingPlans({ database }) }), sqliteDialect));
  const db = new Kysely<AnyTables>({
    dialect: new SqliteDialectKeepingPlans({
      database: async () => {
        await migration.ensure();
        return database;
      },
    }),
  });

  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: sqliteDialect,
    ready: migration.ensure,
    info: () => ({
      file,
      journalMode: String(raw.pragma('journal_mode', { simple: true })),
      synchronous: (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[Number(raw.pragma('synchronous', { simple: true }))]!,
    }),
    statements: () => database.stats(),
    direct(query) {
      if (!migration.isDone()) return undefined;
      // What Kysely's SqliteDriver does with a query, minus the queue.
      const statement = database.prepare(query.sql);
      if (statement.reader) return { rows: statement.all(query.parameters) };
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
    },
    changeCounter: (tables) => counters.over(tables),
    close: () =>
      (closed ??= (async () => {
        await migration.settled();
        await db.destroy();
        database.close();
      })()),
  };
}
