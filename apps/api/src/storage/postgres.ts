/**
 * PostgreSQL through `postgres` (postgres.js, see postgres-js-driver.ts for why not `pg`) and
 * Kysely's PostgreSQL compiler: a connection pool shared by every
 * request, so several API instances can run on one database. Everything that must hold
 * across instances (uniqueness, revocation, reads after writes) is a row or a constraint
 * here; the one cache in process memory, the callers' (auth/principal-cache.ts), is emptied
 * by the change notices other instances' writes send (postgres-change-notices.ts).
 */
import { CompiledQuery, Kysely } from 'kysely';
import postgres from 'postgres';
import { postgresJsDialect } from './postgres-js-driver.js';
import { changeCounters } from './change-counters.js';
import { changeNotices, noticeTriggerName } from './postgres-change-notices.js';
import type { AnyTables } from './context.js';
import { lockNumber, type StorageDialect } from './dialect.js';
import { migrate } from './migrations/index.js';
import { lazyMigration } from './lazy-migration.js';
import type { OpenDatabase } from './sqlite.js';

/** The advisory lock key migrations and the seed take (any fixed 64-bit number; "astral" in ASCII). */
export const migrationLockKey = 0x617374_72616cn;

/** What PostgreSQL does its own way. */
export const postgresDialect: StorageDialect = {
  name: 'postgres',
  beginWrite: CompiledQuery.raw('begin'),
  // Held until commit: a second instance booting at the same moment waits here, then finds
  // the migrations applied and the seed written.
  migrationLock: [CompiledQuery.raw(`select pg_advisory_xact_lock(${migrationLockKey.toString()})`)],
  // Same lock space as `migrationLock`; a hash meeting its key would only make one wait.
  keyLock: (name) => [CompiledQuery.raw('select pg_advisory_xact_lock(cast($1 as bigint))', [lockNumber(name)])],
  notifyOnWrite: (channel, tables) => [
    // One function for every channel and table: the channel is the trigger's argument.
    CompiledQuery.raw(`create or replace function astral_notify_change() returns trigger language plpgsql as $$
      begin
        perform pg_notify(tg_argv[0], tg_table_name);
        return null;
      end $$`),
    ...tables.map((table) =>
      CompiledQuery.raw(
        `create trigger "${noticeTriggerName(channel)}" after insert or update or delete or truncate on "${table}" ` +
          `for each statement execute function astral_notify_change('${channel}')`,
      ),
    ),
  ],
  rowLocks: true,
  booleanColumn: 'boolean',
  // SQLSTATE 23505: unique_violation (indexes and primary keys alike).
  isUniqueViolation: (error) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505',
  toBoolean: (value) => value,
  fromBoolean: (value) => value === true,
};

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Wait before the change-notice listener connects again after a drop (default 1 s; tests). */
  reconnectDelayMs?: number;
}

/** The default pool size: enough for one instance on a small server; raise it with `DATABASE_POOL_SIZE`. */
export const defaultPoolSize = 10;

/**
 * Opens a pool on the PostgreSQL database at `url`. Pending migrations run (under the
 * advisory lock) before the first query is let through; `ready()` waits for them.
 *
 * @example
 * ```ts
 * const database = openPostgresDatabase({ url: 'postgres://postgres@127.0.0.1:5432/astral' });
 * await database.ready();
 * ```
 */
export function openPostgresDatabase(options: PostgresOptions): OpenDatabase {
  const sql = postgres(options.url, {
    max: options.poolSize ?? defaultPoolSize,
    // Kysely never binds undefined, but a mapper might: bind it as NULL as pg did.
    transform: { undefined: null },
    // `create table if not exists` and the like notice what they skipped: not worth a log line.
    onnotice: () => undefined,
  });
  const migration = lazyMigration(() => migrate(new Kysely({ dialect: postgresJsDialect(sql) }), postgresDialect));
  // The change counters' own connection, opened when a counter is first read (the first
  // authenticated request), once the migrations have made the triggers it listens to.
  const notices = changeNotices({
    url: options.url,
    ...(options.reconnectDelayMs === undefined ? {} : { reconnectDelayMs: options.reconnectDelayMs }),
  });
  const counters = changeCounters(notices.sources);
  const db = new Kysely<AnyTables>({ dialect: postgresJsDialect(sql, migration.ensure, counters.noteRun) });
  let listenerStarted = false;
  let closed: Promise<void> | undefined;
  const { host, port, pathname } = new URL(options.url);
  return {
    db,
    dialect: postgresDialect,
    ready: migration.ensure,
    // Credentials never appear here: host, port and database only.
    info: () => ({ file: `postgres://${host}${port ? `:${port}` : ''}${pathname}`, journalMode: 'wal', synchronous: 'FULL' }),
    statements: () => ({ size: 0, hits: 0, misses: 0 }),
    changeCounter(tables) {
      const counter = counters.over(tables);
      return () => {
        if (!listenerStarted) {
          listenerStarted = true;
          void migration.ensure().then(
            () => notices.start(),
            () => undefined,
          );
        }
        return counter();
      };
    },
    changeNotices: notices,
    close: () =>
      (closed ??= (async () => {
        await migration.settled();
        await notices.close();
        await db.destroy();
        await sql.end({ timeout: 5 });
      })()),
  };
}
