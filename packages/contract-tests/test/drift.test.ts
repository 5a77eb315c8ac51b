// (d) Contract drift: every operation of the contract has a route in the reference API and a
// resource call in the client, and neither has one the contract does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@astral/api';
import { createAstralClient } from '@astral/client';
import { basePath, operationIds, operationTable } from '@astral/openapi';
import { listRoutes } from './support/routes.js';

/** `GET /races/{race_id}` for each contract operation. */
const contractOperations = operationIds.map((id) => `${operationTable[id].method.toUpperCase()} ${operationTable[id].path}`).sort();

/** The operation a concrete method and path belong to, by the contract's path templates. */
function operationFor(method: string, path: string): string | undefined {
  return operationIds.find((id) => {
    const entry = operationTable[id];
    const template = new RegExp(`^${entry.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return entry.method.toUpperCase() === method && template.test(path);
  });
}

describe('contract drift', () => {
  describe('reference API', () => {
    // Fastify's own onRoute hook lists what the app registered (support/routes.ts).
    const { built: api, routes: listed } = listRoutes(() => createApp({ mode: 'test', inMemory: true }));
    beforeAll(async () => {
      await api.app.ready();
    });
    afterAll(async () => {
      await api.close();
    });

    it('has a route for every operation of the contract, under the base path', () => {
      const missing = operationIds.filter((id) => {
        const { method, path } = operationTable[id];
        return !api.app.hasRoute({ method: method.toUpperCase(), url: `${basePath}${path.replace(/\{([^}]+)\}/g, ':$1')}` });
      });
      expect(missing).toEqual([]);
    });

    it('has no route the contract does not document', () => {
      const routes = listed();
      expect(routes.length).toBeGreaterThan(0);
      const undocumented = routes.filter((route) => {
        const [method, path] = route.split(' ') as [string, string];
        return !path.startsWith(basePath) || !operationFor(method, path.slice(basePath.length).replace(/:[^/]+/g, 'x'));
      });
      expect(undocumented).toEqual([]);
      expect(routes).toHaveLength(contractOperations.length);
    });
  });

  describe('client', () => {
    // Every resource call is made once against a fetch that records where it went; the
    // request, not the method's name, says which operation a call is.
    it('has exactly one resource call per operation, and none the contract lacks', async () => {
      const hits = new Map<string, string[]>();
      let last: string;
      const client = createAstralClient({
        baseUrl: `http://127.0.0.1:9${basePath}`,
        token: 'drift',
        fetch: async (request) => {
          last = `${request.method} ${new URL(request.url).pathname}`;
          return new Response('{"status":"ok","data":{}}', { status: 200, headers: { 'content-type': 'application/json' } });
        },
      });
      const namespaces = Object.entries(
        client as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>,
      ).filter(([name]) => name !== 'raw' && name !== 'safe' && name !== 'session');
      for (const [namespace, calls] of namespaces) {
        for (const [name, call] of Object.entries(calls)) {
          last = '';
          // Path parameters come first, as many as the table's entry of this name has; one
          // well-formed id serves them all.
          const entry = Object.values(operationTable).find((e) => e.client.namespace === namespace && e.client.method === name);
          await call(...Array.from({ length: Math.max(1, entry?.pathParams.length ?? 1) }, () => 'race_drift1'), {}, {}, {});
          const [method, path] = last.split(' ') as [string, string];
          const operationId = path?.startsWith(basePath) ? operationFor(method, path.slice(basePath.length)) : undefined;
          const key = operationId ?? `(no contract operation: ${last || 'no request'})`;
          hits.set(key, [...(hits.get(key) ?? []), `${namespace}.${name}`]);
        }
      }
      const byOperation = Object.fromEntries([...hits].map(([op, calls]) => [op, calls.length]));
      expect(byOperation).toEqual(Object.fromEntries(operationIds.map((id) => [id, 1])));
    });
  });
});
