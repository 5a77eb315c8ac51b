/**
 * The Repository: every resource's storage on one database, and its lifecycle. Built from
 * the list of resource modules, so a new resource's storage appears here by itself.
 * `createApp({ repository })` takes any object of this shape (a test's failing double, a
 * server database), and nothing above this file changes.
 */
import type { Storages } from '../resources/index.js';
import { createStorageContext } from './context.js';
import { writeSeed, type SeedData } from './seed/write.js';
import { openPostgresDatabase, type PostgresOptions } from './postgres.js';
import { openSqliteDatabase, type OpenDatabase, type SqliteOptions } from './sqlite.js';
import { openStorages } from './storages.js';

export type { SeedData } from './seed/write.js';

/** The whole storage: one typed storage per resource (`races`, `users`...), and the lifecycle. */
export type Repository = Storages & {
  /**
   * Runs `work` with every resource's storage opened on one transaction: committed when it
   * resolves, rolled back when it throws (the error rethrown). Use only `tx` inside: a
   * query through the repository itself runs outside the transaction (on SQLite it waits
   * for the transaction, which waits for it: a deadlock).
   *
   * @example
   * ```ts
   * const emailId = await repository.transaction(async (tx) => {
   *   await tx.users.create(user);
   *   return tx.outbox.enqueue({ to: user.email, subject: 'Confirm your email', text }, now);
   * });
   * ```
   */
  transaction<T>(work: (tx: Storages) => Promise<T>): Promise<T>;
  /** Writes the development seed once; false (and nothing written) when the database was seeded before. */
  seed(data: SeedData): Promise<boolean>;
  /** Flushes and closes; later calls are no-ops. */
  close(): Promise<void>;
};

/** The repository on an open database, with the database's own upkeep. */
export type DatabaseRepository = Repository & Pick<OpenDatabase, 'ready' | 'info' | 'statements'>;

/**
 * The repository over an open database.
 *
 * @example
 * ```ts
 * const repository = openRepository(openSqliteDatabase({ inMemory: true }));
 * ```
 */
export function openRepository(database: OpenDatabase): DatabaseRepository {
  const context = createStorageContext(database.db, database.dialect, {
    direct: database.direct && ((query) => database.direct!(query)),
    changeCounter: database.changeCounter && ((tables) => database.changeCounter!(tables)),
  });
  return {
    ...openStorages(context),
    // Each storage's queries are compiled once per database (`context.once`), so opening
    // them all again on the transaction only binds them to its connection.
    transaction: (work) => context.transaction((tx) => work(openStorages(tx))),
    seed: (data) => writeSeed(context, data),
    ready: () => database.ready(),
    info: () => database.info(),
    statements: () => database.statements(),
    close: () => database.close(),
  };
}

/**
 * Opens (creating and migrating if needed) the SQLite database and the repository on it.
 *
 * @example
 * ```ts
 * const repository = openSqliteRepository({ inMemory: true });
 * await repository.races.list({ limit: 10 });
 * await repository.close();
 * ```
 */
export function openSqliteRepository(options: SqliteOptions = {}): DatabaseRepository {
  return openRepository(openSqliteDatabase(options));
}

/**
 * Opens a pool on the PostgreSQL database (migrating it under the advisory lock if needed)
 * and the repository on it.
 *
 * @example
 * ```ts
 * const repository = openPostgresRepository({ url: process.env.DATABASE_URL!, poolSize: 10 });
 * await repository.ready();
 * ```
 */
export function openPostgresRepository(options: PostgresOptions): DatabaseRepository {
  return openRepository(openPostgresDatabase(options));
}
