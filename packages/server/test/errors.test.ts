// The error catalogue in use: ApiError's status from the code, its cause kept, and an
// application's own errors mapped once by `mapError` instead of try/catch in every handler.
import { errorCatalogue } from '@astral/openapi';
import { describe, expect, it } from 'vitest';
import { ApiError, apiError, createAstralServer, createStubHandlers } from '../src/index.js';
import { auth, buildApp, type Principal } from './helpers.js';

class NoSuchThing extends Error {
  constructor(readonly field: string) {
    super('no such thing');
  }
}
const mapError = (error: unknown) => {
  if (!(error instanceof NoSuchThing)) return undefined;
  return error.field === 'Authorization'
    ? new ApiError('UNAUTHORIZED', { message: 'No such session', field: error.field })
    : new ApiError('NOT_FOUND', { message: 'Race not found', field: error.field });
};

describe('the error catalogue', () => {
  it('gives ApiError the status of its code, and keeps the cause', () => {
    const cause = new Error('disk');
    const error = new ApiError('CONFLICT', { message: 'taken', field: 'username', cause });
    expect(error.status).toBe(errorCatalogue.CONFLICT.status);
    expect(error.cause).toBe(cause);
    expect(error.toResult()).toEqual({ status: 409, body: { error: 'taken', details: { code: 'CONFLICT', field: 'username' } } });
    expect(new ApiError('RATE_LIMITED').toResult().body.error).toBe(errorCatalogue.RATE_LIMITED.message);
    expect(apiError(404, 'NOT_FOUND').body).toEqual({ error: errorCatalogue.NOT_FOUND.message, details: { code: 'NOT_FOUND' } });
  });

  it('answers framework errors with the catalogue code and message', async () => {
    const { app } = buildApp();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/races',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(response.statusCode).toBe(errorCatalogue.UNSUPPORTED_MEDIA_TYPE.status);
    expect(response.json()).toEqual({ error: errorCatalogue.UNSUPPORTED_MEDIA_TYPE.message, details: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });
});

describe('mapError: an application maps its own errors once', () => {
  it('maps what a handler throws', async () => {
    const { app, violations } = buildApp(
      {
        getRace: ({ params }) => {
          throw new NoSuchThing(params.race_id === 'race_x' ? 'race_id' : 'other');
        },
      },
      { mapError },
    );
    const response = await app.inject({ url: '/api/v1/races/race_x', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'Race not found', details: { code: 'NOT_FOUND', field: 'race_id' } });
    expect(violations).toEqual([]);
  });

  it('maps what authenticate throws, and leaves anything unmapped a 500 without detail', async () => {
    const app = createAstralServer<Principal>({
      handlers: createStubHandlers<Principal>(),
      authenticate: ({ bearer }) => {
        if (bearer === 'gone') throw new NoSuchThing('Authorization');
        throw new Error('database is down: /var/lib/secret');
      },
      mode: 'test',
      mapError,
    });
    const mapped = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer gone' } });
    expect(mapped.statusCode).toBe(401);
    expect(mapped.json()).toEqual({ error: 'No such session', details: { code: 'UNAUTHORIZED', field: 'Authorization' } });
    const unexpected = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer other' } });
    expect(unexpected.statusCode).toBe(500);
    expect(unexpected.json().details).toEqual({ code: 'INTERNAL_ERROR' });
    expect(unexpected.body).not.toContain('secret');
  });
});
