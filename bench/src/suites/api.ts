// Reference API: requests/s and latency for GET by id, a filtered list and POST, on SQLite
// and on PostgreSQL, against bare node:http and bare Fastify servers answering the very
// bytes the API answers; and two API instances sharing one PostgreSQL. Both databases run
// durable, as in production: SQLite on a file with synchronous=FULL, PostgreSQL with fsync on.
// Hot rows read one race (or repeat one list query) every request; the spread rows
// (api-spread.ts) read a different race each request, over the seed and then 10,000 more.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayPostgres } from '@astral/test-postgres';
import { startChildServer, type RunningServer } from '../child-server.js';
import { compareLoad, load, type LoadOptions } from '../load.js';
import { row, type ResultRow } from '../report.js';
import { allRaceIds } from '../spread.js';
import { spreadRows } from './api-spread.js';

const SUITE =
  'Reference API (production mode: request validation, authentication, contract serialisation; SQLite on a file, synchronous=FULL)';
const AUTH = { authorization: 'Bearer dev-athlete-token' };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;
const WARM_UP_SECONDS = 2;

interface Endpoint {
  name: string;
  path: (raceId: string) => string;
  method: 'GET' | 'POST';
  status: number;
  body?: () => string;
}

let counter = 0;
const newRace = () =>
  JSON.stringify({
    race_name: `Bench City Marathon ${process.pid}-${counter++}`,
    race_type: 'run',
    race_subtype: 'marathon',
    race_date: '2027-04-18T07:00:00Z',
    race_location: 'Bench City, Testland',
    race_variants: ['Marathon', 'Half Marathon'],
  });

/** Issue 17's goals: the API's requests/s as a share of bare node:http's serving the same bytes. */
const goals: Record<string, number> = {
  'GET /races/{race_id} (one hot race)': 0.5,
  'GET /races?race_type=run&limit=50': 0.3,
  'POST /races': 0.35,
};

const endpoints: Endpoint[] = [
  { name: 'GET /races/{race_id} (one hot race)', path: (id) => `/api/v1/races/${id}`, method: 'GET', status: 200 },
  { name: 'GET /races?race_type=run&limit=50', path: () => '/api/v1/races?race_type=run&limit=50', method: 'GET', status: 200 },
  { name: 'POST /races', path: () => '/api/v1/races', method: 'POST', status: 201, body: newRace },
];

