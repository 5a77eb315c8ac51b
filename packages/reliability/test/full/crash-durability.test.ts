// kill -9 during a burst of creates, restart on the same data directory, five times: every
// create answered 201 is there exactly as answered, every stored race reads back valid
// (nothing half-written), and PRAGMA integrity_check is ok.
import { afterAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import {
  checkResponse,
  databaseFiles,
  exampleBody,
  formatReproducer,
  httpTransport,
  integrityCheck,
  removeDataDir,
  startApi,
  tempDataDir,
  type ApiProcess,
  type ApiRequest,
} from '../../src/index.js';
import http from 'node:http';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const athlete = { authorization: 'Bearer dev-athlete-token' };
const dataDir = tempDataDir('astral-crash');
let api: ApiProcess | undefined;
afterAll(async () => {
  await api?.kill9();
  removeDataDir(dataDir);
});

it(`keeps every acknowledged create across ${ROUNDS} kill -9 crashes`, async () => {
  const acknowledged = new Map<string, unknown>();
  const perRound: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    api = await startApi({ dataDir, mode: 'test' });
    // A fresh agent per round: sockets to a killed process must not be reused.
    const send = httpTransport(api.baseUrl, { agent: new http.Agent({ keepAlive: true, maxSockets: 16 }), timeoutMs: 5000 });
    let sent = 0;
    let acked = 0;
    let stop = false;
    const burst = async (worker: number) => {
      while (!stop) {
        const request: ApiRequest = {
          operationId: 'createRace',
          method: 'POST',
          url: '/api/v1/races',
          headers: { ...athlete, 'content-type': 'application/json' },
          body: JSON.stringify(exampleBody('createRace', `crash r${round} w${worker} n${sent++}`)),
        };
        try {
          const response = await send(request);
          if (response.status === 201) {
            const body = JSON.parse(response.body);
            acknowledged.set(body.data.race_id, body.data);
            acked++;
          } else {
            throw new Error(`create answered ${response.status} ${response.body}\n${formatReproducer(request)}`);
          }
        } catch (error) {
          if (!stop) throw error;
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, w) => burst(w).catch((error: Error) => error));
    // Kill somewhere in the middle of the burst, at a different moment each round.
    await new Promise((r) => setTimeout(r, 400 + ((round * 137) % 500)));
    stop = true;
    await api.kill9();
    const errors = (await Promise.all(workers)).filter((e): e is Error => e instanceof Error);
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(integrityCheck(dataDir)).toBe('ok');
    perRound.push(`round ${round}: ${sent} creates sent, ${acked} acknowledged before kill -9`);
    expect(acked).toBeGreaterThan(0);
  }

  // Restart on the same data directory and read everything back.
  api = await startApi({ dataDir, mode: 'test' });
  const send = httpTransport(api.baseUrl);
  const missing: string[] = [];
  for (const [raceId, data] of acknowledged) {
    const response = await send({ operationId: 'getRace', method: 'GET', url: `/api/v1/races/${raceId}`, headers: athlete });
    if (response.status !== 200) missing.push(`${raceId}: ${response.status}`);
    else expect(JSON.parse(response.body).data, `race ${raceId} changed across the crash`).toEqual(data);
  }
  expect(missing, 'acknowledged creates lost').toEqual([]);

  // Nothing half-written: every row the database holds reads back as a valid race.
  // `new Database(undefined)` would open an empty in-memory database and find no rows.
  const [file] = databaseFiles(dataDir);
  if (file === undefined) throw new Error(`no database file in ${dataDir}`);
  const db = new Database(file, { readonly: true });
  const stored = (db.prepare('SELECT race_id FROM races').all() as Array<{ race_id: string }>).map((row) => row.race_id);
  db.close();
  const broken: string[] = [];
  for (const raceId of stored) {
    const request: ApiRequest = { operationId: 'getRace', method: 'GET', url: `/api/v1/races/${raceId}`, headers: athlete };
    const response = await send(request);
    const problems = checkResponse(request, response, { expectStatus: [200] });
    if (problems.length) broken.push(`${raceId}: ${problems.join('; ')}`);
  }
  expect(broken).toEqual([]);
  const exit = await api.stop();
  expect(exit.code).toBe(0);
  expect(integrityCheck(dataDir)).toBe('ok');
  console.log(
    `crash durability: ${perRound.join('; ')}; ${acknowledged.size} acknowledged, all present; ${stored.length} rows, all valid; integrity_check ok`,
  );
});
