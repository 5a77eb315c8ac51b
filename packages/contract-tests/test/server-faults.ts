// (c) Every operation's documented 500, from the reference API itself: its storage is
// swapped for one that fails (support/failing-storage.ts), the app listens on a free
// loopback port behind Prism's validating proxy like the sandbox, and each operation is
// called with a request built from the contract's examples. A database outage fails
// authentication too, so what a caller sees here is what it would see in one: a 500
// INTERNAL_ERROR in the contract's shape, with nothing of the fault in it.
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, devCredentials, type App } from '@astral/api';
import { startValidatingProxy, type RunningServer } from '@astral/mock';
import { operationIds, operationTable } from '@astral/openapi';
import { exampleRequest } from './support/contract-facts.js';
import type { CoverageRecorder } from './support/coverage.js';
import { failingStorage, type FailingStorage } from './support/failing-storage.js';
import { findings } from './support/http.js';

const log = (line: string) => appendFileSync(new URL('../test-results/servers.log', import.meta.url), `${line}\n`);

export function serverUnderStorageFault(recorder: CoverageRecorder): void {
  describe('reference API with a failing storage, behind the validating proxy', () => {
    let base: App | undefined;
    let api: App | undefined;
    let proxy: RunningServer | undefined;
    let fault: FailingStorage<App['repository']>;

    beforeAll(async () => {
      // A real, migrated and seeded storage to wrap (its own app never listens).
      base = createApp({ mode: 'test', inMemory: true });
      await base.app.ready();
      fault = failingStorage(base.repository);
      api = createApp({ mode: 'test', repository: fault.storage, seed: false });
      await api.app.listen({ host: '127.0.0.1', port: 0 });
      fault.arm();
      const { port } = api.app.server.address() as AddressInfo;
      proxy = await startValidatingProxy({ port: 0, upstream: `http://127.0.0.1:${port}`, log, name: 'faults' });
    });

    afterAll(async () => {
      await proxy?.close();
      fault?.heal();
      await api?.close();
      await base?.close();
    });

    const withServerError = operationIds.filter((id) => (operationTable[id].statuses as readonly number[]).includes(500));

    it.each(withServerError)(
      '%s: 500 INTERNAL_ERROR when the storage fails, in the contract shape, the fault not leaked',
      async (operationId) => {
        const request = exampleRequest(operationId);
        const failedBefore = fault.failures().length;
        const headers: Record<string, string> = { Authorization: `Bearer ${devCredentials.athleteToken}` };
        if (request.body !== undefined) headers['Content-Type'] = 'application/json';
        const res = await fetch(`${proxy!.url}${request.path}`, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
        const text = await res.text();
        const found = findings(res.headers);
        expect(res.status, text).toBe(500);
        expect(found.response, 'Prism found the response off-contract').toEqual([]);
        expect(found.request, 'Prism found the example request off-contract').toEqual([]);
        expect(JSON.parse(text).details?.code).toBe('INTERNAL_ERROR');
        expect(text).not.toMatch(/injected|storage fault|\n\s+at\s/);
        // The 500 is the injected fault's, not some other failure's.
        expect(fault.failures().length).toBeGreaterThan(failedBefore);
        recorder.record('server', operationId, 500);
      },
    );
  });
}
