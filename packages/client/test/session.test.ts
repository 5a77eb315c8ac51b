import { describe, expect, test } from 'vitest';
import { createAstralClient, type SessionToken } from '../src/index.js';
import { apiError, baseUrl, fakeFetch, json } from './fake-fetch.js';

const me = { principal_type: 'user', user_id: 'usr_athlete1' };
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const session = (token: string, minutes: number): SessionToken => ({ access_token: token, expires_at: inMinutes(minutes) });

describe('a session the client keeps', () => {
  test('a sign-in starts it: later calls send the new token, and the app is told', async () => {
    const changes: Array<SessionToken | null> = [];
    const signedIn = { user_id: 'usr_athlete1', token_type: 'Bearer', profile: {}, ...session('ast_new', 60 * 24) };
    const fetch = fakeFetch(json(signedIn), json(me));
    const client = createAstralClient({ baseUrl, fetch, session: null, onSessionChange: (s) => changes.push(s) });
    await client.auth.login({ email: 'maya@example.com', password: 'Tempo-Run-2025' });
    await client.auth.me();
    expect(fetch.calls[0]!.headers.has('authorization')).toBe(false);
    expect(fetch.calls[1]!.headers.get('authorization')).toBe('Bearer ast_new');
    expect(changes).toEqual([{ access_token: 'ast_new', expires_at: signedIn.expires_at }]);
    expect(client.session?.current?.access_token).toBe('ast_new');
  });

  test('a token about to expire is refreshed once before the calls that need it', async () => {
    const refreshed = session('ast_fresh', 60 * 24);
    const fetch = fakeFetch(json({ ...refreshed, token_type: 'Bearer' }), json(me));
    const client = createAstralClient({ baseUrl, fetch, session: session('ast_old', 2) });
    await Promise.all([client.auth.me(), client.auth.me(), client.auth.me()]);
    const refreshCalls = fetch.calls.filter((call) => call.url.pathname.endsWith('/auth/token/refresh'));
    expect(refreshCalls).toHaveLength(1);
    expect(refreshCalls[0]!.method).toBe('POST');
    expect(refreshCalls[0]!.headers.get('authorization')).toBe('Bearer ast_old');
    const meCalls = fetch.calls.filter((call) => call.url.pathname.endsWith('/auth/me'));
    expect(meCalls.map((call) => call.headers.get('authorization'))).toEqual(Array(3).fill('Bearer ast_fresh'));
  });

  test('a token far from expiry is not refreshed', async () => {
    const fetch = fakeFetch(json(me));
    const client = createAstralClient({ baseUrl, fetch, session: session('ast_ok', 60) });
    await client.auth.me();
    expect(fetch.calls.map((call) => call.url.pathname)).toEqual(['/api/v1/auth/me']);
  });

  test('logout ends it, and so does a 401 on a secured call; a failed login does not', async () => {
    const changes: Array<SessionToken | null> = [];
    const fetch = fakeFetch(json({ message: 'Logged out' }), apiError(401, 'UNAUTHORIZED'));
    const client = createAstralClient({ baseUrl, fetch, session: session('ast_a', 60), onSessionChange: (s) => changes.push(s) });
    await client.auth.logout();
    expect(client.session?.current).toBeNull();
    await expect(client.auth.me()).rejects.toMatchObject({ status: 401 });
    expect(fetch.calls[1]!.headers.has('authorization')).toBe(false);

    const loginFetch = fakeFetch(apiError(401, 'UNAUTHORIZED'));
    const kept = createAstralClient({ baseUrl, fetch: loginFetch, session: session('ast_b', 60) });
    await expect(kept.auth.login({ email: 'maya@example.com', password: 'wrong' })).rejects.toMatchObject({ status: 401 });
    expect(kept.session?.current?.access_token).toBe('ast_b');
    expect(changes).toEqual([null]);
  });
});
