// Client: per-call time of `@astral/client` (typed layer: auth, envelope unwrapping,
// error normalisation) against bare openapi-fetch and plain `fetch` + `json()`, on an
// in-process server answering the contract's own getRace example.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { createAstralClient } from '@astral/client';
import type { paths } from '@astral/openapi';
import { contract, operationResponse } from '@astral/openapi/contract';
import { examplesOf, jsonContent } from '@astral/openapi/reader';
import { interleave, median } from '../measure.js';
import { row, type ResultRow } from '../report.js';

const CALLS = Number(process.env.BENCH_CLIENT_CALLS ?? 200);
const ROUNDS = 20;
const RACE_ID = 'race_xyz456';
const TOKEN = 'dev-athlete-token';

interface PerCall {
  /** CPU time (user + system) of this process per call, µs: the client's own work, the
   * least sensitive to scheduling noise on a shared machine. */
  cpu: number;
  /** Wall time per call, µs. */
  wall: number;
}

async function timePerCall(call: () => Promise<unknown>): Promise<PerCall> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / CALLS, wall: ((performance.now() - started) * 1000) / CALLS };
}

export async function runClientSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const example = examplesOf(contract, jsonContent(contract, operationResponse('getRace', 200)))[0]?.value;
  const body = Buffer.from(JSON.stringify(example));
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  try {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const raw = createClient<paths>({ baseUrl, headers });
    const astral = createAstralClient({ baseUrl, token: TOKEN });
    const variants = {
      fetch: () =>
        timePerCall(async () => ((await (await fetch(`${baseUrl}/races/${RACE_ID}`, { headers })).json()) as { data: unknown }).data),
      openapiFetch: () =>
        timePerCall(async () => (await raw.GET('/races/{race_id}', { params: { path: { race_id: RACE_ID } } })).data?.data),
      astral: () => timePerCall(() => astral.races.get(RACE_ID)),
    };
    for (const warm of Object.values(variants)) await warm(); // JIT and connection pool warm
    const samples = await interleave<keyof typeof variants, PerCall>(ROUNDS, variants);
    const cpu = (key: keyof typeof variants) => median(samples[key].map((sample) => sample.cpu));
    const wall = (key: keyof typeof variants) => median(samples[key].map((sample) => sample.wall));
    const [plain, bare, ours] = [cpu('fetch'), cpu('openapiFetch'), cpu('astral')];
    log(`client: CPU per call: fetch ${plain.toFixed(0)} µs, openapi-fetch ${bare.toFixed(0)} µs, @astral/client ${ours.toFixed(0)} µs`);
    const common = {
      suite: 'Client (per-call cost, sequential GET /races/{race_id}, in-process server)',
      subject: '@astral/client races.get (typed layer, envelope unwrapped)',
      metric: `CPU time per call, median of ${ROUNDS} interleaved rounds of ${CALLS}`,
      unit: 'µs',
      value: ours,
    };
    const walls = `wall time per call: @astral/client ${wall('astral').toFixed(0)} µs, openapi-fetch ${wall('openapiFetch').toFixed(0)} µs, fetch ${wall('fetch').toFixed(0)} µs`;
    return [
      row({
        ...common,
        baseline: 'plain fetch + json()',
        baselineValue: plain,
        goal: '< 10% over plain fetch',
        met: ours / plain < 1.1,
        note: `${((ours / plain - 1) * 100).toFixed(1)}% over plain fetch; ${walls}`,
      }),
      row({
        ...common,
        baseline: 'bare openapi-fetch GET',
        baselineValue: bare,
        note: `${((ours / bare - 1) * 100).toFixed(1)}% over bare openapi-fetch`,
      }),
    ];
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
