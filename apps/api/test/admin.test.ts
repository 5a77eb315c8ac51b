// The credential CLI on a production (unseeded) database, SQLite in memory and PostgreSQL:
// an organization, an admin and their secrets, which then authenticate; the secrets are
// stored only as hashes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAdmin, UsageError } from '../src/admin.js';
import { createApp, type App } from '../src/app.js';
import { isWellFormedSecret } from '../src/domain/secrets.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { describeOnDatabases, freshPostgresDatabase } from './databases.js';

const secretOf = (output: string) => output.match(/(?:Bearer |X-API-Key: )(\S+)/)![1]!;

describeOnDatabases('node dist/admin.js on $name', (lane) => {
  let app: App['app'];
  let repository: App['repository'];
  let close: App['close'];
  beforeAll(async () => {
    const databaseUrl = lane.serverUrl ? await freshPostgresDatabase(lane.serverUrl) : undefined;
    ({ app, repository, close } = createApp({ mode: 'production', ...(databaseUrl ? { databaseUrl } : { inMemory: true }) }));
    await app.ready();
  });
  afterAll(() => close?.());

  it('creates principals and issues credentials that authenticate', async () => {
    expect(
      await runAdmin(['create-organization', '--id', 'org_trailclub', '--username', 'trail-club', '--name', 'Trail Club'], repository),
    ).toMatch(/created/);
    expect(
      await runAdmin(
        [
          'create-user',
          '--id',
          'usr_ops1',
          '--username',
          'ops',
          '--name',
          'Ops Person',
          '--role',
          'admin',
          '--email',
          'ops@example.com',
          '--organization',
          'org_trailclub',
        ],
        repository,
      ),
    ).toBe('created user usr_ops1 (admin)');
    const token = secretOf(await runAdmin(['issue-token', '--user', 'usr_ops1'], repository));
    const key = secretOf(await runAdmin(['issue-api-key', '--organization', 'org_trailclub'], repository));
    expect(token).not.toBe(key);
    // The one secret format: an access token and an API key, each of its own kind.
    expect([isWellFormedSecret(token, 'accessToken'), isWellFormedSecret(key, 'apiKey')]).toEqual([true, true]);
    const [listed] = await repository.organizations.apiKeys('org_trailclub', Date.now(), 10);
    expect(listed?.prefix).toBe(key.slice(0, 16));

    const me = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toEqual({
      user_id: 'usr_ops1',
      principal_type: 'user',
      username: 'ops',
      display_name: 'Ops Person',
      email: 'ops@example.com',
      role: 'admin',
      organization_id: 'org_trailclub',
      org_id: 'org_trailclub',
    });
    const org = await app.inject({ url: '/api/v1/auth/me', headers: { 'x-api-key': key } });
    expect(org.json()).toMatchObject({ user_id: 'org_trailclub', principal_type: 'organization' });
    // stored hashed: the hash finds it, the secret itself is not a key
    expect(await repository.users.findByTokenHash(hashCredential(token), new Date().toISOString())).toBeDefined();
    expect(await repository.users.findByTokenHash(token, new Date().toISOString())).toBeUndefined();
  });

  it('issues tokens that expire', async () => {
    await runAdmin(['create-user', '--id', 'usr_temp', '--username', 'temp', '--name', 'Temp', '--role', 'athlete'], repository);
    const expired = secretOf(await runAdmin(['issue-token', '--user', 'usr_temp', '--expires', '2020-01-01T00:00:00Z'], repository));
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${expired}` } })).statusCode).toBe(401);
  });

  it.each([
    [[]],
    [['make-coffee']],
    [['create-user', '--id', 'usr_x', '--username', 'x', '--name', 'X', '--role', 'superuser']],
    [['create-user', '--id', 'user-x', '--username', 'x', '--name', 'X', '--role', 'athlete']],
    [['issue-token']],
    [['issue-token', '--user', 'usr_ops1', '--expires', 'tomorrow']],
  ])('refuses %o with a usage error', async (argv) => {
    await expect(runAdmin(argv, repository)).rejects.toBeInstanceOf(UsageError);
  });

  it('revokes a token and an API key: the next request is 401', async () => {
    const token = secretOf(await runAdmin(['issue-token', '--user', 'usr_ops1'], repository));
    const key = secretOf(await runAdmin(['issue-api-key', '--organization', 'org_trailclub'], repository));
    expect(await runAdmin(['revoke-token', '--token', token], repository)).toBe('token revoked');
    expect(await runAdmin(['revoke-api-key', '--key', key], repository)).toBe('API key revoked');
    expect(await runAdmin(['revoke-token', '--token', token], repository)).toBe('no active token matches');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { 'x-api-key': key } })).statusCode).toBe(401);
  });
});
