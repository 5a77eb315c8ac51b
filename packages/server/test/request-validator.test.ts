// The validator outside Fastify (what @astral/msw answers with) gives the server's own
// findings: the same field and code for the same bad input, from the document passed in.
import { describe, expect, it } from 'vitest';
import { loadContract } from '@astral/openapi/contract';
import { createRequestValidator } from '../src/request-validator.js';

const validate = createRequestValidator(loadContract());
const none = { params: {}, query: {}, headers: {} };

describe('createRequestValidator', () => {
  it('accepts a valid request, coercing query strings as the server does', () => {
    expect(validate('listRaces', { ...none, query: { limit: '10', upcoming: 'true' } })).toBeUndefined();
    expect(validate('getRace', { ...none, params: { race_id: 'race_xyz456' } })).toBeUndefined();
  });

  it('names the query parameter out of range or not in the enum', () => {
    expect(validate('listRaces', { ...none, query: { limit: '500' } })).toMatchObject({
      status: 400,
      body: { details: { code: 'VALIDATION_ERROR', field: 'limit' } },
    });
    expect(validate('listRaces', { ...none, query: { race_type: 'rowing' } })?.body.details).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'race_type',
    });
  });

  it('names a bad path parameter', () => {
    expect(validate('getRace', { ...none, params: { race_id: 'not a race' } })?.body.details).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'race_id',
    });
  });

  it('names a read-only body field as set by the server, before a missing one', () => {
    const rejection = validate('updateRace', { ...none, params: { race_id: 'race_xyz456' }, body: { race_id: 'race_other' } });
    expect(rejection?.body).toEqual({
      error: 'race_id is set by the server and cannot be sent',
      details: { code: 'VALIDATION_ERROR', field: 'race_id' },
    });
    expect(validate('login', { ...none, body: { email: 'maya@example.com' } })?.body.details).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'password',
    });
  });

  it('refuses a body that is not an object', () => {
    expect(validate('login', { ...none, body: [] })?.body.details).toEqual({ code: 'VALIDATION_ERROR' });
  });

  it('refuses an operation the document does not have', () => {
    expect(() => validate('listUnicorns', none)).toThrow(/no operation listUnicorns/);
  });
});
