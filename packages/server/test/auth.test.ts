// Authentication from the contract's security schemes; credentials only from headers.
import { describe, expect, it } from 'vitest';
import { ApiError, createAstralServer, createStubHandlers } from '../src/index.js';
import { auth, buildApp, type Principal } from './helpers.js';

const challenge = 'Bearer realm="astral", ApiKey header="X-API-Key"';

describe('authentication', () => {
  it('answers missing credentials 401 with WWW-Authenticate', async () => {
    const { app } = buildApp();
    const response = await app.inject({ method: 'GET', url: '/api/v1/races/race_1' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(challenge);
    expect(response.json()).toEqual({
      error: 'Authentication required. Send Authorization Bearer token or X-API-Key header.',
      details: { code: 'UNAUTHORIZED' },
    });
  });

  it('answers unknown credentials 401, naming the header', async () => {
    const { app } = buildApp();
    const bearer = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer stolen' } });
    expect(bearer.statusCode).toBe(401);
    expect(bearer.headers['www-authenticate']).toBe(challenge);
    expect(bearer.json().details).toEqual({ code: 'UNAUTHORIZED', field: 'Authorization' });
    const key = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': 'revoked' } });
    expect(key.json().details).toEqual({ code: 'UNAUTHORIZED', field: 'X-API-Key' });
    const basic = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic dXNlcjpwdw==' } });
    expect(basic.statusCode).toBe(401);
  });

  it('answers a valid credential of a scheme the operation does not list 403, an unknown one 401', async () => {
    const { app } = buildApp();
    // getUser lists bearerAuth only (the contract): a known key lacks the right, an unknown one is no credential.
    const known = await app.inject({ method: 'GET', url: '/api/v1/users/usr_athlete1', headers: { 'x-api-key': 'org-key' } });
    expect(known.statusCode).toBe(403);
    expect(known.json().details).toEqual({ code: 'FORBIDDEN', field: 'X-API-Key' });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/users/usr_athlete1', headers: { 'x-api-key': 'stolen' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['www-authenticate']).toBe(challenge);
  });

  it('authenticates before validating, so anonymous callers learn nothing about inputs', async () => {
    const { app } = buildApp();
    const response = await app.inject({ method: 'POST', url: '/api/v1/races', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect(response.statusCode).toBe(401);
  });

  it('never accepts credentials from the query string', async () => {
    const { app } = buildApp();
    for (const query of ['api_key=org-key', 'X-API-Key=org-key', 'access_token=athlete-token', 'authorization=Bearer%20athlete-token']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/auth/me?${query}` });
      expect(response.statusCode, query).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge);
    }
  });

  it('reads an in: query key only on an operation that lists its scheme, naming the parameter', async () => {
    const seen: unknown[] = [];
    const app = createAstralServer<Principal>({
      handlers: createStubHandlers<Principal>(),
      mode: 'test',
      authenticate: (credentials) => {
        seen.push(credentials);
        return credentials.queryKey === 'feed-secret' ? { id: 'usr_a', role: 'athlete' } : null;
      },
    });
    const calendar = '/api/v1/training/plan-instances/pli_leospring/calendar.ics';
    // getTrainingPlanInstanceCalendar lists calendarFeedToken: no header needed.
    const good = await app.inject({ method: 'GET', url: `${calendar}?feed_token=feed-secret` });
    expect(good.statusCode).toBe(200);
    expect(good.headers['content-type']).toMatch(/^text\/calendar/);
    const unknown = await app.inject({ method: 'GET', url: `${calendar}?feed_token=stolen` });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().details).toEqual({ code: 'UNAUTHORIZED', field: 'feed_token' });
    // Anywhere else the parameter is no credential at all: the authenticator is not even asked.
    seen.length = 0;
    const elsewhere = await app.inject({ method: 'GET', url: '/api/v1/training/plan-instances/pli_leospring?feed_token=feed-secret' });
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.headers['www-authenticate']).toBe(challenge);
    expect(seen).toEqual([]);
    // A feed token is no credential on the feed's own management operations either.
    const manage = await app.inject({
      method: 'GET',
      url: '/api/v1/training/plan-instances/pli_leospring/calendar-feed?feed_token=feed-secret',
    });
    expect(manage.statusCode).toBe(401);
  });

  it('hands the principal and credentials to the handler', async () => {
    const calls: unknown[] = [];
    const handlers = createStubHandlers<Principal>();
    const base = handlers.getMe;
    handlers.getMe = (context) => {
      calls.push(context.principal);
      return base(context);
    };
    const seenCredentials: unknown[] = [];
    const app = createAstralServer<Principal>({
      handlers,
      mode: 'test',
      authenticate: (credentials) => {
        seenCredentials.push(credentials);
        return credentials.apiKey === 'org-key'
          ? { id: 'org_club', role: 'organization' }
          : credentials.bearer === 'athlete-token'
            ? { id: 'usr_a', role: 'athlete' }
            : null;
      },
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': 'org-key' } })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'bearer athlete-token' } })).statusCode,
    ).toBe(200);
    expect(calls).toEqual([
      { id: 'org_club', role: 'organization' },
      { id: 'usr_a', role: 'athlete' },
    ]);
    expect(seenCredentials).toEqual([{ apiKey: 'org-key' }, { bearer: 'athlete-token' }]);
  });

  it('lets a handler answer 403 by throwing ApiError', async () => {
    const { app } = buildApp({
      updateRace: ({ principal }) => {
        throw new ApiError('FORBIDDEN', { message: `${principal.id} may not change this race` });
      },
    });
    const response = await app.inject({ method: 'PUT', url: '/api/v1/races/race_1', headers: auth, payload: { race_name: 'Renamed' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: 'usr_athlete1 may not change this race', details: { code: 'FORBIDDEN' } });
  });

  it('answers a failing authenticate 500, and an ApiError from it as is', async () => {
    const failing = createAstralServer({
      handlers: createStubHandlers(),
      mode: 'test',
      authenticate: () => {
        throw new Error('token store down at db.internal:5432');
      },
    });
    const response = await failing.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'Internal server error', details: { code: 'INTERNAL_ERROR' } });
    expect(response.body).not.toContain('db.internal');

    const limited = createAstralServer({
      handlers: createStubHandlers(),
      authenticate: async () => {
        throw new ApiError('UNAUTHORIZED', { message: 'Token expired', field: 'Authorization' });
      },
    });
    const expired = await limited.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().details).toEqual({ code: 'UNAUTHORIZED', field: 'Authorization' });
  });
});
