// Mock: the Prism mock and the sandbox (reference API behind Prism's validating proxy)
// against the reference API itself, for the same calls.
import { startChildServer, type RunningServer } from '../child-server.js';
import { compareLoad, type LoadOptions } from '../load.js';
import { row, type ResultRow } from '../report.js';
import { AUTH, firstRaceId } from '../races.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;

export async function runMockSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const servers: Record<'api' | 'mock' | 'sandbox', RunningServer> = {
    api: await startChildServer('servers/reference-api.js', { BENCH_MODE: 'development' }),
    mock: await startChildServer('servers/mock.js', { BENCH_TARGET: 'mock' }),
    sandbox: await startChildServer('servers/mock.js', { BENCH_TARGET: 'sandbox' }),
  };
  try {
    const raceId = await firstRaceId(servers.api.origin);
    const sandboxRaceId = await firstRaceId(servers.sandbox.origin);
    const calls: Array<{ name: string; path: (id: string) => string }> = [
      { name: 'GET /races/{race_id}', path: (id) => `/api/v1/races/${id}` },
      { name: 'GET /races?race_type=run&limit=50', path: () => '/api/v1/races?race_type=run&limit=50' },
    ];
    const rows: ResultRow[] = [];
    for (const call of calls) {
      const options = (origin: string, id: string): LoadOptions => ({
        url: origin + call.path(id),
        headers: AUTH,
        expectStatus: 200,
        seconds: SECONDS,
      });
      const result = await compareLoad(ROUNDS, {
        api: options(servers.api.origin, raceId),
        mock: options(servers.mock.origin, 'race_xyz456'),
        sandbox: options(servers.sandbox.origin, sandboxRaceId),
      });
      for (const target of ['mock', 'sandbox'] as const) {
        rows.push(
          row({
            suite: 'Mock and sandbox (against the reference API, development mode, same calls)',
            subject: `${target === 'mock' ? 'Prism mock (contract examples)' : 'sandbox (reference API behind Prism proxy)'}, ${call.name}`,
            baseline: 'reference API (development mode)',
            metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
            unit: 'req/s',
            value: result[target].requestsPerSecond,
            baselineValue: result.api.requestsPerSecond,
            note: `p50 ${result[target].p50} ms / p99 ${result[target].p99} ms (reference API ${result.api.p50} / ${result.api.p99} ms)`,
          }),
        );
      }
      log(
        `mock: ${call.name}: api ${Math.round(result.api.requestsPerSecond)}, mock ${Math.round(result.mock.requestsPerSecond)}, sandbox ${Math.round(result.sandbox.requestsPerSecond)} req/s`,
      );
    }
    return rows;
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}
