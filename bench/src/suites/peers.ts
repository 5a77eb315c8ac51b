// Peers: what serving the contract through @astral/server costs against the other ways a
// team would serve it on Node. Every variant serves the same three operations from the same
// in-memory handler (servers/peers/memory-races.ts: no database, so this measures the
// serving layer) with request validation on and responses as the contract says; before any
// load, every variant must give the same status and body for a valid and an invalid request
// of each operation (a peer that skipped validation would fail here, not win a row).
import { startChildServer, type RunningServer } from '../child-server.js';
import { load, medianResult, type LoadOptions, type LoadResult } from '../load.js';
import { interleave, median } from '../measure.js';
import { row, type ResultRow } from '../report.js';
import { CONTRACT_HEADERS } from '../servers/peers/contract-schemas.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
// Five rounds. On this shared machine a variant's requests/s moves by a fifth between
// rounds, so each ratio to Fastify is taken within a round (the two measured seconds apart)
// and the row gives the median of those paired ratios: drift between rounds cancels out.
const ROUNDS = 5;
// Each variant runs the endpoint this long before it is measured, so no round carries its JIT compiling.
const WARM_UP_SECONDS = 2;
const SUITE = 'Peers: the serving layer (same in-memory handler, validation on, contract-shaped responses)';
const HEADERS = { authorization: 'Bearer peer-bench-token' };

const variants = {
  'astral-production': '@astral/server, production (responses serialised from the contract)',
  'astral-development': '@astral/server, development (every response validated too)',
  fastify: 'hand-written Fastify 5 (the contract schemas on its routes)',
  'openapi-glue': 'fastify-openapi-glue 4.11.4 on Fastify 5',
  'openapi-backend': 'openapi-backend 5.21.2 on Fastify 5',
  'express-openapi-validator': 'express-openapi-validator 5.6.2 on Express 5.3',
} as const;
type Variant = keyof typeof variants;
const PEERS: Variant[] = ['openapi-glue', 'openapi-backend', 'express-openapi-validator'];

let counter = 0;
const race = (raceType: string) => () =>
  JSON.stringify({
    race_name: `Peer City Marathon ${counter++}`,
    race_type: raceType,
    race_subtype: 'marathon',
    race_date: '2027-04-18T07:00:00Z',
    race_location: 'Peer City, Testland',
    race_website_url: 'https://example.com/peer',
    race_variants: ['Marathon', 'Half Marathon'],
  });

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  status: number;
  body?: () => string;
}

const endpoints: Endpoint[] = [
  { name: 'GET /races/{race_id}', method: 'GET', path: '/api/v1/races/race_peer7', status: 200 },
  { name: 'GET /races?race_type=run&limit=50', method: 'GET', path: '/api/v1/races?race_type=run&limit=50', status: 200 },
  { name: 'POST /races', method: 'POST', path: '/api/v1/races', status: 201, body: race('run') },
  { name: 'POST /races, invalid race_type (400)', method: 'POST', path: '/api/v1/races', status: 400, body: race('sail') },
];

/** The requests every variant must answer alike: each endpoint, and an invalid GET of each kind. */
const sameness: Array<{ method: 'GET' | 'POST'; path: string; body?: string }> = [
  { method: 'GET', path: '/api/v1/races/race_peer7' },
  { method: 'GET', path: '/api/v1/races/race_bad!' },
  { method: 'GET', path: '/api/v1/races/race_missing1' },
  { method: 'GET', path: '/api/v1/races?race_type=run&limit=50' },
  { method: 'GET', path: '/api/v1/races?race_type=sail&limit=50' },
  { method: 'GET', path: '/api/v1/races?limit=500' },
  { method: 'POST', path: '/api/v1/races', body: race('run')() },
  { method: 'POST', path: '/api/v1/races', body: race('sail')() },
  { method: 'POST', path: '/api/v1/races', body: JSON.stringify({ race_name: 'No type' }) },
];

/** JSON with every object's keys sorted: bodies compared by content, not by key order. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`
      : JSON.stringify(value);

/**
 * The answer as compared: status and body (by content: serialisers order keys differently);
 * a 4xx by its `details` (code and field), since each validator words its message its own way;
 * and the contract's response headers (the security headers' values, `X-Request-Id` present).
 */
