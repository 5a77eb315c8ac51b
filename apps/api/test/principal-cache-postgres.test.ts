// The callers' cache on PostgreSQL (auth/principal-cache.ts behind storage/postgres-change-notices.ts):
// two API instances on one database. A revocation, a logout, a suspension or a cascaded
// delete made through instance A is refused by A on the very next request and by B as soon
// as the change notice reaches it (polled up to a bound). While B's listening connection is
// down B caches nothing, and the (re)connect makes everything it cached before stale.
//
// "Silent" writes below run with `session_replication_role = replica`, which keeps triggers
// from firing: no notice is sent, so what B answers afterwards shows whether it was caching.
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAdmin } from '../src/admin.js';
import { createApp, type App } from '../src/app.js';
import { openRepository, type DatabaseRepository } from '../src/repository.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { openPostgresDatabase } from '../src/storage/postgres.js';
import type { OpenDatabase } from '../src/storage/sqlite.js';
import { describeOnDatabases, freshPostgresDatabase } from './databases.js';
import { eventually } from './eventually.js';

describeOnDatabases(
  'the callers remembered between requests on $name, two instances',
  (lane) => {
    let url = '';
    let a: { database: OpenDatabase; repository: DatabaseRepository; api: App };
    let b: typeof a;
    let superuser: postgres.Sql;
    beforeAll(async () => {
      url = await freshPostgresDatabase(lane.serverUrl!);
      const instance = async (reconnectDelayMs?: number) => {
        const database = openPostgresDatabase({ url, poolSize: 4, ...(reconnectDelayMs === undefined ? {} : { reconnectDelayMs }) });
        const repository = openRepository(database);
        const api = createApp({ mode: 'test', repository });
        await api.app.ready();
        return { database, repository, api };
      };
      a = await instance();
      // B reconnects its listener 2 s after a drop, so the test can ask it something while it is down.
      b = await instance(2_000);
      superuser = postgres(url, { max: 1, onnotice: () => undefined });
    });
    afterAll(async () => {
      await a?.api.close();
      await b?.api.close();
      await superuser?.end();
    });

    const statusOf = async (on: typeof a, headers: Record<string, string>) =>
      (await on.api.app.inject({ url: '/api/v1/auth/me', headers })).statusCode;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const issueToken = async (user: string) => (await runAdmin(['issue-token', '--user', user], a.repository)).match(/Bearer (\S+)/)![1]!;
    /** Both instances answer `headers` with 200, then B has it cached (its listener up). */
    const acceptedByBoth = async (headers: Record<string, string>) => {
      expect(await statusOf(a, headers)).toBe(200);
      expect(await statusOf(b, headers)).toBe(200);
      expect(await eventually(() => b.database.changeNotices!.listening(), true)).toBe(true);
      expect(await statusOf(b, headers)).toBe(200);
      expect(await statusOf(b, headers)).toBe(200);
    };
    const silently = (work: (sql: postgres.TransactionSql) => Promise<unknown>) =>
      superuser.begin(async (sql) => {
        await sql`set local session_replication_role = replica`;
        await work(sql);
      });
    const silentRevoke = (token: string) =>
      silently((sql) => sql`update access_tokens set revoked_at = '2026-01-01T00:00:00Z' where token_hash = ${hashCredential(token)}`);
    const dropListener = async (on: typeof a) => {
      const pid = on.database.changeNotices!.backendPid();
      expect(pid).toBeTypeOf('number');
      expect((await superuser`select pg_terminate_backend(${pid!}) as done`)[0]!.done).toBe(true);
      expect(await eventually(() => on.database.changeNotices!.listening(), false)).toBe(false);
    };

    it('refuses a token revoked through A on A at once and on B after the notice', async () => {
      const token = await issueToken('usr_athlete1');
      await acceptedByBoth(bearer(token));
      expect(await runAdmin(['revoke-token', '--token', token], a.repository)).toBe('token revoked');
      expect(await statusOf(a, bearer(token))).toBe(401);
      expect(await eventually(() => statusOf(b, bearer(token)), 401)).toBe(401);
    });

    it('refuses a revoked API key, a logged-out session and a suspended user the same way', async () => {
      const key = {
        'x-api-key': (await runAdmin(['issue-api-key', '--organization', 'org_alpineclub'], a.repository)).match(/X-API-Key: (\S+)/)![1]!,
      };
      await acceptedByBoth(key);
      expect(await runAdmin(['revoke-api-key', '--key', key['x-api-key']], a.repository)).toBe('API key revoked');
      expect(await statusOf(a, key)).toBe(401);
      expect(await eventually(() => statusOf(b, key), 401)).toBe(401);

      const login = await a.api.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'maya@example.com', password: 'Tempo-Run-2025' },
      });
      expect(login.statusCode).toBe(200);
      const session = bearer(login.json<{ access_token: string }>().access_token);
      await acceptedByBoth(session);
      expect((await a.api.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session })).statusCode).toBe(200);
      expect(await statusOf(a, session)).toBe(401);
      expect(await eventually(() => statusOf(b, session), 401)).toBe(401);

      const suspended = bearer(await issueToken('usr_athlete2'));
      await acceptedByBoth(suspended);
      await a.repository.users.update('usr_athlete2', (user) => ({ ...user, status: 'suspended' }));
      expect(await statusOf(a, suspended)).toBe(401);
      expect(await eventually(() => statusOf(b, suspended), 401)).toBe(401);
    });

    it("hears of a token deleted by a cascade from its session, with the session table's own trigger off", async () => {
      const login = await a.api.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'maya@example.com', password: 'Tempo-Run-2025' },
      });
      const session = bearer(login.json<{ access_token: string }>().access_token);
      await acceptedByBoth(session);
      // Only the cascade's delete on access_tokens can notify now.
      await superuser`alter table sessions disable trigger astral_credentials_notice`;
      try {
        const [{ session_id: sessionId }] = (await superuser`
          select session_id from access_tokens where token_hash = ${hashCredential(session.authorization.slice('Bearer '.length))}`) as unknown as [
          { session_id: string },
        ];
        expect(await a.database.db.deleteFrom('sessions').where('session_id', '=', sessionId).executeTakeFirst()).toMatchObject({
          numDeletedRows: 1n,
        });
        expect(await statusOf(a, session)).toBe(401);
        expect(await eventually(() => statusOf(b, session), 401)).toBe(401);
      } finally {
        await superuser`alter table sessions enable trigger astral_credentials_notice`;
      }
    });

    it('caches nothing on B while its listener is down, and caches again once it is back', async () => {
      const token = await issueToken('usr_athlete1');
      await acceptedByBoth(bearer(token));
      await dropListener(b);
      // Revoked while B cannot hear of it: refused all the same.
      expect(await runAdmin(['revoke-token', '--token', token], a.repository)).toBe('token revoked');
      expect(await statusOf(b, bearer(token))).toBe(401);

      const next = bearer(await issueToken('usr_athlete1'));
      expect(await eventually(() => b.database.changeNotices!.listening(), true)).toBe(true);
      await acceptedByBoth(next);
      // Caching again: a revocation that sends no notice is not seen by B (it would be, uncached).
      await silentRevoke(next.authorization.slice('Bearer '.length));
      expect(await statusOf(a, next)).toBe(200);
      expect(await statusOf(b, next)).toBe(200);
    });

    it('forgets what B cached before its listener dropped, once it is listening again', async () => {
      const token = await issueToken('usr_coach1');
      await acceptedByBoth(bearer(token));
      await silentRevoke(token);
      expect(await statusOf(b, bearer(token))).toBe(200);
      await dropListener(b);
      expect(await eventually(() => b.database.changeNotices!.listening(), true)).toBe(true);
      expect(await statusOf(b, bearer(token))).toBe(401);
    });
  },
  'postgres',
);
