// (d) An Idempotency-Key whose first request is still running: the retry is a 409
// IDEMPOTENCY_KEY_IN_USE and runs nothing. The first request is held inside the API (its
// first storage call after claiming the key waits) while the retry arrives, then let go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devCredentials, type App } from '@astral/api';
import { operationIds, operationTable, type OperationId } from '@astral/openapi';
import { bodyOf, exampleRequest, type ExampleRequest } from './support/contract-facts.js';
import type { CoverageRecorder } from './support/coverage.js';
import { stallingStorage, type StallingStorage } from './support/failing-storage.js';
import { findings } from './support/http.js';
import { startWrappedApi, type WrappedApi } from './support/wrapped-api.js';

/**
 * Example requests another suite may already have sent to the same database, made new: the
 * device file's recording moved to a day of its own (the same start second is a 409 duplicate).
 */
const freshRequest: Partial<Record<OperationId, (request: ExampleRequest) => ExampleRequest>> = {
  importActivity: (request) => ({ ...request, body: (request.body as string).replace(/\d{4}-\d{2}-\d{2}T/g, '2024-11-09T') }),
};

export function serverWithRequestInFlight(recorder: CoverageRecorder): void {
  describe('reference API with a request in flight, behind the validating proxy', () => {
    let api: WrappedApi | undefined;
    let slow: StallingStorage<App['repository']>;

    beforeAll(async () => {
      api = await startWrappedApi('in-flight', (repository) => (slow = stallingStorage(repository)).storage);
    });
    afterAll(async () => {
      slow?.release();
      await api?.close();
    });

    const withKey = operationIds.filter((id) => operationTable[id].idempotencyKey);
    // Who sends each example request: the athlete, but where only an organization's coaches
    // may create (its members, its groups), the seeded head coach.
    const callerOf = (id: string) =>
      id === 'createOrganizationMember' || id === 'createGroup' ? devCredentials.coachToken : devCredentials.athleteToken;

    it('has operations that take an Idempotency-Key', () => expect(withKey.length).toBeGreaterThan(0));

    it.each(withKey)('%s: a retry while the first is in flight is a 409 IDEMPOTENCY_KEY_IN_USE', async (operationId) => {
      // Hold the first storage call made after a key is claimed: the first request's work.
      let state: 'waiting' | 'claimed' | 'holding' = 'waiting';
      slow.hold((where) => {
        if (state === 'waiting' && where === 'idempotency.begin') {
          state = 'claimed';
          return false;
        }
        if (state !== 'claimed' || where.startsWith('idempotency.')) return false;
        state = 'holding';
        return true;
      });
      const request = freshRequest[operationId]?.(exampleRequest(operationId)) ?? exampleRequest(operationId);
      const sent = bodyOf(request);
      const send = () =>
        fetch(`${api!.url}${request.path}`, {
          method: request.method,
          headers: {
            Authorization: `Bearer ${callerOf(operationId)}`,
            ...sent.headers,
            'Idempotency-Key': `in-flight-${operationId}`,
          },
          body: sent.body,
        });
      const first = send();
      await slow.held();
      const retry = await send();
      const body = (await retry.json()) as { details?: { code?: string } };
      expect(retry.status).toBe(409);
      expect(body.details?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect(findings(retry.headers).response, 'Prism found the response off-contract').toEqual([]);
      slow.release();
      expect((await first).status).toBeLessThan(300);
      recorder.record('server', operationId, 409);
    });
  });
}
