import { describe, expect, test } from 'vitest';
import { AstralApiError, createAstralClient } from '../src/index.js';
import { apiError, baseUrl, fakeFetch, json, type Responder } from './fake-fetch.js';

/** Runs one call against one answer and returns what it rejected with. */
async function failure(answer: Responder, call = (client: ReturnType<typeof createAstralClient>) => client.races.get('race_xyz456')) {
  const client = createAstralClient({ baseUrl, token: 't', fetch: fakeFetch(answer) });
  const error = await call(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AstralApiError);
  return error as AstralApiError;
}

describe('every error answer becomes one AstralApiError', () => {
  test.each([
    [400, 'VALIDATION_ERROR', 'race_type'],
    [400, 'INVALID_JSON', undefined],
    [401, 'UNAUTHORIZED', undefined],
    [403, 'FORBIDDEN', undefined],
    [404, 'NOT_FOUND', undefined],
    [405, 'METHOD_NOT_ALLOWED', undefined],
    [409, 'CONFLICT', 'race_name'],
    [413, 'PAYLOAD_TOO_LARGE', undefined],
    [415, 'UNSUPPORTED_MEDIA_TYPE', undefined],
    [429, 'RATE_LIMITED', undefined],
    [500, 'INTERNAL_ERROR', undefined],
  ])('%i %s (field %s)', async (status, code, field) => {
    const error = await failure(apiError(status, code, field, { 'X-Request-Id': `req_${status}` }));
    expect(error).toMatchObject({ name: 'AstralApiError', status, code, field, requestId: `req_${status}`, message: `${code} happened` });
    expect(error.details).toEqual(field === undefined ? { code } : { code, field });
    expect(error.isClientSide).toBe(false);
    expect(error.body).toEqual({ error: `${code} happened`, details: field === undefined ? { code } : { code, field } });
  });

  test('a code the client does not know yet is passed through, not rejected', async () => {
    const error = await failure(apiError(400, 'SOMETHING_NEW', 'x'));
    expect(error).toMatchObject({ status: 400, code: 'SOMETHING_NEW', field: 'x' });
  });

  test('an error without details keeps the message; the code says it was not the API shape', async () => {
    const error = await failure(json({ error: 'Bad gateway' }, 502));
    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE', message: 'Bad gateway', field: undefined });
  });

  test('an undocumented status with an HTML body does not crash the client', async () => {
    const error = await failure(() => new Response('<h1>teapot</h1>', { status: 418, statusText: "I'm a teapot" }));
    expect(error).toMatchObject({ status: 418, code: 'UNEXPECTED_RESPONSE', message: "HTTP 418 I'm a teapot", body: '<h1>teapot</h1>' });
  });

  test('a problem+json answer (as Prism gives for requests it cannot match) keeps its title', async () => {
    const problem = {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      status: 422,
      detail: 'Your request is not valid',
    };
    const error = await failure(
      () => new Response(JSON.stringify(problem), { status: 422, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    expect(error).toMatchObject({ status: 422, code: 'UNEXPECTED_RESPONSE', message: 'Your request is not valid' });
  });

  test('an error with an empty body', async () => {
    const error = await failure(() => new Response(null, { status: 503 }));
    expect(error).toMatchObject({ status: 503, code: 'UNEXPECTED_RESPONSE', message: 'HTTP 503' });
  });

  test('a network failure is NETWORK_ERROR with status 0 and the cause', async () => {
    const cause = new TypeError('fetch failed');
    const error = await failure(() => Promise.reject(cause));
    expect(error).toMatchObject({ status: 0, code: 'NETWORK_ERROR', isClientSide: true });
    expect(error.cause).toBe(cause);
  });

  test('the result style never rejects: { data: undefined, error }', async () => {
    const client = createAstralClient({
      baseUrl,
      fetch: fakeFetch(apiError(404, 'NOT_FOUND'), () => Promise.reject(new TypeError('offline'))),
    });
    const notFound = await client.safe.races.get('race_missing');
    expect(notFound.data).toBeUndefined();
    expect(notFound.error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const offline = await client.safe.auth.me();
    expect(offline.error).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  test('the raw client returns error bodies as openapi-fetch does; network errors throw AstralApiError', async () => {
    const client = createAstralClient({
      baseUrl,
      fetch: fakeFetch(apiError(404, 'NOT_FOUND'), () => Promise.reject(new TypeError('offline'))),
    });
    const { error, response } = await client.raw.GET('/races/{race_id}', { params: { path: { race_id: 'race_missing' } } });
    expect(response.status).toBe(404);
    expect(error?.details?.code).toBe('NOT_FOUND');
    await expect(client.raw.GET('/auth/me')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});
