// The app as a whole: modes (production seeds nothing and has no default credential),
// the database file under the data directory surviving a restart, request ids in the
// structured logs, and the configuration read from the environment.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { ConfigError, defaultDataDir, readConfig } from '../src/config.js';
import { newSecret } from '../src/domain/secrets.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { databaseFileName } from '../src/storage/sqlite.js';
import { devCredentials } from '../src/seed/build.js';
import { loadContract } from '@astral/openapi/contract';
import { developmentCredentialsOf, securitySchemesOf } from '@astral/openapi/reader';
import { testApp } from './helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'astral-api-app-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const athlete = { authorization: 'Bearer dev-athlete-token' };

describe('production mode', () => {
  it('seeds nothing and accepts no development credential', async () => {
    const { app, close, repository } = createApp({ mode: 'production', inMemory: true });
    for (const headers of [athlete, { authorization: 'Bearer dev-admin-token' }, { 'x-api-key': 'dev-org-key' }]) {
      expect((await app.inject({ url: '/api/v1/races', headers })).statusCode).toBe(401);
    }
    // a real credential works, on an empty catalog
    await repository.users.create({
      user_id: 'usr_ops',
      username: 'ops',
      display_name: 'Ops',
      email: null,
      role: 'admin',
      organization_id: null,
    });
    const secret = newSecret('accessToken');
    await repository.users.addAccessToken('usr_ops', hashCredential(secret));
    const list = await app.inject({ url: '/api/v1/races', headers: { authorization: `Bearer ${secret}` } });
    expect(list.json()).toEqual({ status: 'ok', data: [], metadata: { total: 0, next_cursor: null, filters: { limit: 50 } } });
    // A development credential is refused in production even when its hash is in the database.
    await repository.users.addAccessToken('usr_ops', hashCredential('dev-ops-token'));
    expect((await app.inject({ url: '/api/v1/races', headers: { authorization: 'Bearer dev-ops-token' } })).statusCode).toBe(401);
    await close();
  });
});

describe('development credentials in production mode', () => {
  it('are accepted only when an in-process caller asks for them (the benchmark), never by default', async () => {
    const bench = createApp({ mode: 'production', inMemory: true, seed: true, developmentCredentials: true });
    expect((await bench.app.inject({ url: '/api/v1/races', headers: athlete })).statusCode).toBe(200);
    await bench.close();
    const seeded = createApp({ mode: 'production', inMemory: true, seed: true });
    expect((await seeded.app.inject({ url: '/api/v1/races', headers: athlete })).statusCode).toBe(401);
    await seeded.close();
  });
});

describe('the database file', () => {
  it('is created under the data directory on first start, seeded once, and survives a restart', async () => {
    const dataDir = join(scratch, 'data');
    expect(existsSync(dataDir)).toBe(false);
    const first = createApp({ dataDir });
    const created = await first.app.inject({
      method: 'POST',
      url: '/api/v1/races',
      headers: athlete,
      payload: {
        race_name: 'Persistent Race',
        race_type: 'walk',
        race_subtype: '10k-walk',
        race_date: '2026-05-05T08:00:00Z',
        race_location: 'Lucerne, Switzerland',
      },
    });
    expect(created.statusCode).toBe(201);
    const count = (await first.app.inject({ url: '/api/v1/races?limit=100', headers: athlete })).json().metadata.total;
    await first.close();
    await first.close(); // idempotent
    expect(existsSync(join(dataDir, databaseFileName))).toBe(true);

    const second = createApp({ dataDir });
    const raceId = created.json().race_id;
    expect((await second.app.inject({ url: `/api/v1/races/${raceId}`, headers: athlete })).json().data.race_name).toBe('Persistent Race');
    // not seeded a second time
    expect((await second.app.inject({ url: '/api/v1/races?limit=100', headers: athlete })).json().metadata.total).toBe(count);
    await second.close();
  });
});

describe('request logs', () => {
  it('are structured JSON lines carrying the request id the response returns', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const { app, close } = testApp({ logger: { level: 'info', stream } });
    const response = await app.inject({ url: '/api/v1/races?limit=1', headers: athlete });
    const requestId = response.headers['x-request-id'];
    expect(requestId).toBeTruthy();
    const completed = lines.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ reqId: requestId, res: { statusCode: 200 } });
    await close();
  });
});

describe('the development credentials', () => {
  it("are the ones the contract's security schemes list (the docs' try-it console offers those)", () => {
    // The development layer: only the development bundle lists them (the published one has none).
    const listed = Object.values(securitySchemesOf(loadContract('development'))).flatMap((scheme) =>
      Object.keys(developmentCredentialsOf(scheme)),
    );
    expect(listed.sort()).toEqual(Object.values(devCredentials).sort());
  });
});

