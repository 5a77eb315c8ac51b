// The resource modules as a whole: every folder is registered, every migration file is
// listed, one mapError speaks for every domain error, an injected storage whose every
// method fails is answered 500 on every operation, and the previous `principals` name works.
import { readdirSync } from 'node:fs';
import { operationTable } from '@astral/openapi';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  InvalidTokenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '../src/domain/errors.js';
import { mapDomainError } from '../src/map-error.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { resourceModules, sharedStorageModules } from '../src/resources/index.js';
import { migrations } from '../src/storage/migrations/index.js';
import { openSqliteRepository, type Repository } from '../src/repository.js';
import { devCredentials } from '../src/seed/build.js';
import { startLocalIssuer } from './oidc-issuer.js';

const folders = (relative: string) =>
  readdirSync(new URL(relative, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe('registration', () => {
  it('lists every resource folder in resources/index.ts, once', () => {
    const shared: readonly unknown[] = sharedStorageModules;
    const resources = resourceModules.filter((module) => !shared.includes(module));
    expect(resources.map((module) => module.name).sort()).toEqual(folders('../src/resources/').sort());
  });

  it('lists the shared storages (beside resources/) among the modules, once', () => {
    const names = resourceModules.map((module) => module.name);
    expect(sharedStorageModules.map((module) => module.name)).toEqual(['rateLimits', 'outbox', 'idempotency']);
    for (const module of sharedStorageModules) expect(names.filter((name) => name === module.name)).toHaveLength(1);
  });

  it('lists every migration file in storage/migrations/index.ts, numbered as its version', () => {
    const files = readdirSync(new URL('../src/storage/migrations/', import.meta.url)).filter((file) => /^\d{3}-.*\.ts$/.test(file));
    expect(files.map((file) => Number(file.slice(0, 3)))).toEqual(migrations.map((migration) => migration.version));
  });
});

describe('mapDomainError', () => {
  it("answers each domain error with its code, the catalogue's status, and its field", () => {
    expect(mapDomainError(new NotFoundError('race', 'race_id'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Race not found',
      field: 'race_id',
    });
    expect(mapDomainError(new NotFoundError('training plan', 'plan_id'))).toMatchObject({
      message: 'Training plan not found',
      field: 'plan_id',
    });
    expect(mapDomainError(new ForbiddenError('Only the creator of this race or an admin may change it'))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only the creator of this race or an admin may change it',
      field: undefined,
    });
    expect(mapDomainError(new ConflictError('Taken', 'race_name'))).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'Taken',
      field: 'race_name',
    });
    expect(mapDomainError(new InvalidError('date_to', 'Too early'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_ERROR',
      field: 'date_to',
    });
  });

  it('answers the account errors: 401, INVALID_TOKEN with the catalogue wording, 429 with Retry-After', () => {
    expect(mapDomainError(new UnauthorizedError('Invalid email or password'))).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      message: 'Invalid email or password',
      headers: { 'www-authenticate': 'Bearer realm="astral"' },
    });
    expect(mapDomainError(new InvalidTokenError('token'))).toMatchObject({
      status: 400,
      code: 'INVALID_TOKEN',
      message: 'The token is invalid, expired or already used',
      field: 'token',
    });
    const state = { policy: 'verification', limit: 3, windowSeconds: 3600, remaining: 0, resetSeconds: 1799.2 };
    expect(mapDomainError(new RateLimitedError(state, 'email', 'Too many verification emails for this address'))).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'Too many verification emails for this address. Retry after 1800 seconds.',
      field: 'email',
      headers: { 'Retry-After': '1800', RateLimit: '"verification";r=0;t=1800', 'RateLimit-Policy': '"verification";q=3;w=3600' },
    });
  });

  it('leaves anything else to the server (logged, answered 500)', () => {
    expect(mapDomainError(new Error('disk full'))).toBeUndefined();
    expect(mapDomainError('a string')).toBeUndefined();
  });
});

/** Every method of every storage rejects, as a broken database would (closing still works). */
function failing<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof property !== 'string' || property === 'close') return value;
      if (typeof value === 'function') return () => Promise.reject(new Error(`storage down: ${property}`));
      if (value && typeof value === 'object') return failing(value);
      return value;
    },
  });
}

