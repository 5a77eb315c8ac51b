// The database lanes the reference-API suites run on: SQLite always, PostgreSQL from the
// vitest globalSetup (`@astral/test-postgres/vitest-setup`). The same tests run on both
// (`describeOnDatabases`), each lane reported by name; each file gets its own PostgreSQL
// database, so files running side by side never see each other's rows.
import { describe, inject, it } from 'vitest';
import { createDatabase } from '@astral/test-postgres';
// Declares `inject('postgresUrl')`.
import type {} from '@astral/test-postgres/vitest-setup';

export interface DatabaseLane {
  name: 'sqlite' | 'postgres';
  /** The PostgreSQL server (postgres lane); undefined where PostgreSQL cannot run here. */
  serverUrl?: string | undefined;
}

/** Whether the lane can run here; under CI a missing PostgreSQL is an error, not a skip. */
function laneRuns(lane: DatabaseLane): boolean {
  if (lane.name === 'sqlite' || lane.serverUrl) return true;
  if (process.env.CI) throw new Error('The PostgreSQL lane cannot run (no server): CI requires it');
  process.stderr.write('!! The PostgreSQL lane of this file did NOT run (no PostgreSQL here): see the globalSetup message\n');
  return false;
}

/**
 * One `describe` per lane: the same tests on SQLite and PostgreSQL, titled with the lane's
 * name in place of `$name`. A lane that cannot run here is reported by name as NOT RUN (and
 * fails under CI), never dropped.
 *
 * @example
 * ```ts
 * describeOnDatabases('fuzz on $name', (lane) => { beforeAll(() => startReferenceApi({ lane })); ... });
 * ```
 */
export function describeOnDatabases(title: string, body: (lane: DatabaseLane) => void): void {
  const lanes: DatabaseLane[] = [{ name: 'sqlite' }, { name: 'postgres', serverUrl: inject('postgresUrl') }];
  for (const lane of lanes) {
    describe(title.replace('$name', lane.name), () => {
      if (!laneRuns(lane)) {
        it('runs on PostgreSQL', (context) => context.skip('NOT RUN: no PostgreSQL here (see the globalSetup message)'));
        return;
      }
      body(lane);
    });
  }
}

/**
 * A new, empty database on the lane's PostgreSQL server; its URL. SQLite lanes get none.
 *
 * @example
 * ```ts
 * const databaseUrl = await laneDatabase(lane); // undefined on sqlite
 * ```
 */
export async function laneDatabase(lane: DatabaseLane): Promise<string | undefined> {
  if (lane.name === 'sqlite') return undefined;
  return createDatabase(lane.serverUrl!);
}
