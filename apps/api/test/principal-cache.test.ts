// The callers' cache (src/resources/auth/principal-cache.ts) never outlives what it holds: a
// token or an API key that has just authenticated, then is revoked, expires or loses its
// user, is refused on the very next request, whether the change came from another process
// on the same SQLite file (the admin CLI, `node dist/admin.js`; needs `npm run build`),
// from another connection, or from the clock alone.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { openSqliteRepository } from '../src/repository.js';

const adminJs = fileURLToPath(new URL('../dist/admin.js', import.meta.url));
const run = promisify(execFile);

describe('the callers remembered between requests (SQLite file, another process beside the API)', () => {
  let dataDir = '';
  let api: App;
  let clock = new Date('2026-06-01T08:00:00Z');
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'astral-principal-cache-'));
    api = createApp({ mode: 'test', dataDir, now: () => clock });
    await api.app.ready();
  });
  afterAll(async () => {
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The admin CLI as its own process, on the API's database file. */
  const admin = async (...argv: string[]) =>
    (await run(process.execPath, [adminJs, ...argv], { env: { ...process.env, ASTRAL_DATA_DIR: dataDir } })).stdout;
  const secretOf = (output: string) => output.match(/(?:Bearer |X-API-Key: )(\S+)/)![1]!;
  const statusOf = async (headers: Record<string, string>) => (await api.app.inject({ url: '/api/v1/auth/me', headers })).statusCode;

  it('refuses a token revoked by the admin CLI on the next request', async () => {
    const token = secretOf(await admin('issue-token', '--user', 'usr_athlete1'));
    const bearer = { authorization: `Bearer ${token}` };
    expect(await statusOf(bearer)).toBe(200);
    expect(await statusOf(bearer)).toBe(200);
    expect(await admin('revoke-token', '--token', token)).toContain('token revoked');
    expect(await statusOf(bearer)).toBe(401);
  });

  it('refuses an API key revoked by the admin CLI on the next request', async () => {
    const key = { 'x-api-key': secretOf(await admin('issue-api-key', '--organization', 'org_alpineclub')) };
    expect(await statusOf(key)).toBe(200);
    expect(await statusOf(key)).toBe(200);
    expect(await admin('revoke-api-key', '--key', key['x-api-key'])).toContain('API key revoked');
    expect(await statusOf(key)).toBe(401);
  });

  it("refuses a suspended user's token on the next request, the suspension written by another connection", async () => {
    const bearer = { authorization: `Bearer ${secretOf(await admin('issue-token', '--user', 'usr_athlete2'))}` };
    expect(await statusOf(bearer)).toBe(200);
    const other = openSqliteRepository({ dataDir });
    try {
      await other.users.update('usr_athlete2', (user) => ({ ...user, status: 'suspended' }));
    } finally {
      await other.close();
    }
    expect(await statusOf(bearer)).toBe(401);
  });

  it('answers the new name of a user renamed by another connection', async () => {
    const bearer = { authorization: `Bearer ${secretOf(await admin('issue-token', '--user', 'usr_coach1'))}` };
    const me = async () => (await api.app.inject({ url: '/api/v1/auth/me', headers: bearer })).json<{ display_name: string }>();
    const before = (await me()).display_name;
    const other = openSqliteRepository({ dataDir });
    try {
      await other.users.update('usr_coach1', (user) => ({ ...user, display_name: `${before} Renamed` }));
    } finally {
      await other.close();
    }
    expect((await me()).display_name).toBe(`${before} Renamed`);
  });

  it('refuses a token once it expires, with no write in between', async () => {
    const bearer = {
      authorization: `Bearer ${secretOf(await admin('issue-token', '--user', 'usr_athlete1', '--expires', '2026-06-01T09:00:00Z'))}`,
    };
    expect(await statusOf(bearer)).toBe(200);
    clock = new Date('2026-06-01T08:59:59Z');
    expect(await statusOf(bearer)).toBe(200);
    clock = new Date('2026-06-01T09:00:01Z');
    expect(await statusOf(bearer)).toBe(401);
  });
});
