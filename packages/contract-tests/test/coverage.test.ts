// The gate and the route listing themselves: they must name what is wrong, or they prove nothing.
import { describe, expect, it } from 'vitest';
import { createApp } from '@astral/api';
import { basePath, operationIds, operationTable } from '@astral/openapi';
import { contractPairs, CoverageRecorder, gateProblems, type Exemption } from './support/coverage.js';
import { listRoutes } from './support/routes.js';

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
  it("lists every route of every Fastify instance built, as Fastify's onRoute hook reports it", async () => {
    const { built, routes } = listRoutes(() => [createApp({ mode: 'test', inMemory: true }), createApp({ mode: 'test', inMemory: true })]);
    const outside = createApp({ mode: 'test', inMemory: true });
    try {
      await Promise.all([...built, outside].map((api) => api.app.ready()));
      // Two instances built inside, each route twice; the one built outside is not listed.
      expect(routes()).toHaveLength(2 * operationIds.length);
      const first = operationIds[0]!;
      const url = `${basePath}${operationTable[first].path.replace(/\{([^}]+)\}/g, ':$1')}`;
      expect(routes()).toContain(`${operationTable[first].method.toUpperCase()} ${url}`);
      for (const route of routes()) {
        const [method, path] = route.split(' ') as [string, string];
        expect(built[0]!.app.hasRoute({ method, url: path }), route).toBe(true);
      }
    } finally {
      await Promise.all([...built, outside].map((api) => api.close()));
    }
  });
});
