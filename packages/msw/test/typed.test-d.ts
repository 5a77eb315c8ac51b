// Overrides are typed by the contract: a path, a parameter, a status or a body it does not
// have fails to compile.
import { expectTypeOf, test } from 'vitest';
import type { components } from '@astral/openapi';
import { astralHttp, handle, respondWithExample } from '../src/index.js';

test('handle() types params, query and responses by operationId', () => {
  handle('getRace', ({ params, response }) => {
    expectTypeOf(params.race_id).toEqualTypeOf<string>();
    return response(404).json({ error: 'No race', details: { code: 'NOT_FOUND', field: 'race_id' } });
  });
  handle('listRaces', ({ query, response }) => {
    expectTypeOf(query.get('race_type')).toEqualTypeOf<components['schemas']['RaceType'] | null>();
    return response(200).json({ status: 'ok', data: [], metadata: { total: 0, next_cursor: null, filters: { limit: 10 } } });
  });
  // @ts-expect-error: getRace documents no 418
  handle('getRace', ({ response }) => response(418).json({ error: 'No race' }));
  // @ts-expect-error: details.code is one of the contract's codes
  handle('getRace', ({ response }) => response(404).json({ error: 'No race', details: { code: 'GONE' } }));
  // @ts-expect-error: no such operation
  handle('getUnicorn', () => undefined);
});

test('astralHttp types paths; respondWithExample takes documented statuses only', () => {
  astralHttp.get('/users/{user_id}/public', ({ params }) => {
    expectTypeOf(params.user_id).toEqualTypeOf<string>();
    return undefined;
  });
  // @ts-expect-error: no such path
  astralHttp.get('/unicorns', () => undefined);
  respondWithExample('getRace', 404);
  // @ts-expect-error: getRace documents no 409
  respondWithExample('getRace', 409);
});
