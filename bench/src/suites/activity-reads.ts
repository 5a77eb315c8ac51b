// Activities at scale: one athlete's month of activities listed from a database of 1,000,000
// activities (10,000 athletes) against the same list from one of 1,000 (the list's index leads
// with the athlete, so the ratio should stay near 1), and a whole recorded track read through
// GET /activities/{activity_id}/streams against bare node:http answering the same bytes; on
// SQLite (a file, synchronous=FULL) and on PostgreSQL (durable), in the same rounds.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayPostgres } from '@astral/test-postgres';
import { addPostgresActivities, addSqliteActivities, type BulkActivities } from '../activity-bulk.js';
import { startChildServer, type RunningServer } from '../child-server.js';
import { compareLoad, type LoadOptions } from '../load.js';
import { AUTH } from '../races.js';
import { row, type ResultRow } from '../report.js';

const SUITE = 'Activities at scale (reference API, production mode; SQLite on a file, synchronous=FULL; PostgreSQL durable)';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;
const dayMs = 86_400_000;

const small = { count: 1_000, athletes: 10 };
const large = { count: 1_000_000, athletes: 10_000 };

interface Listed {
  activity_id: string;
  status: string;
  distance_meters: number | null;
}

async function getJson<T>(url: string): Promise<{ body: T; bytes: Buffer }> {
  const response = await fetch(url, { headers: AUTH });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${bytes.toString().slice(0, 300)}`);
  return { body: JSON.parse(bytes.toString()) as T, bytes };
}

const options = (server: RunningServer, path: string): LoadOptions => ({
  url: server.origin + path,
  serverPid: server.child.pid,
  headers: AUTH,
  expectStatus: 200,
  seconds: SECONDS,
});

export async function runActivityReadsSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'astral-bench-activities-'));
  const postgres = await startThrowawayPostgres({ durable: true, log });
  const servers: RunningServer[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startChildServer('servers/reference-api.js', env);
    servers.push(server);
    return server;
  };
  try {
    const dirs = { small: join(scratch, 'small'), large: join(scratch, 'large') };
    const pgUrls = {
      small: await postgres.createDatabase('bench_activities_small'),
      large: await postgres.createDatabase('bench_activities_large'),
    };
    // Each API migrates and seeds its database on start; the bulk rows go in beside the seed's.
    const api = {
      sqliteSmall: await start({ BENCH_DATA_DIR: dirs.small }),
      sqliteLarge: await start({ BENCH_DATA_DIR: dirs.large }),
      pgSmall: await start({ BENCH_DATABASE_URL: pgUrls.small }),
      pgLarge: await start({ BENCH_DATABASE_URL: pgUrls.large }),
    };
    const nowMs = Date.now();
    const bulk = (size: typeof small): BulkActivities => ({ ...size, nowMs });
    for (const size of ['small', 'large'] as const) {
      const sizes = size === 'small' ? small : large;
      log(`activities: adding ${sizes.count} activities of ${sizes.athletes} athletes on SQLite and PostgreSQL...`);
      addSqliteActivities(join(dirs[size], 'astral.sqlite'), bulk(sizes));
      await addPostgresActivities(pgUrls[size], bulk(sizes));
    }

    const from = new Date(nowMs - 30 * dayMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const to = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const monthPath = `/api/v1/activities?start_date=${from}&end_date=${to}&limit=50`;
    const month = await getJson<{ data: Listed[] }>(api.sqliteSmall.origin + monthPath);
    for (const server of [api.sqliteLarge, api.pgSmall, api.pgLarge]) {
      const other = await getJson<{ data: Listed[] }>(server.origin + monthPath);
      if (other.body.data.length !== month.body.data.length || month.body.data.length === 0) {
        throw new Error(`the month lists ${month.body.data.length} and ${other.body.data.length} activities: the databases differ`);
      }
    }
    const listed = month.body.data.length;
    const rows: ResultRow[] = [];

    const lists = await compareLoad(ROUNDS, {
      sqliteSmall: options(api.sqliteSmall, monthPath),
      sqliteLarge: options(api.sqliteLarge, monthPath),
      pgSmall: options(api.pgSmall, monthPath),
      pgLarge: options(api.pgLarge, monthPath),
    });
    for (const [database, ofLarge, ofSmall] of [
      ['SQLite', lists.sqliteLarge, lists.sqliteSmall],
      ['PostgreSQL', lists.pgLarge, lists.pgSmall],
    ] as const) {
      rows.push(
        row({
          suite: SUITE,
          subject: `reference API on ${database}, GET /activities (the athlete's last 30 days: ${listed} activities) among ${large.count.toLocaleString('en')} activities of ${large.athletes.toLocaleString('en')} athletes`,
          baseline: `the same list among ${small.count.toLocaleString('en')} activities of ${small.athletes} athletes`,
          metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
          unit: 'req/s',
          value: ofLarge.requestsPerSecond,
          baselineValue: ofSmall.requestsPerSecond,
          goal: '≥ 0.9x (the index keeps it near 1)',
          met: ofLarge.requestsPerSecond >= 0.9 * ofSmall.requestsPerSecond,
          note: `server CPU ${Math.round(ofLarge.cpuPerRequest ?? NaN)} vs ${Math.round(ofSmall.cpuPerRequest ?? NaN)} µs/request; p99 ${ofLarge.p99} vs ${ofSmall.p99} ms; the seed's ${listed} plus the bulk rows, ANALYZEd`,
        }),
      );
      log(
        `activities: ${database} month list ${Math.round(ofLarge.requestsPerSecond)} req/s among 1M vs ${Math.round(ofSmall.requestsPerSecond)} among 1k`,
      );
    }

    // The longest recorded run of the athlete, every stream at full resolution.
    const longest = [...month.body.data]
      .filter((activity) => activity.status === 'completed' && activity.distance_meters !== null)
      .sort((a, b) => (b.distance_meters ?? 0) - (a.distance_meters ?? 0))[0];
    if (!longest) throw new Error('the seeded athlete has no completed run with a track');
    const streamsPath = `/api/v1/activities/${longest.activity_id}/streams`;
    const streams = await getJson<{ data: { point_count: number } }>(api.sqliteSmall.origin + streamsPath);
    if (streams.body.data.point_count === 0) throw new Error(`${longest.activity_id} has no recorded points`);
    const bodyFile = join(scratch, 'streams.json');
    await writeFile(bodyFile, streams.bytes);
    const bare = await startChildServer('servers/bare-http.js', { BENCH_BODY_FILE: bodyFile, BENCH_STATUS: '200' });
    servers.push(bare);
    const reads = await compareLoad(ROUNDS, {
      sqlite: options(api.sqliteSmall, streamsPath),
      pg: options(api.pgSmall, streamsPath),
      http: options(bare, streamsPath),
    });
    const described = `${streams.body.data.point_count} points, every stream, ${Math.round(streams.bytes.length / 1024)} kB`;
    for (const [database, result] of [
      ['SQLite', reads.sqlite],
      ['PostgreSQL', reads.pg],
    ] as const) {
      rows.push(
        row({
          suite: SUITE,
          subject: `reference API on ${database}, GET /activities/{activity_id}/streams (${described})`,
          baseline: 'bare node:http, same bytes',
          metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
          unit: 'req/s',
          value: result.requestsPerSecond,
          baselineValue: reads.http.requestsPerSecond,
          note: `server CPU ${Math.round(result.cpuPerRequest ?? NaN)} µs/request (node:http ${Math.round(reads.http.cpuPerRequest ?? NaN)}); p99 ${result.p99} ms`,
        }),
      );
      log(
        `activities: ${database} streams ${Math.round(result.requestsPerSecond)} req/s vs node:http ${Math.round(reads.http.requestsPerSecond)}`,
      );
    }
    return rows;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await postgres.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