describe('readConfig', () => {
  it('has safe local defaults', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      mode: 'development',
      dataDir: defaultDataDir,
      inMemory: false,
      databaseUrl: undefined,
      poolSize: 10,
      appUrl: 'http://127.0.0.1:5173',
      oidc: undefined,
      smtpUrl: 'smtp://127.0.0.1:1025',
      emailFrom: 'Astral <no-reply@astral.local>',
      corsOrigins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
    });
    expect(defaultDataDir).toMatch(/apps[/\\]api[/\\]\.data$/);
  });

  it('reads PORT, HOST, ASTRAL_MODE, ASTRAL_DATA_DIR and ASTRAL_IN_MEMORY', () => {
    expect(readConfig({ PORT: '0', HOST: '::1', ASTRAL_MODE: 'production', ASTRAL_DATA_DIR: 'rel/dir', ASTRAL_IN_MEMORY: '1' })).toEqual({
      port: 0,
      host: '::1',
      mode: 'production',
      dataDir: join(process.cwd(), 'rel/dir'),
      inMemory: true,
      databaseUrl: undefined,
      poolSize: 10,
      appUrl: 'http://127.0.0.1:5173',
      oidc: undefined,
      smtpUrl: undefined,
      emailFrom: 'Astral <no-reply@astral.local>',
      corsOrigins: [],
    });
  });

  it('reads APP_URL and the OIDC issuer (all three variables, or none)', () => {
    const oidc = {
      OIDC_ISSUER: 'https://securetoken.google.com/astral',
      OIDC_AUDIENCE: 'astral',
      OIDC_JWKS_URL: 'https://keys.example/jwks',
    };
    expect(readConfig({ APP_URL: 'https://app.nexrex.ai', ...oidc })).toMatchObject({
      appUrl: 'https://app.nexrex.ai',
      oidc: { issuer: 'https://securetoken.google.com/astral', audience: 'astral', jwksUrl: 'https://keys.example/jwks' },
    });
    expect(() => readConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(ConfigError);
  });

  it('reads DATABASE_URL and DATABASE_POOL_SIZE (PostgreSQL)', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/astral', DATABASE_POOL_SIZE: '4' })).toMatchObject({
      databaseUrl: 'postgres://u:p@127.0.0.1:5432/astral',
      poolSize: 4,
    });
  });

  it('reads SMTP_URL and EMAIL_FROM; only development has a mail server by default', () => {
    expect(readConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', EMAIL_FROM: 'races@example.com' })).toMatchObject({
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      emailFrom: 'races@example.com',
    });
    expect(readConfig({ ASTRAL_MODE: 'test' }).smtpUrl).toBeUndefined();
    expect(readConfig({ ASTRAL_MODE: 'test', SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl).toBe('smtp://127.0.0.1:2525');
  });

  it("reads CORS_ORIGINS: a list, none, or the mode's default (localhost in development, none in production)", () => {
    const list = { CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,' };
    expect(readConfig(list).corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(readConfig({ ...list, ASTRAL_MODE: 'production' }).corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(readConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
    expect(readConfig({ ASTRAL_MODE: 'test' }).corsOrigins).toEqual(readConfig({}).corsOrigins);
  });

  it.each([
    { CORS_ORIGINS: 'app.example.com' },
    { CORS_ORIGINS: 'https://app.example.com/' },
    { CORS_ORIGINS: '*' },
    { CORS_ORIGINS: 'https://a.example.com https://b.example.com' },
    { SMTP_URL: 'http://127.0.0.1:1025' },
    { SMTP_URL: '127.0.0.1:1025' },
    { EMAIL_FROM: 'Astral' },
    { EMAIL_FROM: 'Astral <no-reply@astral.local>\r\nBcc: x@y.z' },
    { PORT: 'eighty' },
    { PORT: '70000' },
    { ASTRAL_MODE: 'staging' },
    { ASTRAL_IN_MEMORY: 'yes' },
    { DATABASE_URL: 'mysql://x' },
    { DATABASE_POOL_SIZE: '0' },
    { APP_URL: 'app.nexrex.ai' },
    { OIDC_ISSUER: 'https://x', OIDC_AUDIENCE: 'x', OIDC_JWKS_URL: 'file:///keys' },
  ])('rejects %o', (env) => {
    expect(() => readConfig(env)).toThrow(ConfigError);
  });
});
