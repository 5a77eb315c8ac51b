// Three API processes (`node dist/main.js`) on one PostgreSQL database, requests spread
// across them: they boot together (migrations and the seed once, under the advisory lock),
// duplicate creates race (exactly one 201), the verification-email limit holds however the
// requests are spread, an Idempotency-Key retry on another instance replays, a revocation or
// a logout, a revoked organization API key and a removed member are seen by the instance
// that made them on the next request and by the others as soon as the change notice reaches
// them (polled up to a bound: the callers' cache, docs/ARCHITECTURE.md), a write on one is read on the
// others, every queued email is delivered exactly once although all three poll the outbox,
// and a `kill -9` under write load loses no acknowledged write. Needs `npm run build` (it
// runs the built entry point).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAdmin } from '../src/admin.js';
import { openPostgresRepository } from '../src/repository.js';
import { describeOnDatabases, freshPostgresDatabase } from './databases.js';
import { eventually } from './eventually.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

const mainJs = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const athlete = { authorization: 'Bearer dev-athlete-token', 'content-type': 'application/json' };

interface Instance {
  child: ChildProcess;
  base: string;
}

/** Starts one instance on a free port (PORT=0) and resolves with the address it printed. */
function startInstance(databaseUrl: string, smtpUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      PORT: '0',
      HOST: '127.0.0.1',
      ASTRAL_MODE: 'test',
      SMTP_URL: smtpUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    // A hang guard only: three processes migrate and seed at once while other suites share the
    // two cores. One that never listens is stopped, so a failed start leaves no process behind.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start in 60 s: ${err}`));
    }, 60_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: `${match[1]}/api/v1` });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${code}) before listening: ${err}`));
    });
  });
}

function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGTERM');
  });
}

const race = (name: string) => ({
  race_name: name,
  race_type: 'run',
  race_subtype: '10k',
  race_date: '2026-09-01T08:00:00Z',
  race_location: 'Bern, Switzerland',
});

describeOnDatabases(
  'several instances on $name',
  (lane) => {
    let databaseUrl = '';
    let instances: Instance[] = [];
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      if (!existsSync(mainJs)) throw new Error(`${mainJs} is missing: run \`npm run build -w @astral/api\` first`);
      databaseUrl = await freshPostgresDatabase(lane.serverUrl!);
      smtp = await startSmtpServer();
      // All three at the same moment: migrations and the seed must run once between them.
      const started = await Promise.allSettled([0, 1, 2].map(() => startInstance(databaseUrl, smtp.url)));
      instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    }, 120_000);
    afterAll(async () => {
      await Promise.all(instances.map(stopInstance));
      await smtp?.close();
    });

    /** POST a JSON body to instance `i` (of three, round robin). */
    const post = (i: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${instances[i % 3]!.base}${path}`, {
        method: 'POST',
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it('holds the 3-per-hour verification limit for one address however requests are spread, and mails each once', async () => {
      const email = 'spread@example.com';
      const statuses = await Promise.all(
        Array.from({ length: 7 }, (_, i) => post(i, '/auth/request-verification', { email }).then((r) => r.status)),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
      // All three instances poll the one outbox: each queued email goes out exactly once.
      const deadline = Date.now() + 15_000;
      while (smtp.received.filter((m) => m.to.includes(email)).length < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(3);
    });

    it('replays an Idempotency-Key retry that reaches another instance (one race)', async () => {
      const key = { ...athlete, 'idempotency-key': 'multi-instance-retry-1' };
      const first = await post(0, '/races', race('Bern Idempotent Run'), key);
      const retry = await post(1, '/races', race('Bern Idempotent Run'), key);
      expect([first.status, retry.status]).toEqual([201, 201]);
      expect(((await retry.json()) as { race_id: string }).race_id).toBe(((await first.json()) as { race_id: string }).race_id);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    });

    it('ends a session on every instance when it logs out on one', async () => {
      const login = await post(0, '/auth/login', { email: 'maya@example.com', password: 'Tempo-Run-2025' });
      expect(login.status).toBe(200);
      const bearer = { authorization: `Bearer ${((await login.json()) as { access_token: string }).access_token}` };
      for (const { base } of instances) expect((await fetch(`${base}/auth/me`, { headers: bearer })).status).toBe(200);
      expect((await post(1, '/auth/logout', undefined, bearer)).status).toBe(200);
      expect((await fetch(`${instances[1]!.base}/auth/me`, { headers: bearer })).status).toBe(401);
      for (const { base } of instances)
        expect(await eventually(async () => (await fetch(`${base}/auth/me`, { headers: bearer })).status, 401)).toBe(401);
    });

    it('boots together with one migration and one seed', async () => {
      const counts = await Promise.all(
        instances.map(
          async ({ base }) => (await (await fetch(`${base}/races?limit=100`, { headers: athlete })).json()) as { data: unknown[] },
        ),
      );
      for (const body of counts) expect(body.data.length).toBe(counts[0]!.data.length);
      expect(counts[0]!.data.length).toBeGreaterThan(0);
    });

    it('lets exactly one of concurrent duplicate creates succeed (the rest 409)', async () => {
      const statuses = await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          fetch(`${instances[i % 3]!.base}/races`, {
            method: 'POST',
            headers: athlete,
            body: JSON.stringify(race('Bern Duplicate Run')),
          }).then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(8);
    });

    it('reads a write made on one instance from every other', async () => {
      const created = (await (
        await fetch(`${instances[0]!.base}/races`, {
          method: 'POST',
          headers: athlete,
          body: JSON.stringify(race('Bern Read After Write')),
        })
      ).json()) as {
        race_id: string;
      };
      for (const { base } of instances.slice(1)) {
        expect((await fetch(`${base}/races/${created.race_id}`, { headers: athlete })).status).toBe(200);
      }
    });

    it('revokes a token (admin CLI) on every instance once the change notice reaches it', async () => {
      const repository = openPostgresRepository({ url: databaseUrl, poolSize: 1 });
      try {
        const token = (await runAdmin(['issue-token', '--user', 'usr_athlete1'], repository)).match(/Bearer (\S+)/)![1]!;
        for (const { base } of instances)
          expect((await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
        expect(await runAdmin(['revoke-token', '--token', token], repository)).toBe('token revoked');
        for (const { base } of instances) {
          const status = async () => (await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;
          expect(await eventually(status, 401)).toBe(401);
        }
      } finally {
        await repository.close();
      }
    });

    it('refuses a revoked organization API key and a removed member on the instance that made the change at once, on every other soon after', async () => {
      const coach = { authorization: 'Bearer dev-coach-token' };
      const org = '/organizations/org_alpineclub';
      const created = await post(0, `${org}/api-keys`, { name: 'Multi-instance key' }, coach);
      expect(created.status).toBe(201);
      const { data, secret } = (await created.json()) as { data: { key_id: string }; secret: string };
      const key = { 'x-api-key': secret };
      for (const { base } of instances) expect((await fetch(`${base}${org}/members`, { headers: key })).status).toBe(200);
      expect((await fetch(`${instances[1]!.base}${org}/api-keys/${data.key_id}`, { method: 'DELETE', headers: coach })).status).toBe(200);
      expect((await fetch(`${instances[1]!.base}${org}/members`, { headers: key })).status).toBe(401);
      for (const { base } of instances)
        expect(await eventually(async () => (await fetch(`${base}${org}/members`, { headers: key })).status, 401)).toBe(401);

      const member = { authorization: 'Bearer dev-member-token' };
      for (const { base } of instances) expect((await fetch(`${base}${org}`, { headers: member })).status).toBe(200);
      expect((await fetch(`${instances[2]!.base}${org}/members/usr_athlete2`, { method: 'DELETE', headers: coach })).status).toBe(200);
      expect((await fetch(`${instances[2]!.base}${org}`, { headers: member })).status).toBe(404);
      for (const { base } of instances)
        expect(await eventually(async () => (await fetch(`${base}${org}`, { headers: member })).status, 404)).toBe(404);
    });

    it('keeps every acknowledged write when one instance is killed (-9) under write load', async () => {
      const acknowledged: string[] = [];
      const victim = instances[2]!;
      // Three writers, one per instance, 40 creates each at most (bounded); the victim dies after 20 acknowledged writes.
      const writer = async (instance: Instance, w: number) => {
        for (let i = 0; i < 40; i++) {
          try {
            const response = await fetch(`${instance.base}/races`, {
              method: 'POST',
              headers: athlete,
              body: JSON.stringify(race(`Kill Test ${w}-${i}`)),
            });
            if (response.status === 201) acknowledged.push(((await response.json()) as { race_id: string }).race_id);
          } catch {
            return; // the killed instance's connections fail: that writer stops
          }
          if (acknowledged.length === 20 && victim.child.exitCode === null) victim.child.kill('SIGKILL');
        }
      };
      await Promise.all(instances.map((instance, w) => writer(instance, w)));
      if (victim.child.exitCode === null && victim.child.signalCode === null) await once(victim.child, 'exit');
      expect(victim.child.signalCode).toBe('SIGKILL');
      expect(acknowledged.length).toBeGreaterThanOrEqual(20);
      const survivor = instances[0]!;
      const missing: string[] = [];
      for (const id of acknowledged) {
        if ((await fetch(`${survivor.base}/races/${id}`, { headers: athlete })).status !== 200) missing.push(id);
      }
      expect(missing).toEqual([]);
    });
  },
  'postgres',
);
