// The reference API's GET by id with the reads spread over many races, against the same GET
// of one hot race in the same rounds: first the seeded catalogue, then every race (the seeded
// ones, those the suite's POST rows added, and CATALOGUE more added through the API).
import type { RunningServer } from '../child-server.js';
import { compareLoad, type LoadOptions } from '../load.js';
import { AUTH } from '../races.js';
import { row, type ResultRow } from '../report.js';
import { allRaceIds, CATALOGUE, generateCatalogue, spreadPaths } from '../spread.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;

const options = (server: RunningServer, fields: Partial<LoadOptions>): LoadOptions => ({
  url: server.origin,
  serverPid: server.child.pid,
  headers: AUTH,
  expectStatus: 200,
  seconds: SECONDS,
  ...fields,
});

/**
 * @example
 * const rows = await spreadRows(SUITE, { sqlite: api, postgres: pgApi }, hotRaceId, log);
 */
export async function spreadRows(
  suite: string,
  servers: { sqlite: RunningServer; postgres: RunningServer },
  hotRaceId: string,
  /** The race IDs each database held before the suite wrote any (the seed). */
  seeded: { sqlite: string[]; postgres: string[] },
  log: (line: string) => void,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const hot = (server: RunningServer) => options(server, { url: `${server.origin}/api/v1/races/${hotRaceId}` });
  const measure = async (label: string, ids: { sqlite: string[]; postgres: string[] }) => {
    const result = await compareLoad(ROUNDS, {
      sqliteHot: hot(servers.sqlite),
      sqliteSpread: options(servers.sqlite, { path: spreadPaths(ids.sqlite) }),
      postgresHot: hot(servers.postgres),
      postgresSpread: options(servers.postgres, { path: spreadPaths(ids.postgres) }),
    });
    for (const [database, spread, baseline] of [
      ['SQLite', result.sqliteSpread, result.sqliteHot],
      ['PostgreSQL', result.postgresSpread, result.postgresHot],
    ] as const) {
      rows.push(
        row({
          suite,
          subject: `reference API on ${database}, GET /races/{race_id} spread over ${label} (${ids.sqlite.length} on SQLite, ${ids.postgres.length} on PostgreSQL, shuffled)`,
          baseline: `the same GET of one hot race (${database})`,
          metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
          unit: 'req/s',
          value: spread.requestsPerSecond,
          baselineValue: baseline.requestsPerSecond,
          note: `server CPU ${Math.round(spread.cpuPerRequest ?? NaN)} µs/request spread vs ${Math.round(baseline.cpuPerRequest ?? NaN)} hot; p99 ${spread.p99} ms vs ${baseline.p99} ms`,
        }),
      );
    }
    log(
      `api: spread over ${label}: SQLite ${Math.round(result.sqliteSpread.requestsPerSecond)} vs hot ${Math.round(result.sqliteHot.requestsPerSecond)}; ` +
        `PostgreSQL ${Math.round(result.postgresSpread.requestsPerSecond)} vs hot ${Math.round(result.postgresHot.requestsPerSecond)} req/s`,
    );
  };
  await measure('the seeded races', seeded);
  log(`api: generating ${CATALOGUE} races on each database...`);
  await Promise.all([generateCatalogue(servers.sqlite.origin, CATALOGUE), generateCatalogue(servers.postgres.origin, CATALOGUE)]);
  const catalogue = { sqlite: await allRaceIds(servers.sqlite.origin), postgres: await allRaceIds(servers.postgres.origin) };
  await measure(`every race: the seeded ones, those the POST rows added and ${CATALOGUE} generated`, catalogue);
  return rows;
}
