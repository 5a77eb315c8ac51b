// The gate and the drift parser themselves: they must name what is wrong, or they prove nothing.
import { describe, expect, it } from 'vitest';
import { contractPairs, CoverageRecorder, gateProblems, type Exemption } from './support/coverage.js';
import { routesOf } from './support/routes.js';

describe('coverage gate', () => {
  const pairs = contractPairs();

  it('derives every documented pair from the bundled contract', () => {
    expect(pairs).toContainEqual({ operationId: 'updateRace', status: 403 });
    expect(pairs.every((p) => Number.isInteger(p.status))).toBe(true);
  });

  it('names each unexercised pair, stale exemptions and undocumented statuses', () => {
    const recorder = new CoverageRecorder();
    for (const p of pairs) {
      recorder.record('mock', p.operationId, p.status);
      if (!(p.operationId === 'getRace' && p.status === 404)) recorder.record('server', p.operationId, p.status);
    }
    recorder.record('server', 'getMe', 418);
    const exemptions: Exemption[] = [
      { target: 'server', operationId: 'getMe', status: 200, reason: 'exercised after all, so stale' },
      { target: 'mock', operationId: 'getMe', status: 999, reason: 'not in the contract, so stale' },
    ];
    expect(gateProblems(pairs, recorder, exemptions)).toEqual([
      'not exercised against the server: getRace 404',
      'stale exemption, exercised after all: server getMe 200',
      'stale exemption, not in the contract: mock getMe 999',
      'exercised but not documented by the contract: server getMe 418',
    ]);
  });
});

describe('drift: route listing', () => {
  it("flattens Fastify's route tree, nested paths included", () => {
    const tree = ['├── /api/v1/races (GET, POST)', '│   └── /:race_id (GET, PUT, DELETE)', '│       └── /stats (GET)', '└── /api/v1/auth/me (GET)'].join('\n');
    expect(routesOf(tree)).toEqual([
      'DELETE /api/v1/races/:race_id',
      'GET /api/v1/auth/me',
      'GET /api/v1/races',
      'GET /api/v1/races/:race_id',
      'GET /api/v1/races/:race_id/stats',
      'POST /api/v1/races',
      'PUT /api/v1/races/:race_id',
    ]);
  });
});
