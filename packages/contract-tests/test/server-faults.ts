// (c) Every operation's documented 500, from the reference API itself: its storage is
// swapped for one that fails (support/failing-storage.ts), the app listens on a free
// loopback port behind Prism's validating proxy like the sandbox, and each operation is
// called with a request built from the contract's examples, twice: with the storage down
// from the start (a database outage fails authentication too) and failing only once the
// caller is authenticated (the handler's own storage calls fail). Either way a caller sees
// a 500 INTERNAL_ERROR in the contract's shape, with nothing of the fault in it. This is
// the one suite of storage faults: the reference API's own tests have none of their own.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { devCredentials, type App } from '@astral/api';
import { operationIds, operationTable, type OperationId } from '@astral/openapi';
import { bodyOf, exampleRequest, type ExampleRequest } from './support/contract-facts.js';
import type { CoverageRecorder } from './support/coverage.js';
import { failingStorage, type FailingStorage } from './support/failing-storage.js';
import { findings } from './support/http.js';
import { signIdToken } from './support/oidc-issuer.js';
import { startWrappedApi, type WrappedApi } from './support/wrapped-api.js';

/**
 * Requests that must pass checks made before any storage call, where the contract's example
 * cannot: an ID token is verified against the issuer's keys first, so the example's is
 * replaced by one the local issuer signed.
 */
const beforeStorage: Partial<Record<OperationId, (request: ExampleRequest) => Promise<ExampleRequest>>> = {
  exchangeFirebaseToken: async (request) => ({
    ...request,
    body: { firebase_id_token: await signIdToken(inject('oidc'), 'fb_fault', { email: 'fault@example.com', email_verified: true }) },
  }),
};

/** Where the storage starts failing: before authentication, or after it (in the handler). */
type FaultPoint = 'authentication' | 'handler';
const faultPoints: readonly FaultPoint[] = ['authentication', 'handler'];

export function serverUnderStorageFault(recorder: CoverageRecorder): void {
  describe('reference API with a failing storage, behind the validating proxy', () => {
    let api: WrappedApi | undefined;
    let fault: FailingStorage<App['repository']>;

    beforeAll(async () => {
      api = await startWrappedApi(
        'faults',
        (repository) => (fault = failingStorage(repository)).storage,
        // Authentication runs in each route's onRequest hook; validation and the handler
        // come after preValidation, so arming here fails only the handler's calls.
        (app) => app.addHook('preValidation', async () => fault.arm()),
      );
    });

    afterAll(async () => {
      fault?.heal();
      await api?.close();
    });

    const withServerError = operationIds.filter((id) => (operationTable[id].statuses as readonly number[]).includes(500));
    const cases = withServerError.flatMap((id) => faultPoints.map((point) => [id, point] as const));
    const faultedInHandler: OperationId[] = [];

    it('has operations that document a 500, every one of them', () => {
      expect(withServerError.length).toBeGreaterThan(0);
      expect(withServerError).toEqual(operationIds);
    });

    it.each(cases)(
      '%s: 500 INTERNAL_ERROR when the storage fails from %s on, in the contract shape, the fault not leaked',
      async (operationId, point) => {
        if (point === 'authentication') fault.arm();
        else fault.heal();
        const example = exampleRequest(operationId);
        const request = (await beforeStorage[operationId]?.(example)) ?? example;
        const failedBefore = fault.failures().length;
        const sent = bodyOf(request);
        const res = await fetch(`${api!.url}${request.path}`, {
          method: request.method,
          headers: { Authorization: `Bearer ${devCredentials.athleteToken}`, ...sent.headers },
          body: sent.body,
        });
        const text = await res.text();
        const found = findings(res.headers);
        expect(found.response, 'Prism found the response off-contract').toEqual([]);
        expect(found.request, 'Prism found the example request off-contract').toEqual([]);
        expect(text).not.toMatch(/injected|storage fault|\n\s+at\s/);
        // The 500 is the injected fault's, not some other failure's. A handler that answers
        // from the authenticated caller alone (getMe, a development token's refresh) calls no
        // storage, and then must not answer 500 either.
        const faulted = fault.failures().length > failedBefore;
        if (point === 'authentication') expect(faulted, 'the storage was not called').toBe(true);
        if (!faulted) {
          expect(res.status, text).not.toBe(500);
          return;
        }
        expect(res.status, text).toBe(500);
        expect(JSON.parse(text).details?.code).toBe('INTERNAL_ERROR');
        if (point === 'handler') faultedInHandler.push(operationId);
        recorder.record('server', operationId, 500);
      },
    );

    it('fails inside the handler of most operations, not only in authentication', () => {
      expect(faultedInHandler.length).toBeGreaterThan(withServerError.length / 2);
    });
  });
}
