// At least 5,000 contract-generated requests over real HTTP to the built API process, with
// a fixed seed printed for replay (FUZZ_SEED=<seed> npm run test:reliability).
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeFailures,
  existingIds,
  mergeIds,
  principalIds,
  fuzzSeed,
  httpTransport,
  removeDataDir,
  runFuzz,
  startApi,
  tempDataDir,
  type ApiProcess,
} from '../../src/index.js';

const athlete = { authorization: 'Bearer dev-athlete-token' };
const admin = { authorization: 'Bearer dev-admin-token' };
const orgKey = { 'x-api-key': 'dev-org-key' };
const numRuns = Number(process.env.FUZZ_RUNS ?? 5000);

let api: ApiProcess;
beforeAll(async () => {
  api = await startApi({ dataDir: tempDataDir(), mode: 'test' });
});
afterAll(async () => {
  await api.stop();
  removeDataDir(api.dataDir);
});

it(`answers ${numRuns} contract-generated requests over HTTP within the contract`, async () => {
  const send = httpTransport(api.baseUrl);
  const ids = mergeIds(await existingIds(send, admin), await principalIds(send, [athlete, admin, orgKey]));
  // The fuzz may revoke any key it is given: never the organization key it calls with, a spare one made for it.
  const spare = await send({
    operationId: 'createOrganizationApiKey',
    method: 'POST',
    url: `/api/v1/organizations/${ids.org_id![0]!}/api-keys`,
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Spare for the fuzz' }),
  });
  expect(spare.status).toBe(201);
  ids.key_id = [JSON.parse(spare.body).data.key_id as string];
  const seed = fuzzSeed();
  console.log(`HTTP fuzz: seed ${seed} (replay: FUZZ_SEED=${seed} npm run test:reliability)`);
  const report = await runFuzz({
    send,
    context: { credentials: [athlete, admin, orgKey], ids },
    seed,
    numRuns,
    concurrency: 8,
    secrets: ['dev-athlete-token', 'dev-admin-token', 'dev-org-key'],
    baseUrl: api.baseUrl,
  });
  const rate = Math.round(report.sent / (report.elapsedMs / 1000));
  console.log(
    `HTTP fuzz: ${report.sent} requests in ${Math.round(report.elapsedMs)} ms (${rate} req/s), statuses ${JSON.stringify(report.byStatus)}`,
  );
  expect(report.sent).toBeGreaterThanOrEqual(5000);
  expect(report.failures.length, describeFailures(report)).toBe(0);
  // The process is still up and healthy after the run.
  expect(api.child.exitCode).toBeNull();
});