async function capture(origin: string, endpoint: Endpoint, raceId: string): Promise<Buffer> {
  const response = await fetch(origin + endpoint.path(raceId), {
    method: endpoint.method,
    headers: { ...AUTH, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
    body: endpoint.body?.(),
  });
  if (response.status !== endpoint.status) throw new Error(`${endpoint.name}: ${response.status} ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

const fields = (endpoint: Endpoint, server: RunningServer, raceId: string): LoadOptions => ({
  url: server.origin + endpoint.path(raceId),
  serverPid: server.child.pid,
  method: endpoint.method,
  headers: AUTH,
  body: endpoint.body,
  expectStatus: endpoint.status,
  seconds: SECONDS,
});

export async function runApiSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const scratch = await mkdtemp(join(tmpdir(), 'astral-bench-'));
  const api = await startChildServer('servers/reference-api.js');
  const postgres = await startThrowawayPostgres({ durable: true, log });
  const pgApi = await startChildServer('servers/reference-api.js', { BENCH_DATABASE_URL: await postgres.createDatabase('bench_api') });
  try {
    const list = JSON.parse((await capture(api.origin, endpoints[1]!, '')).toString()) as { data: Array<{ race_id: string }> };
    const raceId = list.data[0]!.race_id;
    const seeded = { sqlite: await allRaceIds(api.origin), postgres: await allRaceIds(pgApi.origin) };
    for (const endpoint of endpoints) {
      const bodyFile = join(scratch, `${endpoint.method}.json`);
      await writeFile(bodyFile, await capture(api.origin, endpoint, raceId));
      const env = { BENCH_BODY_FILE: bodyFile, BENCH_STATUS: String(endpoint.status) };
      const bare: RunningServer[] = [
        await startChildServer('servers/bare-http.js', env),
        await startChildServer('servers/bare-fastify.js', env),
      ];
      try {
        const [http, fastify] = bare as [RunningServer, RunningServer];
        // Each server runs the endpoint before it is measured, so no round carries its JIT
        // compiling or a cold pool (the first PostgreSQL GET row read 3,708 req/s cold against
        // 5,626-6,221 for the same GET later in the run).
        for (const server of [api, pgApi, http, fastify]) await load({ ...fields(endpoint, server, raceId), seconds: WARM_UP_SECONDS });
        const {
          api: ours,
          pg: onPostgres,
          http: baselineHttp,
          fastify: baselineFastify,
        } = await compareLoad(ROUNDS, {
          api: fields(endpoint, api, raceId),
          pg: fields(endpoint, pgApi, raceId),
          http: fields(endpoint, http, raceId),
          fastify: fields(endpoint, fastify, raceId),
        });
        const goal = goals[endpoint.name];
        const latency = `p50 ${ours.p50} ms / p99 ${ours.p99} ms (node:http ${baselineHttp.p50} / ${baselineHttp.p99} ms, Fastify ${baselineFastify.p50} / ${baselineFastify.p99} ms)`;
        rows.push(
          row({
            suite: SUITE,
            subject: `reference API, ${endpoint.name}`,
            baseline: 'bare node:http, same bytes',
            metric: `requests/s, 10 connections, ${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up, median of ${ROUNDS}`,
            unit: 'req/s',
            value: ours.requestsPerSecond,
            baselineValue: baselineHttp.requestsPerSecond,
            ...(goal ? { goal: `≥ ${goal}x node:http`, met: ours.requestsPerSecond / baselineHttp.requestsPerSecond >= goal } : {}),
            note: latency,
          }),
          row({
            suite: SUITE,
            subject: `reference API, ${endpoint.name}`,
            baseline: 'bare Fastify, same bytes',
            metric: `requests/s, 10 connections, ${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up, median of ${ROUNDS}`,
            unit: 'req/s',
            value: ours.requestsPerSecond,
            baselineValue: baselineFastify.requestsPerSecond,
          }),
        );
        if (ours.cpuPerRequest !== undefined && baselineHttp.cpuPerRequest !== undefined) {
          rows.push(
            row({
              suite: SUITE,
              subject: `reference API, ${endpoint.name}: the server's own CPU`,
              baseline: 'bare node:http, same bytes',
              metric: `server process CPU (user + system) per request, same runs`,
              unit: 'µs',
              value: ours.cpuPerRequest,
              baselineValue: baselineHttp.cpuPerRequest,
              note:
                `Fastify ${Math.round(baselineFastify.cpuPerRequest ?? NaN)} µs` +
                (onPostgres.cpuPerRequest === undefined
                  ? ''
                  : `; on PostgreSQL the API process ${Math.round(onPostgres.cpuPerRequest)} µs`) +
                " (lower is better: the ratio is how many times node:http's CPU the API spends on one request)",
            }),
          );
        }
        if (onPostgres.cpuPerRequest !== undefined && ours.cpuPerRequest !== undefined) {
          rows.push(
            row({
              suite: SUITE,
              subject: `reference API on PostgreSQL (postgres.js, pool of 10), ${endpoint.name}: the API process's CPU`,
              baseline: 'the same API on SQLite',
              metric: 'server process CPU (user + system) per request, same runs',
              unit: 'µs',
              value: onPostgres.cpuPerRequest,
              baselineValue: ours.cpuPerRequest,
              goal: '≤ 1.5x SQLite',
              met: onPostgres.cpuPerRequest <= 1.5 * ours.cpuPerRequest,
            }),
          );
        }
        rows.push(
          row({
            suite: SUITE,
            subject: `reference API on PostgreSQL (durable, pool of 10), ${endpoint.name}`,
            baseline: 'the same API on SQLite',
            metric: `requests/s, 10 connections, ${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up, median of ${ROUNDS}`,
            unit: 'req/s',
            value: onPostgres.requestsPerSecond,
            baselineValue: ours.requestsPerSecond,
            note: `p50 ${onPostgres.p50} ms / p99 ${onPostgres.p99} ms; node:http ${Math.round(baselineHttp.requestsPerSecond)} req/s`,
          }),
        );
        log(`api: ${endpoint.name}: PostgreSQL ${Math.round(onPostgres.requestsPerSecond)} req/s`);
        log(
          `api: ${endpoint.name}: ${Math.round(ours.requestsPerSecond)} req/s vs node:http ${Math.round(baselineHttp.requestsPerSecond)}, Fastify ${Math.round(baselineFastify.requestsPerSecond)}; ` +
            `server CPU ${Math.round(ours.cpuPerRequest ?? NaN)} µs/request vs node:http ${Math.round(baselineHttp.cpuPerRequest ?? NaN)}`,
        );
      } finally {
        await Promise.all(bare.map((server) => server.stop()));
      }
    }
    rows.push(...(await spreadRows(SUITE, { sqlite: api, postgres: pgApi }, raceId, seeded, log)));
    rows.push(...(await twoInstances(postgres, raceId, log)));
  } finally {
    await Promise.all([api.stop(), pgApi.stop()]);
    await postgres.stop();
  }
  return rows;
}

/**
 * Two API instances on one PostgreSQL database, 5 connections each at the same time, against
 * one instance with 10: what a second instance behind a load balancer adds (on this machine
 * the instances, PostgreSQL and the load generator share the same cores).
 */
async function twoInstances(
  postgres: Awaited<ReturnType<typeof startThrowawayPostgres>>,
  raceId: string,
  log: (line: string) => void,
): Promise<ResultRow[]> {
  const url = await postgres.createDatabase('bench_two');
  const [a, b] = await Promise.all([0, 1].map(() => startChildServer('servers/reference-api.js', { BENCH_DATABASE_URL: url })));
  try {
    const rows: ResultRow[] = [];
    for (const endpoint of [endpoints[0]!, endpoints[2]!]) {
      const id = raceId; // seeded IDs (race_<slug>) are the same on every database
      const one: number[] = [];
      const two: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        one.push((await load(fields(endpoint, a!, id))).requestsPerSecond);
        const both = await Promise.all([a!, b!].map((server) => load({ ...fields(endpoint, server, id), connections: 5 })));
        two.push(both[0]!.requestsPerSecond + both[1]!.requestsPerSecond);
      }
      const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
      rows.push(
        row({
          suite: SUITE,
          subject: `two instances on one PostgreSQL, ${endpoint.name}`,
          baseline: 'one instance, 10 connections',
          metric: `requests/s summed, 2 x 5 connections, ${SECONDS} s, median of ${ROUNDS}`,
          unit: 'req/s',
          value: median(two),
          baselineValue: median(one),
        }),
      );
      log(`api: two instances, ${endpoint.name}: ${Math.round(median(two))} req/s vs one ${Math.round(median(one))}`);
    }
    return rows;
  } finally {
    await Promise.all([a!.stop(), b!.stop()]);
  }
}
