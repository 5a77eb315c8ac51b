// `npm run api` as a user runs it (root script → turbo → the API), with the settings the
// README documents set in the environment: each one must reach the API and show its effect.
// The email goes to a real SMTP server, its link opens APP_URL, a preflight from the listed
// origin is allowed and one from an origin the development default would allow is not, the
// ID tokens of OIDC_ISSUER sign up. With DATABASE_URL at a throwaway PostgreSQL database, a
// race created over HTTP is a row a direct query reads there, and under concurrent requests
// the API holds no more connections than DATABASE_POOL_SIZE, plus the one that listens for
// change notices. Then the whole process group is stopped.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@astral/settings/npm-script';
import { throughNpmScript } from '@astral/settings/test-suite';
import { createDatabase } from '@astral/test-postgres';
import { listenerApplicationName } from '../src/storage/postgres-change-notices.js';
import { describeOnDatabases } from './databases.js';
import { eventually } from './eventually.js';
import { startLocalIssuer, type LocalIssuer } from './oidc-issuer.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The body as written: nodemailer sends it quoted-printable (`=3D` for `=`, `=` before a soft break). */
const quotedPrintable = (body: string) =>
  body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('npm run api', () => {
  it('passes every documented setting to the API', { timeout: 240_000 }, async () => {
    const smtp: TestSmtpServer = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const issuer: LocalIssuer = await startLocalIssuer();
    cleanups.push(() => issuer.close());
    const dataDir = await mkdtemp(join(tmpdir(), 'astral-npm-run-api-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();

    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      ASTRAL_MODE: 'test',
      ASTRAL_DATA_DIR: dataDir,
      ASTRAL_IN_MEMORY: '',
      DATABASE_URL: '',
      SMTP_URL: smtp.url,
      EMAIL_FROM: 'Race Desk <races@example.test>',
      APP_URL: 'https://app.example.test/astral',
      CORS_ORIGINS: 'https://allowed.example.test',
      OIDC_ISSUER: issuer.settings.issuer,
      OIDC_AUDIENCE: issuer.settings.audience,
      OIDC_JWKS_URL: issuer.settings.jwksUrl,
    };
    // The banner's last line: the lines before it have arrived too.
    await throughNpmScript('api', env, { ready: / {2}email: smtp:\/\/.*\n/, ports: [port] }, async (api) => {
      const [, origin] = await api.waitFor(/Astral API \(test\) listening on (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/);
      expect(origin).toBe(`http://127.0.0.1:${port}`);
      expect(api.output()).toContain(`database: ${join(dataDir, 'astral.sqlite')}`);
      expect((await stat(join(dataDir, 'astral.sqlite'))).isFile()).toBe(true);
      expect(api.output()).toContain('browser origins (CORS): https://allowed.example.test');
      const base = `${origin}/api/v1`;

      // SMTP_URL, EMAIL_FROM and APP_URL: the verification email.
      const requested = await fetch(`${base}/auth/request-verification`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'lena@example.com' }),
      });
      expect(requested.status).toBe(200);
      await expect.poll(() => smtp.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const [email] = smtp.received;
      expect(email!.to).toEqual(['lena@example.com']);
      expect(email!.from).toBe('Race Desk <races@example.test>');
      expect(quotedPrintable(email!.body)).toMatch(/https:\/\/app\.example\.test\/astral\/signup\?token=astral_ev_[0-9A-Za-z]{46}/);

      // CORS_ORIGINS: the listed origin, and not localhost, which the default would allow.
      const preflight = (from: string) =>
        fetch(`${base}/races`, {
          method: 'OPTIONS',
          headers: { origin: from, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
        });
      const allowed = await preflight('https://allowed.example.test');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example.test');
      const other = await preflight('http://localhost:5173');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.status).toBe(405);

      // OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL: an ID token of that issuer signs up.
      const idToken = await issuer.sign({ sub: 'fb_nina', email: 'nina.k@example.com', name: 'Nina K' }, { now: new Date() });
      const signup = await fetch(`${base}/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firebase_id_token: idToken }),
      });
      expect(signup.status).toBe(201);
    });
  });
});

describeOnDatabases(
  'npm run api on $name',
  (lane) => {
    it('keeps its data in DATABASE_URL and holds at most DATABASE_POOL_SIZE connections', { timeout: 240_000 }, async () => {
      const databaseUrl = await createDatabase(lane.serverUrl!);
      const database = new pg.Client({ connectionString: databaseUrl });
      await database.connect();
      cleanups.push(() => database.end());
      // The API's connections to its database, every one but this test's own: its pool's, or its listener's.
      const apiConnections = async (listener = false) =>
        Number(
          (
            await database.query<{ count: string }>(
              `select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
                 and (application_name = $1) = $2`,
              [listenerApplicationName, listener],
            )
          ).rows[0]!.count,
        );
      const port = await freePort();
      const poolSize = 3;
      const env = {
        PORT: String(port),
        HOST: '127.0.0.1',
        ASTRAL_IN_MEMORY: '',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: String(poolSize),
      };
      // Development mode prints the seeded credentials after the listening line.
      await throughNpmScript('api', env, { ready: /Bearer (\S+) +\(athlete\)/, ports: [port] }, async (api, [, athleteToken]) => {
        expect(api.output()).toContain(`(PostgreSQL, pool of ${poolSize})`);
        const base = `http://127.0.0.1:${port}/api/v1`;
        const headers = { authorization: `Bearer ${athleteToken}`, 'content-type': 'application/json' };

        const created = await fetch(`${base}/races`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            race_name: 'Pool Test 10K',
            race_type: 'run',
            race_subtype: '10k',
            race_date: '2026-10-11T09:00:00Z',
            race_location: 'Graz, Austria',
          }),
        });
        expect(created.status).toBe(201);
        const { data } = (await created.json()) as { data: { race_id: string } };
        const rows = await database.query('select race_name, race_location from races where race_id = $1', [data.race_id]);
        expect(rows.rows).toEqual([{ race_name: 'Pool Test 10K', race_location: 'Graz, Austria' }]);

        // Sixty requests at once: the pool grows to its size and no further.
        let peak = 0;
        let loading = true;
        const sampling = (async () => {
          while (loading) peak = Math.max(peak, await apiConnections());
        })();
        const statuses = await Promise.all(
          Array.from({ length: 60 }, () => fetch(`${base}/races?limit=5`, { headers }).then((res) => res.status)),
        );
        loading = false;
        await sampling;
        expect(new Set(statuses)).toEqual(new Set([200]));
        expect(peak).toBeLessThanOrEqual(poolSize);
        // Idle connections stay in the pool (10 s): the burst filled it.
        expect(await apiConnections()).toBe(poolSize);
        // Beside the pool, one connection listens for other instances' credential changes.
        expect(await eventually(() => apiConnections(true), 1)).toBe(1);
      });
    });
  },
  'postgres',
);
