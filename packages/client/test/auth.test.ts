import { describe, expect, test } from 'vitest';
import { createAstralClient } from '../src/index.js';
import { baseUrl, fakeFetch, json } from './fake-fetch.js';

const me = { principal_type: 'user', user_id: 'usr_athlete1' };

describe('credentials and headers', () => {
  test('a token is sent as Authorization: Bearer', async () => {
    const fetch = fakeFetch(json(me));
    await createAstralClient({ baseUrl, token: 'dev-athlete-token', fetch }).auth.me();
    expect(fetch.calls[0]!.headers.get('authorization')).toBe('Bearer dev-athlete-token');
    expect(fetch.calls[0]!.headers.has('x-api-key')).toBe(false);
  });

  test('an API key is sent as X-API-Key', async () => {
    const fetch = fakeFetch(json(me));
    await createAstralClient({ baseUrl, apiKey: 'dev-org-key', fetch }).auth.me();
    expect(fetch.calls[0]!.headers.get('x-api-key')).toBe('dev-org-key');
    expect(fetch.calls[0]!.headers.has('authorization')).toBe(false);
  });

  test('a token function is asked on every request (refreshing tokens)', async () => {
    let n = 0;
    const fetch = fakeFetch(json(me));
    const client = createAstralClient({ baseUrl, token: async () => `token-${++n}`, fetch });
    await client.auth.me();
    await client.auth.me();
    expect(fetch.calls.map((call) => call.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  test('no credentials, no auth header', async () => {
    const fetch = fakeFetch(json(me));
    await createAstralClient({ baseUrl, fetch }).auth.me();
    expect(fetch.calls[0]!.headers.has('authorization')).toBe(false);
  });

  test('Content-Type: application/json on bodies only; client and call headers are sent', async () => {
    const fetch = fakeFetch(json({ status: 'ok', message: 'Race deleted successfully' }), json({ status: 'ok', message: 'ok', data: {} }));
    const client = createAstralClient({ baseUrl, token: 't', fetch, headers: { 'X-Client': 'web' } });
    await client.races.delete('race_xyz456', { headers: { 'X-Trace': 'abc' } });
    await client.races.update('race_xyz456', { race_name: 'Renamed' });
    const [del, put] = fetch.calls;
    expect(del!.headers.has('content-type')).toBe(false);
    expect(del!.headers.get('x-client')).toBe('web');
    expect(del!.headers.get('x-trace')).toBe('abc');
    expect(put!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(put!.body)).toEqual({ race_name: 'Renamed' });
  });

  test('the raw client sends the same credentials', async () => {
    const fetch = fakeFetch(json(me));
    const client = createAstralClient({ baseUrl, apiKey: 'k', fetch });
    const { data } = await client.raw.GET('/auth/me');
    expect(data).toEqual(me);
    expect(fetch.calls[0]!.headers.get('x-api-key')).toBe('k');
    expect(fetch.calls[0]!.url.href).toBe(`${baseUrl}/auth/me`);
  });
});
