// Validation cost: the reference API with the contract's request validation on and off
// (production mode, where responses are serialised from their schemas), and with
// response validation on (development mode) against production.
import { startChildServer, type RunningServer } from '../child-server.js';
import { compareLoad, type LoadOptions } from '../load.js';
import { row, type ResultRow } from '../report.js';
import { AUTH, firstRaceId } from '../races.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 2;
const SUITE = 'Validation cost (the same reference API, validation on and off)';

export async function runValidationSuite(log: (line: string) => void): Promise<ResultRow[]> {
  const servers: Record<'on' | 'off' | 'development', RunningServer> = {
    on: await startChildServer('servers/reference-api.js'),
    off: await startChildServer('servers/reference-api.js', { BENCH_VALIDATE_REQUESTS: 'off' }),
    development: await startChildServer('servers/reference-api.js', { BENCH_MODE: 'development' }),
  };
  try {
    const raceId = await firstRaceId(servers.on.origin);
    let counter = 0;
    const endpoints: Array<{ name: string; options: (origin: string) => LoadOptions }> = [
      {
        name: 'GET /races/{race_id}',
        options: (origin) => ({ url: `${origin}/api/v1/races/${raceId}`, headers: AUTH, expectStatus: 200, seconds: SECONDS }),
      },
      {
        name: 'POST /races',
        options: (origin) => ({
          url: `${origin}/api/v1/races`,
          method: 'POST',
          headers: AUTH,
          expectStatus: 201,
          seconds: SECONDS,
          body: () =>
            JSON.stringify({
              race_name: `Validation Half Marathon ${counter++}`,
              race_type: 'run',
              race_subtype: 'half-marathon',
              race_date: '2027-03-07T08:30:00Z',
              race_location: 'Lisbon, Portugal',
              race_website_url: 'https://www.maratonaclubedeportugal.com',
              race_timezone: 'Europe/Lisbon',
              race_participant_count: 12000,
              race_variants: ['Half Marathon', '10K'],
              race_categories: ['Open', 'Masters'],
            }),
        }),
      },
    ];
    const rows: ResultRow[] = [];
    for (const endpoint of endpoints) {
      const result = await compareLoad(ROUNDS, {
        on: endpoint.options(servers.on.origin),
        off: endpoint.options(servers.off.origin),
        development: endpoint.options(servers.development.origin),
      });
      const cost = 1 - result.on.requestsPerSecond / result.off.requestsPerSecond;
      rows.push(
        row({
          suite: SUITE,
          subject: `production, request validation on, ${endpoint.name}`,
          baseline: 'production, request validation off',
          metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
          unit: 'req/s',
          value: result.on.requestsPerSecond,
          baselineValue: result.off.requestsPerSecond,
          goal: 'cost < 15%',
          met: cost < 0.15,
          note: `request validation costs ${(cost * 100).toFixed(1)}% of throughput`,
        }),
        row({
          suite: SUITE,
          subject: `development, every response validated too, ${endpoint.name}`,
          baseline: 'production (responses serialised, not validated)',
          metric: `requests/s, 10 connections, ${SECONDS} s, median of ${ROUNDS}`,
          unit: 'req/s',
          value: result.development.requestsPerSecond,
          baselineValue: result.on.requestsPerSecond,
        }),
      );
      log(
        `validation: ${endpoint.name}: on ${Math.round(result.on.requestsPerSecond)}, off ${Math.round(result.off.requestsPerSecond)}, development ${Math.round(result.development.requestsPerSecond)} req/s`,
      );
    }
    return rows;
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}
