// The databases the repository and API suites run on: SQLite always, PostgreSQL from the
// vitest globalSetup (`@astral/test-postgres/vitest-setup`). The same test files run on
// both (`describe.each(databases())`); each file gets its own PostgreSQL database, so files
// running in parallel never see each other's rows.
import { describe, inject, it } from 'vitest';
import { openPostgresRepository, openSqliteRepository, type DatabaseRepository } from '../src/repository.js';
import { createDatabase } from '@astral/test-postgres';
// Declares `inject('postgresUrl')`.
import type {} from '@astral/test-postgres/vitest-setup';

export interface DatabaseLane {
  name: 'sqlite' | 'postgres';
  /** The server URL (PostgreSQL lane); undefined where PostgreSQL cannot run here. */
  serverUrl?: string | undefined;
}

/**
 * The lanes every storage-backed suite runs on. Where PostgreSQL cannot run, its lane is
 * still listed (and `describeOnDatabases` fails it under CI, or reports it NOT RUN by name),
 * never silently dropped.
 *
 * @example
 * ```ts
 * describe.each(databases())('on $name', (lane) => { ... });
 * ```
 */
export function databases(): DatabaseLane[] {
  return [{ name: 'sqlite' }, { name: 'postgres', serverUrl: inject('postgresUrl') }];
}

/**
 * `describe.each` over the lanes: the same tests on SQLite and PostgreSQL. A lane that
 * cannot run here is reported by name as NOT RUN (and fails under CI), never dropped.
 *
 * @example
 * ```ts
 * describeOnDatabases('races on $name', (lane) => { it('...', async () => { ... }); });
 * ```
 */
export function describeOnDatabases(title: string, body: (lane: DatabaseLane) => void, only?: DatabaseLane['name']): void {
  describe.each(databases().filter((lane) => only === undefined || lane.name === only))(title, (lane) => {
    if (!laneRuns(lane)) {
      // Reported at run time as skipped, with why: only where PostgreSQL cannot run and CI is not set.
      it('runs on PostgreSQL', (context) => context.skip('NOT RUN: no PostgreSQL here (see the globalSetup message)'));
      return;
    }
    body(lane);
  });
}

/** Whether the lane can run here; under CI a missing PostgreSQL is an error, not a skip. */
export function laneRuns(lane: DatabaseLane): boolean {
  if (lane.name === 'sqlite' || lane.serverUrl) return true;
  if (process.env.CI) throw new Error('The PostgreSQL lane cannot run (no server): CI requires it');
  process.stderr.write('!! The PostgreSQL lane of this file did NOT run (no PostgreSQL here): see the globalSetup message\n');
  return false;
}

/**
 * A new, empty database on the lane's PostgreSQL server; returns its URL.
 *
 * @example
 * ```ts
 * const url = await freshPostgresDatabase(inject('postgresUrl')!);
 * ```
 */
export const freshPostgresDatabase = (serverUrl: string): Promise<string> => createDatabase(serverUrl);

/**
 * A repository on the lane's database: SQLite in memory, or a fresh PostgreSQL database
 * (`url` returned so a second repository, as a second instance would, can open the same one).
 *
 * @example
 * ```ts
 * const { repository } = await laneRepository(lane);
 * ```
 */
export async function laneRepository(lane: DatabaseLane): Promise<{ repository: DatabaseRepository; url?: string }> {
  if (lane.name === 'sqlite') return { repository: openSqliteRepository({ inMemory: true }) };
  const url = await freshPostgresDatabase(lane.serverUrl!);
  return { repository: openPostgresRepository({ url, poolSize: 4 }), url };
}
