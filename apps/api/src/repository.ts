/**
 * The Repository: every resource's storage on one database, and its lifecycle. Part of the
 * app's composition, above the resources and the seed: built from the list of resource
 * modules, so a new resource's storage appears here by itself, while no resource imports
 * it (a service names the storages it needs). `createApp({ repository })` takes any object
 * of this shape (a test's failing double, a server database), and nothing above this file
 * changes.
 */
import { resourceModules, type Storages } from './resources/index.js';
import { writeSeed, type SeedData } from './seed/write.js';
import { createStorageContext, type AnyTables, type StorageContext } from './storage/context.js';
import { openPostgresDatabase, type PostgresOptions } from './storage/postgres.js';
import { openSqliteDatabase, type OpenDatabase, type SqliteOptions } from './storage/sqlite.js';
import type { Transactional } from './storage/transactional.js';

export type { SeedData } from './seed/write.js';

/**
 * The whole storage: one typed storage per resource (`races`, `users`...), `transaction` to
 * change several at once, and the lifecycle.
 */
export type Repository = Transactional<Storages> & {
  /** Writes the development seed once; false (and nothing written) when the database was seeded before. */
  seed(data: SeedData): Promise<boolean>;
  /** Flushes and closes; later calls are no-ops. */
  close(): Promise<void>;
};

/** The repository on an open database, with the database's own upkeep. */
export type DatabaseRepository = Repository & Pick<OpenDatabase, 'ready' | 'info' | 'statements'>;

/**
 * Opens every resource's storage on `context` (the database, or a transaction on it, so
 * several resources can write in one transaction).
 *
 * @example
 * ```ts
 * await context.transaction(async (tx) => openStorages(tx).users.create(user));
 * ```
 */
export function openStorages(context: StorageContext<AnyTables>): Storages {
  const storages: Record<string, unknown> = {};
  for (const module of resourceModules) {
    if ('storage' in module && module.storage) storages[module.name] = module.storage(context);
  }
  return storages as Storages;
}

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
