// The Activities operations against the reference API behind the validating proxy, through
// every status the server answers itself (the 409 of an Idempotency-Key in use and every 500
// are exercised for all operations by server-in-flight.ts and server-faults.ts). First
// written by `npm run new:resource`; grow it with the resource's own rules.
import { beforeAll, describe, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

let counter = 0;
/** An activity body the API accepts, named per call. */
const newActivity = (overrides: Record<string, unknown> = {}) => ({ name: `Contract test activity ${++counter}`, ...overrides });

export function activitiesAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('Activities against the reference API behind the validating proxy', () => {
    let adminOwned: string;
    beforeAll(async () => {
      adminOwned = (await call('POST', '/activities', { as: 'admin', body: newActivity() })).body.activity_id;
    });

    it('listActivities: 200 paged, 400 on a bad cursor or limit, 401 without credentials', async () => {
      const first = await call('GET', '/activities?limit=1');
      expectApi(first, 'listActivities', 200);
      expectApi(await call('GET', '/activities?cursor=bm9wZQ'), 'listActivities', 400, {
        code: 'VALIDATION_ERROR',
        field: 'cursor',
        validRequest: true,
      });
      expectApi(await call('GET', '/activities?limit=101'), 'listActivities', 400, { code: 'VALIDATION_ERROR', field: 'limit' });
      expectApi(await call('GET', '/activities', { as: 'none' }), 'listActivities', 401, { code: 'UNAUTHORIZED' });
    });

    it('createActivity: 201, 400, 401, 413, 415, and the Idempotency-Key replay and 422', async () => {
      expectApi(await call('POST', '/activities', { body: newActivity() }), 'createActivity', 201);
      expectApi(await call('POST', '/activities', { body: {} }), 'createActivity', 400, { code: 'VALIDATION_ERROR', field: 'name' });
      expectApi(await call('POST', '/activities', { body: '{"name": ' }), 'createActivity', 400, { code: 'INVALID_JSON' });
      expectApi(await call('POST', '/activities', { as: 'none', body: newActivity() }), 'createActivity', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await call('POST', '/activities', { body: newActivity({ description: 'x'.repeat(1_100_000) }) }), 'createActivity', 413, {
        code: 'PAYLOAD_TOO_LARGE',
      });
      expectApi(await call('POST', '/activities', { body: 'name=x', contentType: 'text/plain' }), 'createActivity', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      const headers = { 'Idempotency-Key': `ct-activity-${Date.now()}` };
      const body = newActivity();
      await call('POST', '/activities', { body, headers });
      expectApi(await call('POST', '/activities', { body, headers }), 'createActivity', 201);
      expectApi(await call('POST', '/activities', { body: newActivity(), headers }), 'createActivity', 422, {
        code: 'IDEMPOTENCY_KEY_REUSED',
        validRequest: true,
      });
    });

    it('getActivity: 200, 400 on a malformed id, 401, 404', async () => {
      expectApi(await call('GET', `/activities/${adminOwned}`, { as: 'org' }), 'getActivity', 200);
      expectApi(await call('GET', '/activities/not-an-id'), 'getActivity', 400, { code: 'VALIDATION_ERROR', field: 'activity_id' });
      expectApi(await call('GET', `/activities/${adminOwned}`, { as: 'none' }), 'getActivity', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', '/activities/activity_doesnotexist'), 'getActivity', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
    });

    it('updateActivity: 200 for the creator, 400, 401, 403 for someone else, 404, 413, 415', async () => {
      const own = (await call('POST', '/activities', { body: newActivity() })).body.activity_id as string;
      expectApi(await call('PUT', `/activities/${own}`, { body: { description: null } }), 'updateActivity', 200);
      expectApi(await call('PUT', `/activities/${own}`, { body: {} }), 'updateActivity', 400, { code: 'VALIDATION_ERROR' });
      expectApi(await call('PUT', `/activities/${own}`, { as: 'none', body: { name: 'x' } }), 'updateActivity', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await call('PUT', `/activities/${adminOwned}`, { body: { name: 'x' } }), 'updateActivity', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
      expectApi(await call('PUT', '/activities/activity_doesnotexist', { body: { name: 'x' } }), 'updateActivity', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
      expectApi(await call('PUT', `/activities/${own}`, { body: { description: 'x'.repeat(1_100_000) } }), 'updateActivity', 413, {
        code: 'PAYLOAD_TOO_LARGE',
      });
      expectApi(await call('PUT', `/activities/${own}`, { body: 'x', contentType: 'text/plain' }), 'updateActivity', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    });

    it('deleteActivity: 200 for the creator then 404, 400, 401, 403 for someone else', async () => {
      const own = (await call('POST', '/activities', { body: newActivity() })).body.activity_id as string;
      expectApi(await call('DELETE', `/activities/${own}`), 'deleteActivity', 200);
      expectApi(await call('DELETE', `/activities/${own}`), 'deleteActivity', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('DELETE', '/activities/bad'), 'deleteActivity', 400, { code: 'VALIDATION_ERROR', field: 'activity_id' });
      expectApi(await call('DELETE', `/activities/${adminOwned}`, { as: 'none' }), 'deleteActivity', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('DELETE', `/activities/${adminOwned}`, { as: 'org' }), 'deleteActivity', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
    });
  });
}
