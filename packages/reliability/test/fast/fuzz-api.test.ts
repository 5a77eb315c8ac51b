// The reference API (real handlers) under contract-generated valid and invalid requests,
// in-process, on each database lane (SQLite in memory, PostgreSQL). Every answer goes through
// the contract oracle, and every operation of the contract must have been exercised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeFailures,
  existingIds,
  fuzzSeed,
  listers,
  mergeIds,
  neverExercised,
  operationIds,
  principalIds,
  runFuzz,
  selfLookup,
  type KnownIds,
} from '../../src/index.js';
import { describeOnDatabases, laneDatabase } from '../support/lanes.js';
import { admin, athlete, orgKey, otherAthlete, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';

const credentials = [athlete, admin, orgKey, otherAthlete];

/** A second key of the seeded organization (its id), for the fuzz to revoke. */
async function spareKey(reference: ReferenceApi): Promise<string> {
  const organization = JSON.parse(
    (await reference.send({ operationId: 'getMe', method: 'GET', url: '/api/v1/auth/me', headers: orgKey })).body,
  ).organization_id as string;
  await reference.repository.organizations.addApiKey(organization, 'spare-key-hash-for-the-fuzz', {
    key_id: 'key_fuzzspare',
    name: 'Spare',
  });
  return 'key_fuzzspare';
}

describe('the fuzz report', () => {
  it('names every operation a run never reached, in contract order', () => {
    expect(operationIds.length).toBeGreaterThan(0);
    expect(neverExercised({ byOperation: {} })).toEqual(operationIds);
    const [first, ...rest] = operationIds;
    expect(neverExercised({ byOperation: Object.fromEntries(rest.map((id) => [id, 1])) })).toEqual([first]);
  });
});

describeOnDatabases('reference API under fuzzing on $name', (lane) => {
  let api: ReferenceApi;
  let ids: KnownIds = {};
  let principals: KnownIds = {};

  beforeAll(async () => {
    api = await startReferenceApi(lane.name === 'sqlite' ? { inMemory: true } : { databaseUrl: await laneDatabase(lane) });
    // Listed resources (race_id, org_id, a member's user_id) from their collections as an admin
    // (who sees every organization), principals' own ids (user_id) from GET /auth/me.
    principals = await principalIds(api.send, credentials);
    ids = mergeIds(await existingIds(api.send, admin), principals);
    // The fuzz may revoke any key it is given: never the organization key it calls with, a spare one instead.
    ids.key_id = [await spareKey(api)];
  });
  afterAll(() => api?.close());

  it('answers 2,000 contract-generated requests within the contract, leaking nothing', async () => {
    const seed = fuzzSeed();
    const report = await runFuzz({
      send: api.send,
      context: { credentials, ids },
      seed,
      numRuns: 2000,
      secrets,
    });
    console.log(
      `API fuzz on ${lane.name}: seed ${seed}, ${report.sent} requests in ${Math.round(report.elapsedMs)} ms, statuses ${JSON.stringify(report.byStatus)}`,
    );
    // Every listed resource had identifiers to aim at (the seed has rows of each).
    expect(Object.keys(listers()).length).toBeGreaterThan(0);
    for (const name of Object.keys(listers())) expect(ids[name]?.length ?? 0, name).toBeGreaterThan(0);
    // And every principal's own id, beside the listed ones: user_id of the three users, and
    // org_id (`/auth/me` answers it) of the credentials that belong to an organization.
    expect(principals.user_id?.length, 'user_id').toBe(3);
    for (const name of Object.keys(principals)) {
      expect(selfLookup(name), name).toBeDefined();
      expect(principals[name]!.length, name).toBeGreaterThan(0);
      expect(ids[name], name).toEqual(expect.arrayContaining(principals[name]!));
    }
    expect(report.failures.length, describeFailures(report)).toBe(0);
    // Every operation answered at least one request, or the run proved nothing about it.
    expect(neverExercised(report), 'operations the fuzz never exercised').toEqual([]);
  }, 120_000); // thousands of requests: room for a busy CI machine, not a speed claim
});
