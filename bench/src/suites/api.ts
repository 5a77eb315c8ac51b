// Reference API: requests/s and latency for GET by id, a filtered list and POST, against
// bare node:http and bare Fastify servers answering the very bytes the API answers.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildServer, type RunningServer } from '../child-server.js';
import { compareLoad, type LoadOptions } from '../load.js';
import { row, type ResultRow } from '../report.js';

const AUTH = { authorization: 'Bearer dev-athlete-token' };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;

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

const endpoints: Endpoint[] = [
  { name: 'GET /races/{race_id}', path: (id) => `/api/v1/races/${id}`, method: 'GET', status: 200 },
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

const fields = (endpoint: Endpoint, origin: string, raceId: string): LoadOptions => ({
  url: origin + endpoint.path(raceId),
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
  try {
    const list = JSON.parse((await capture(api.origin, endpoints[1]!, '')).toString()) as { data: Array<{ race_id: string }> };
    const raceId = list.data[0]!.race_id;
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
        const { api: ours, http: baselineHttp, fastify: baselineFastify } = await compareLoad(ROUNDS, {
          api: fields(endpoint, api.origin, raceId),
          http: fields(endpoint, http.origin, raceId),
          fastify: fields(endpoint, fastify.origin, raceId),
        });
        const goal = endpoint.name === 'GET /races/{race_id}' ? '≥ 0.5x node:http' : undefined;
        const latency = `p50 ${ours.p50} ms / p99 ${ours.p99} ms (node:http ${baselineHttp.p50} / ${baselineHttp.p99} ms, Fastify ${baselineFastify.p50} / ${baselineFastify.p99} ms)`;
        rows.push(
          row({
            suite: 'Reference API (production mode: request validation, authentication, contract serialisation)',
            subject: `reference API, ${endpoint.name}`,
            baseline: 'bare node:http, same bytes',
            metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
            unit: 'req/s',
            value: ours.requestsPerSecond,
            baselineValue: baselineHttp.requestsPerSecond,
            ...(goal ? { goal, met: ours.requestsPerSecond / baselineHttp.requestsPerSecond >= 0.5 } : {}),
            note: latency,
          }),
          row({
            suite: 'Reference API (production mode: request validation, authentication, contract serialisation)',
            subject: `reference API, ${endpoint.name}`,
            baseline: 'bare Fastify, same bytes',
            metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
            unit: 'req/s',
            value: ours.requestsPerSecond,
            baselineValue: baselineFastify.requestsPerSecond,
          }),
        );
        log(`api: ${endpoint.name}: ${Math.round(ours.requestsPerSecond)} req/s vs node:http ${Math.round(baselineHttp.requestsPerSecond)}, Fastify ${Math.round(baselineFastify.requestsPerSecond)}`);
      } finally {
        await Promise.all(bare.map((server) => server.stop()));
      }
    }
  } finally {
    await api.stop();
  }
  return rows;
}
