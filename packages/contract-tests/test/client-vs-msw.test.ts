// The client against @astral/msw: every operation through @astral/client, its success
// response and every other documented status (forced with Prefer, as on the mock), typed
// results, and real bad input answered in the API's error shape. No server: MSW answers in
// this process, as it does in a frontend's tests. The calls and the expected results are
// the ones the client-vs-mock suite derives from the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AstralApiError, createAstralClient } from '@astral/client';
import { operationIds } from '@astral/openapi';
import { setupAstralServer } from '@astral/msw/node';
import { exampleCall, expectedResult, typedChecks } from './client-vs-mock.js';
import { errorStatuses, firstExampleCode, otherSuccessStatuses } from './support/contract-facts.js';
import { contractPairs } from './support/coverage.js';

const baseUrl = 'http://api.msw.test/api/v1';
const server = setupAstralServer();
const exercised = new Set<string>();
/** The status of the last response the client received, as MSW answered it. */
let lastStatus: number | undefined;
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  lastStatus = response.status;
  return response;
};
const client = () => createAstralClient({ baseUrl, token: 'any-token', fetch: recordingFetch });
const anonymous = () => createAstralClient({ baseUrl, fetch: recordingFetch });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('client against @astral/msw', () => {
  it('has operations to call', () => expect(operationIds.length).toBeGreaterThan(0));

  describe.each(operationIds)('%s', (operationId) => {
    it('success: the example request resolves to the example response, unwrapped', async () => {
      expect(await exampleCall(operationId)(client(), {})).toEqual(expectedResult(operationId));
      exercised.add(`${operationId} ${lastStatus}`);
      await typedChecks[operationId]?.(client(), {});
    });

    it.each(otherSuccessStatuses(operationId))('success %i forced with Prefer: resolves to that example', async (status) => {
      const result = await exampleCall(operationId)(client(), { headers: { Prefer: `code=${status}` } });
      expect(lastStatus).toBe(status);
      expect(result).toEqual(expectedResult(operationId, status));
      exercised.add(`${operationId} ${status}`);
    });

    it.each(errorStatuses(operationId))('error %i forced with Prefer: AstralApiError with the documented code', async (status) => {
      const error = await exampleCall(operationId)(client(), { headers: { Prefer: `code=${status}` } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AstralApiError);
      expect(error).toMatchObject({ status, code: firstExampleCode(operationId, status) });
      exercised.add(`${operationId} ${status}`);
    });
  });

  it('answers real bad input in the API error shape, naming the field', async () => {
    await expect(client().races.list({ limit: 500 })).rejects.toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'limit' });
    await expect(client().races.update('race_xyz456', { race_id: 'race_other' } as never)).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      field: 'race_id',
    });
  });

  it('answers a call without credentials 401 UNAUTHORIZED', async () => {
    await expect(anonymous().auth.me()).rejects.toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('exercised every (operation, documented status) of the contract', () => {
    const missing = contractPairs()
      .map(({ operationId, status }) => `${operationId} ${status}`)
      .filter((pair) => !exercised.has(pair));
    expect(missing).toEqual([]);
  });
});
