// The server stubs (@astral/server with createStubHandlers) under contract-generated valid
// and invalid requests, in-process: the framework part of every Astral server (routing,
// validation, auth, error shape, response checks) must hold on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAstralServer, createStubHandlers } from '@astral/server';
import type { FastifyInstance } from 'fastify';
import { describeFailures, fuzzSeed, injectTransport, neverExercised, runFuzz } from '../../src/index.js';

const TOKEN = 'stub-token-abc';
const KEY = 'stub-key-xyz';
let app: FastifyInstance;

beforeAll(async () => {
  app = createAstralServer({
    handlers: createStubHandlers(),
    authenticate: ({ bearer, apiKey }) => (bearer === TOKEN || (bearer === undefined && apiKey === KEY) ? { id: 'usr_stub' } : null),
    mode: 'test',
  });
  await app.ready();
});
afterAll(() => app.close());

describe('server stubs under fuzzing', () => {
  it('answer 1,500 contract-generated requests within the contract, leaking nothing', async () => {
    const seed = fuzzSeed();
    const report = await runFuzz({
      send: injectTransport(app),
      // Path identifiers come from each parameter's contract example (what the stubs answer about).
      // The stubs answer examples: a device file's content is the reference API's to judge.
      context: { credentials: [{ authorization: `Bearer ${TOKEN}` }, { 'x-api-key': KEY }], readsFiles: false },
      seed,
      numRuns: 1500,
      secrets: [TOKEN, KEY],
      // The stubs answer examples and keep no rate-limit state: RateLimit headers are checked when present.
      requireDocumentedHeaders: false,
    });
    console.log(
      `stub fuzz: seed ${seed}, ${report.sent} requests in ${Math.round(report.elapsedMs)} ms, statuses ${JSON.stringify(report.byStatus)}`,
    );
    expect(report.failures.length, describeFailures(report)).toBe(0);
    expect(neverExercised(report), 'operations the fuzz never exercised').toEqual([]);
  }, 120_000); // thousands of requests: room for a busy CI machine, not a speed claim
});
