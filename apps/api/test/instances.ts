// Two API instances on one database, as the storages shared across instances are tested:
// on PostgreSQL two pools (two instances' worth of connections); on SQLite, whose one
// connection per process serialises everything anyway, the same repository twice.
import type { Kysely } from 'kysely';
import { afterEach } from 'vitest';
import type { AnyTables } from '../src/storage/context.js';
import { openPostgresDatabase } from '../src/storage/postgres.js';
import { openRepository, type DatabaseRepository } from '../src/repository.js';
import { openSqliteDatabase, type OpenDatabase } from '../src/storage/sqlite.js';
import { freshPostgresDatabase, type DatabaseLane } from './databases.js';

export interface TwoInstances {
  first: DatabaseRepository;
  second: DatabaseRepository;
  /** The database itself, to look at the rows the storages wrote. */
  db: Kysely<AnyTables>;
  close(): Promise<void>;
}

/**
 * Two repositories on one new database of the lane (migrated).
 *
 * @example
 * ```ts
 * const { first, second, db, close } = await twoInstances(lane);
 * ```
 */
export async function twoInstances(lane: DatabaseLane): Promise<TwoInstances> {
  let databases: OpenDatabase[];
  if (lane.name === 'sqlite') {
    databases = [openSqliteDatabase({ inMemory: true })];
  } else {
    const url = await freshPostgresDatabase(lane.serverUrl!);
    databases = [openPostgresDatabase({ url, poolSize: 4 }), openPostgresDatabase({ url, poolSize: 4 })];
  }
  const repositories = databases.map(openRepository);
  for (const repository of repositories) await repository.ready();
  return {
    first: repositories[0]!,
    second: repositories[1] ?? repositories[0]!,
    db: databases[0]!.db,
    close: async () => {
      await Promise.all(repositories.map((repository) => repository.close()));
    },
  };
}

/**
 * `twoInstances` for a suite whose tests each open one pair: registers an `afterEach` that
 * closes the pair the test opened, and returns the opener.
 *
 * @example
 * ```ts
 * const instances = twoInstancesPerTest();
 * it('...', async () => { const { first, second } = await instances(lane); });
 * ```
 */
export function twoInstancesPerTest(): (lane: DatabaseLane) => Promise<TwoInstances> {
  let open: TwoInstances | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });
  return async (lane) => (open = await twoInstances(lane));
}
