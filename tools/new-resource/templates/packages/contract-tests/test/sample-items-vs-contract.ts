// The Sample Items operations against the reference API behind the validating proxy, through
// every status the server answers itself (the 409 of an Idempotency-Key in use and every 500
// are exercised for all operations by server-in-flight.ts and server-faults.ts). First
// written by `npm run new:resource`; grow it with the resource's own rules.
import { beforeAll, describe, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

let counter = 0;
/** A sample item body the API accepts, named per call. */
const newSampleItem = (overrides: Record<string, unknown> = {}) => ({ name: `Contract test sample item ${++counter}`, ...overrides });

export function sampleItemsAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('Sample Items against the reference API behind the validating proxy', () => {
    let adminOwned: string;
    beforeAll(async () => {
      adminOwned = (await call('POST', '/sample-items', { as: 'admin', body: newSampleItem() })).body.sample_item_id;
    });

    it('listSampleItems: 200 paged, 400 on a bad cursor or limit, 401 without credentials', async () => {
      const first = await call('GET', '/sample-items?limit=1');
      expectApi(first, 'listSampleItems', 200);
      expectApi(await call('GET', '/sample-items?cursor=bm9wZQ'), 'listSampleItems', 400, {
        code: 'VALIDATION_ERROR',
        field: 'cursor',
        validRequest: true,
      });
      expectApi(await call('GET', '/sample-items?limit=101'), 'listSampleItems', 400, { code: 'VALIDATION_ERROR', field: 'limit' });
      expectApi(await call('GET', '/sample-items', { as: 'none' }), 'listSampleItems', 401, { code: 'UNAUTHORIZED' });
    });

    it('createSampleItem: 201, 400, 401, 413, 415, and the Idempotency-Key replay and 422', async () => {
      expectApi(await call('POST', '/sample-items', { body: newSampleItem() }), 'createSampleItem', 201);
      expectApi(await call('POST', '/sample-items', { body: {} }), 'createSampleItem', 400, { code: 'VALIDATION_ERROR', field: 'name' });
      expectApi(await call('POST', '/sample-items', { body: '{"name": ' }), 'createSampleItem', 400, { code: 'INVALID_JSON' });
      expectApi(await call('POST', '/sample-items', { as: 'none', body: newSampleItem() }), 'createSampleItem', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(
        await call('POST', '/sample-items', { body: newSampleItem({ description: 'x'.repeat(1_100_000) }) }),
        'createSampleItem',
        413,
        {
          code: 'PAYLOAD_TOO_LARGE',
        },
      );
      expectApi(await call('POST', '/sample-items', { body: 'name=x', contentType: 'text/plain' }), 'createSampleItem', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
      const headers = { 'Idempotency-Key': `ct-sample-item-${Date.now()}` };
      const body = newSampleItem();
      await call('POST', '/sample-items', { body, headers });
      expectApi(await call('POST', '/sample-items', { body, headers }), 'createSampleItem', 201);
      expectApi(await call('POST', '/sample-items', { body: newSampleItem(), headers }), 'createSampleItem', 422, {
        code: 'IDEMPOTENCY_KEY_REUSED',
        validRequest: true,
      });
    });

    it('getSampleItem: 200, 400 on a malformed id, 401, 404', async () => {
      expectApi(await call('GET', `/sample-items/${adminOwned}`, { as: 'org' }), 'getSampleItem', 200);
      expectApi(await call('GET', '/sample-items/not-an-id'), 'getSampleItem', 400, { code: 'VALIDATION_ERROR', field: 'sample_item_id' });
      expectApi(await call('GET', `/sample-items/${adminOwned}`, { as: 'none' }), 'getSampleItem', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', '/sample-items/sample_item_doesnotexist'), 'getSampleItem', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
    });

    it('updateSampleItem: 200 for the creator, 400, 401, 403 for someone else, 404, 413, 415', async () => {
      const own = (await call('POST', '/sample-items', { body: newSampleItem() })).body.sample_item_id as string;
      expectApi(await call('PUT', `/sample-items/${own}`, { body: { description: null } }), 'updateSampleItem', 200);
      expectApi(await call('PUT', `/sample-items/${own}`, { body: {} }), 'updateSampleItem', 400, { code: 'VALIDATION_ERROR' });
      expectApi(await call('PUT', `/sample-items/${own}`, { as: 'none', body: { name: 'x' } }), 'updateSampleItem', 401, {
        code: 'UNAUTHORIZED',
      });
      expectApi(await call('PUT', `/sample-items/${adminOwned}`, { body: { name: 'x' } }), 'updateSampleItem', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
      expectApi(await call('PUT', '/sample-items/sample_item_doesnotexist', { body: { name: 'x' } }), 'updateSampleItem', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
      expectApi(await call('PUT', `/sample-items/${own}`, { body: { description: 'x'.repeat(1_100_000) } }), 'updateSampleItem', 413, {
        code: 'PAYLOAD_TOO_LARGE',
      });
      expectApi(await call('PUT', `/sample-items/${own}`, { body: 'x', contentType: 'text/plain' }), 'updateSampleItem', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    });

    it('deleteSampleItem: 200 for the creator then 404, 400, 401, 403 for someone else', async () => {
      const own = (await call('POST', '/sample-items', { body: newSampleItem() })).body.sample_item_id as string;
      expectApi(await call('DELETE', `/sample-items/${own}`), 'deleteSampleItem', 200);
      expectApi(await call('DELETE', `/sample-items/${own}`), 'deleteSampleItem', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('DELETE', '/sample-items/bad'), 'deleteSampleItem', 400, { code: 'VALIDATION_ERROR', field: 'sample_item_id' });
      expectApi(await call('DELETE', `/sample-items/${adminOwned}`, { as: 'none' }), 'deleteSampleItem', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('DELETE', `/sample-items/${adminOwned}`, { as: 'org' }), 'deleteSampleItem', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
    });
  });
}
