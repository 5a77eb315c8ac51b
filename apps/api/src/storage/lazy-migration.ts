/**
 * Migrating on first need, the same way for every dialect: Kysely asks for its connection on
 * the first query and waits, so each dialect migrates in between through this one wrapper.
 */

/** One database's migration, run at most once at a time. */
export interface LazyMigration {
  /** Starts the migration on the first call; later calls wait for the same run. A failed run is forgotten, so the next call tries again (and fails loudly again). */
  readonly ensure: () => Promise<void>;
  /** Whether a run has finished: queries need not wait any more. */
  readonly isDone: () => boolean;
  /** Resolves once a run in progress has ended, however it ended: close waits for it rather than closing under it. */
  readonly settled: () => Promise<void>;
}

/**
 * @example
 * ```ts
 * const migration = lazyMigration(() => migrate(migrator, sqliteDialect));
 * const db = new Kysely({ dialect: new SqliteDialect({ database: async () => (await migration.ensure(), database) }) });
 * ```
 */
export function lazyMigration(run: () => Promise<unknown>): LazyMigration {
  let running: Promise<void> | undefined;
  let done = false;
  return {
    ensure: () =>
      (running ??= run().then(
        () => {
          done = true;
        },
        (error: unknown) => {
          running = undefined;
          throw error;
        },
      )),
    isDone: () => done,
    settled: async () => {
      await running?.catch(() => undefined);
    },
  };
}
