// The reference API (SQLite, real handlers) under contract-generated valid and invalid
// requests, in-process. Every answer goes through the contract oracle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFailures, fuzzSeed, runFuzz } from '../../src/index.js';
import { admin, athlete, orgKey, otherAthlete, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';

let api: ReferenceApi;
let raceIds: string[] = [];

beforeAll(async () => {
  api = await startReferenceApi({ inMemory: true });
  const list = await api.send({ operationId: 'listRaces', method: 'GET', url: '/api/v1/races?limit=100', headers: athlete });
  raceIds = (JSON.parse(list.body).data as Array<{ race_id: string }>).map((race) => race.race_id);
});
afterAll(() => api.close());

describe('reference API under fuzzing', () => {
  it('answers 2,000 contract-generated requests within the contract, leaking nothing', async () => {
    const seed = fuzzSeed();
    const report = await runFuzz({
      send: api.send,
      context: { credentials: [athlete, admin, orgKey, otherAthlete], raceIds },
      seed,
      numRuns: 2000,
      secrets,
    });
    console.log(`API fuzz: seed ${seed}, ${report.sent} requests in ${Math.round(report.elapsedMs)} ms, statuses ${JSON.stringify(report.byStatus)}`);
    expect(raceIds.length).toBeGreaterThan(0);
    expect(report.failures.length, describeFailures(report)).toBe(0);
  }, 120_000); // thousands of requests: room for a busy CI machine, not a speed claim
});