const athlete = { authorization: `Bearer ${devCredentials.athleteToken}` };
const password = 'Tempo-Run-2025';
const emailedToken = 'vrf_Jq3t0Vb7c9QmXo2LrNe5Ya8KdUwZ1sTf4HgPiR6jB0M';
/** One request per operation; the Firebase exchange's ID token is signed by the test's issuer (verified before any storage). */
const requestsWith = (idToken: string) =>
  [
    { method: 'GET', url: '/api/v1/races' },
    {
      method: 'POST',
      url: '/api/v1/races',
      payload: { race_name: 'X', race_type: 'run', race_subtype: '5k', race_date: '2026-05-01T08:00:00Z', race_location: 'Y' },
    },
    { method: 'GET', url: '/api/v1/races/race_bostonmarathon' },
    { method: 'PUT', url: '/api/v1/races/race_bostonmarathon', payload: { race_name: 'Z' } },
    { method: 'DELETE', url: '/api/v1/races/race_bostonmarathon' },
    { method: 'GET', url: '/api/v1/auth/me' },
    { method: 'POST', url: '/api/v1/auth/request-verification', payload: { email: 'lena@example.com' } },
    { method: 'POST', url: '/api/v1/auth/verify-token', payload: { token: emailedToken } },
    { method: 'POST', url: '/api/v1/auth/complete-signup', payload: { token: emailedToken, password } },
    { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'maya@example.com', password } },
    { method: 'POST', url: '/api/v1/auth/token/refresh' },
    { method: 'POST', url: '/api/v1/auth/logout' },
    { method: 'POST', url: '/api/v1/auth/request-password-reset', payload: { email: 'maya@example.com' } },
    { method: 'POST', url: '/api/v1/auth/reset-password', payload: { token: emailedToken, password } },
    { method: 'POST', url: '/api/v1/auth/signup', payload: { firebase_id_token: idToken } },
    { method: 'GET', url: '/api/v1/users/usr_athlete1' },
    { method: 'PUT', url: '/api/v1/users/usr_athlete1', payload: { display_name: 'Maya O.' } },
    { method: 'GET', url: '/api/v1/users/usr_athlete1/public' },
    { method: 'GET', url: '/api/v1/organizations' },
    { method: 'POST', url: '/api/v1/organizations', payload: { name: 'Harbour Harriers' } },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub' },
    { method: 'PUT', url: '/api/v1/organizations/org_alpineclub', payload: { name: 'Z' } },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub/members' },
    { method: 'POST', url: '/api/v1/organizations/org_alpineclub/members', payload: { user_id: 'usr_athlete1' } },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub/members/usr_athlete2' },
    { method: 'PUT', url: '/api/v1/organizations/org_alpineclub/members/usr_athlete2', payload: { level: 'elite' } },
    { method: 'DELETE', url: '/api/v1/organizations/org_alpineclub/members/usr_athlete2' },
    { method: 'PUT', url: '/api/v1/organizations/org_alpineclub/members/usr_athlete2/role', payload: { role: 'coach' } },
    { method: 'PUT', url: '/api/v1/organizations/org_alpineclub/members/usr_athlete2/coach', payload: { coach_id: null } },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub/audit-events' },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub/api-keys' },
    { method: 'POST', url: '/api/v1/organizations/org_alpineclub/api-keys', payload: { name: 'Dashboard' } },
    { method: 'DELETE', url: '/api/v1/organizations/org_alpineclub/api-keys/key_devorgkey' },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub/invitations' },
    { method: 'POST', url: '/api/v1/organizations/org_alpineclub/invitations', payload: { max_uses: 5 } },
    { method: 'DELETE', url: '/api/v1/organizations/org_alpineclub/invitations/inv_devjoinlink' },
    { method: 'POST', url: '/api/v1/invitations/accept', payload: { token: 'inv_devjoinlink' } },
    { method: 'GET', url: '/api/v1/organizations/org_alpineclub/groups' },
    { method: 'POST', url: '/api/v1/groups', payload: { name: 'Squad' } },
    { method: 'GET', url: '/api/v1/groups/grp_marathon2026' },
    { method: 'PUT', url: '/api/v1/groups/grp_marathon2026', payload: { name: 'Squad' } },
    { method: 'DELETE', url: '/api/v1/groups/grp_marathon2026' },
  ] as const;

describe('an injected storage that fails', () => {
  it('covers every operation of the contract in these requests', () => {
    expect(requestsWith('x.y.z').length).toBe(Object.keys(operationTable).length);
  });

  it('is answered 500 INTERNAL_ERROR everywhere when every method fails (authentication first)', async () => {
    const issuer = await startLocalIssuer();
    const idToken = await issuer.sign({ sub: 'fb_1', email: 'lena@example.com' }, { now: new Date() });
    const { app, close } = createApp({
      mode: 'test',
      repository: failing(openSqliteRepository({ inMemory: true }) as Repository),
      seed: false,
      oidc: issuer.settings,
    });
    for (const request of requestsWith(idToken)) {
      const response = await app.inject({ ...request, headers: athlete });
      expect([response.statusCode, response.json().details.code], `${request.method} ${request.url}`).toEqual([500, 'INTERNAL_ERROR']);
    }
    await close();
    await issuer.close();
  });

  it('is answered 500 by each handler when only the races storage fails', async () => {
    const working = openSqliteRepository({ inMemory: true });
    const repository = Object.assign(Object.create(working) as Repository, { races: failing(working.races) });
    const { app, close } = createApp({ mode: 'test', repository, seed: false });
    await working.users.create({ user_id: 'usr_x', username: 'x', display_name: 'X', email: null, role: 'admin', organization_id: null });
    await working.users.addAccessToken('usr_x', hashCredential('x-token'));
    for (const request of requestsWith('x.y.z').filter((r) => r.url.includes('/races'))) {
      const response = await app.inject({ ...request, headers: { authorization: 'Bearer x-token' } });
      expect([response.statusCode, response.json().details.code], `${request.method} ${request.url}`).toEqual([500, 'INTERNAL_ERROR']);
    }
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer x-token' } })).statusCode).toBe(200);
    await close();
    await working.close();
  });
});
