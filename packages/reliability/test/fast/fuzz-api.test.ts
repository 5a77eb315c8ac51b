// The reference API (SQLite, real handlers) under contract-generated valid and invalid
// requests, in-process. Every answer goes through the contract oracle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeFailures,
  existingIds,
  fuzzSeed,
  listers,
  mergeIds,
  principalIds,
  runFuzz,
  selfLookup,
  type KnownIds,
} from '../../src/index.js';
import { admin, athlete, orgKey, otherAthlete, secrets, startReferenceApi, type ReferenceApi } from '../support/reference-api.js';

let api: ReferenceApi;
let ids: KnownIds = {};
let principals: KnownIds = {};
const credentials = [athlete, admin, orgKey, otherAthlete];

beforeAll(async () => {
  api = await startReferenceApi({ inMemory: true });
  // Listed resources (race_id, org_id, a member's user_id) from their collections as an admin
  // (who sees every organization), principals' own ids (user_id) from GET /auth/me.
  principals = await principalIds(api.send, credentials);
  ids = mergeIds(await existingIds(api.send, admin), principals);
  // The fuzz may revoke any key it is given: never the organization key it calls with, a spare one instead.
  ids.key_id = [await spareKey(api)];
});
afterAll(() => api.close());

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

describe('reference API under fuzzing', () => {
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
      `API fuzz: seed ${seed}, ${report.sent} requests in ${Math.round(report.elapsedMs)} ms, statuses ${JSON.stringify(report.byStatus)}`,
    );
    // Every listed resource had identifiers to aim at (the seed has rows of each).
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
  }, 120_000); // thousands of requests: room for a busy CI machine, not a speed claim
});