async function answer(origin: string, request: (typeof sameness)[number]): Promise<string> {
  const response = await fetch(origin + request.path, {
    method: request.method,
    headers: { ...HEADERS, ...(request.body ? { 'content-type': 'application/json' } : {}) },
    body: request.body,
  });
  const body = (await response.json()) as { details?: unknown };
  // The headers the contract puts on every response: a peer that skipped them would do less work.
  const headers = [...Object.keys(CONTRACT_HEADERS), 'x-request-id'].map(
    (name) => `${name}: ${response.headers.has(name) ? 'sent' : 'missing'}`,
  );
  const wrong = Object.entries(CONTRACT_HEADERS).filter(([name, value]) => response.headers.get(name) !== value);
  return `${response.status} ${canonical(response.status >= 400 ? body.details : body)} ${headers.join(', ')}${wrong.length ? ` wrong: ${wrong.map(([name]) => name).join(', ')}` : ''}`;
}

async function assertSameAnswers(servers: Record<Variant, RunningServer>): Promise<void> {
  for (const request of sameness) {
    const expected = await answer(servers.fastify.origin, request);
    for (const variant of (Object.keys(variants) as Variant[]).filter((name) => name !== 'fastify')) {
      const actual = await answer(servers[variant].origin, request);
      if (actual !== expected) {
        throw new Error(
          `${variant} answers ${request.method} ${request.path} with ${actual.slice(0, 300)}; Fastify with ${expected.slice(0, 300)}`,
        );
      }
    }
  }
}

const options = (server: RunningServer, endpoint: Endpoint): LoadOptions => ({
  url: server.origin + endpoint.path,
  serverPid: server.child.pid,
  method: endpoint.method,
  headers: HEADERS,
  body: endpoint.body,
  expectStatus: endpoint.status,
  seconds: SECONDS,
});

const cpu = (result: LoadResult) => (result.cpuPerRequest === undefined ? '' : `, ${Math.round(result.cpuPerRequest)} µs CPU/request`);

export async function runPeersSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const names = Object.keys(variants) as Variant[];
  const started: RunningServer[] = [];
  try {
    for (const name of names) started.push(await startChildServer('servers/peer.js', { BENCH_PEER: name }));
    const servers = Object.fromEntries(names.map((name, i) => [name, started[i]!])) as Record<Variant, RunningServer>;
    await assertSameAnswers(servers);
    log('peers: every variant answers the valid and invalid requests alike');
    const rows: ResultRow[] = [];
    for (const endpoint of endpoints) {
      for (const name of names) await load({ ...options(servers[name], endpoint), seconds: WARM_UP_SECONDS });
      const samples = await interleave<Variant, LoadResult>(
        ROUNDS,
        Object.fromEntries(names.map((name) => [name, () => load(options(servers[name], endpoint))])) as Record<
          Variant,
          () => Promise<LoadResult>
        >,
      );
      const results = Object.fromEntries(names.map((name) => [name, medianResult(samples[name])])) as Record<Variant, LoadResult>;
      /** `name`'s requests/s over `baseline`'s, each round's pair, the median. */
      const pairedRatio = (name: Variant, baseline: Variant) =>
        median(samples[name].map((sample, round) => sample.requestsPerSecond / samples[baseline][round]!.requestsPerSecond));
      const ceiling = results.fastify;
      const ours = results['astral-production'];
      for (const name of names.filter((candidate) => candidate !== 'fastify')) {
        const result = results[name];
        const ratio = pairedRatio(name, 'fastify');
        const goal =
          name === 'astral-production'
            ? {
                goal: '≥ 0.9x Fastify, ahead of every peer',
                met: ratio >= 0.9 && PEERS.every((peer) => pairedRatio(name, peer) > 1),
              }
            : {};
        rows.push(
          row({
            suite: SUITE,
            subject: `${variants[name]}, ${endpoint.name}`,
            baseline: variants.fastify,
            metric: `requests/s, 10 connections, ${SECONDS} s after ${WARM_UP_SECONDS} s of warm-up, median of ${ROUNDS} (6 variants interleaved, order rotating); ratio: the median of the rounds' paired ratios`,
            unit: 'req/s',
            value: result.requestsPerSecond,
            baselineValue: ceiling.requestsPerSecond,
            ratio,
            ...goal,
            note:
              `p99 ${result.p99} ms${cpu(result)} (Fastify p99 ${ceiling.p99} ms${cpu(ceiling)})` +
              (name === 'astral-production' ? '' : `; @astral/server production ${Math.round(ours.requestsPerSecond)} req/s`),
          }),
        );
      }
      log(
        `peers: ${endpoint.name}: ` +
          names.map((name) => `${name} ${Math.round(results[name].requestsPerSecond)} req/s${cpu(results[name])}`).join('; '),
      );
    }
    return rows;
  } finally {
    await Promise.all(started.map((server) => server.stop()));
  }
}
