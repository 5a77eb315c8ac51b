// The email outbox and its delivery worker, on each database and a real SMTP server: an
// email commits or rolls back with the change that sends it, is delivered once and then
// deleted, survives a mail server that is down, and two workers never send it twice.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { deliverEmailsWithApp } from '../src/email/app-delivery.js';
import { openSqliteRepository } from '../src/repository.js';
import { retryDelayMs, startEmailDelivery, type EmailDelivery, type EmailDeliveryOptions } from '../src/email/delivery.js';
import type { NewUser } from '../src/resources/users/model.js';
import { describeOnDatabases } from './databases.js';
import { twoInstances, type TwoInstances } from './instances.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';

const t0 = Date.parse('2026-05-01T10:00:00Z');
const quiet = { info: () => undefined, warn: () => undefined };
const from = 'Astral <no-reply@astral.local>';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Workers first, then the servers and databases they use.
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});
const instances = async (...args: Parameters<typeof twoInstances>): Promise<TwoInstances> => {
  const opened = await twoInstances(...args);
  cleanups.push(() => opened.close());
  return opened;
};
const smtpServer = async (port?: number): Promise<TestSmtpServer> => {
  const server = await startSmtpServer(port);
  cleanups.push(() => server.close());
  return server;
};
const worker = (options: Omit<EmailDeliveryOptions, 'from' | 'logger' | 'pollMs'> & Partial<EmailDeliveryOptions>): EmailDelivery => {
  const delivery = startEmailDelivery({ from, logger: quiet, pollMs: 0, ...options });
  cleanups.push(() => delivery.stop());
  return delivery;
};
const user = (id: string): NewUser => ({
  user_id: id,
  username: id.replace('usr_', ''),
  display_name: 'Ana',
  email: 'ana@example.com',
  role: 'athlete',
  organization_id: null,
});

describeOnDatabases('the email outbox on $name', (lane) => {
  it('queues an email in the transaction of the change that sends it: both commit, or neither', async () => {
    const { first: repository } = await instances(lane);
    const now = new Date(t0);
    const emailId = await repository.transaction(async (tx) => {
      await tx.users.create(user('usr_ana'));
      return tx.outbox.enqueue({ to: 'ana@example.com', subject: 'Confirm your email', text: 'Your code: 123456' }, now);
    });
    expect(emailId).toMatch(/^eml_[A-Za-z0-9]{16}$/);
    expect(await repository.outbox.get(emailId)).toMatchObject({ to: 'ana@example.com', attempts: 0, nextAttemptAt: now, lastError: null });

    let queued: string | undefined;
    const failed = await repository
      .transaction(async (tx) => {
        queued = await tx.outbox.enqueue({ to: 'bob@example.com', subject: 'Confirm your email', text: 'Your code: 654321' }, now);
        await tx.users.create(user('usr_ana')); // taken: the whole transaction rolls back
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(await repository.outbox.get(queued!)).toBeUndefined();
  });

  it('delivers over SMTP (to, subject, plain text, sender), then deletes the email', async () => {
    const { first: repository } = await instances(lane);
    const smtp = await smtpServer();
    const now = new Date(t0);
    const emailId = await repository.outbox.enqueue(
      { to: 'ana@example.com', subject: 'Reset your password', text: 'Use this link: https://astral.local/reset?token=abc' },
      now,
    );
    const delivery = worker({ outbox: repository.outbox, smtpUrl: smtp.url, now: () => now });
    expect(await delivery.deliverDue()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message).toMatchObject({ to: ['ana@example.com'], subject: 'Reset your password', from });
    expect(message!.body).toContain('Use this link: https://astral.local/reset?token=abc');
    expect(await repository.outbox.get(emailId)).toBeUndefined();
    expect(await delivery.deliverDue()).toBe(0);
  });

  it('keeps an email while the mail server is down, retries with backoff, and delivers it once it is back', async () => {
    const { first: repository } = await instances(lane);
    const smtp = await smtpServer();
    const port = smtp.port;
    await smtp.close();
    let now = new Date(t0);
    const emailId = await repository.outbox.enqueue({ to: 'ana@example.com', subject: 'Welcome', text: 'Hello Ana' }, now);
    const delivery = worker({ outbox: repository.outbox, smtpUrl: `smtp://127.0.0.1:${port}`, now: () => now });

    expect(await delivery.deliverDue()).toBe(0);
    const kept = await repository.outbox.get(emailId);
    expect(kept).toMatchObject({ attempts: 1, nextAttemptAt: new Date(t0 + retryDelayMs(1)) });
    expect(kept!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Not due again before the backoff has passed.
    expect(await delivery.deliverDue()).toBe(0);
    expect(await repository.outbox.get(emailId)).toMatchObject({ attempts: 1 });

    const back = await smtpServer(port);
    now = new Date(t0 + retryDelayMs(1));
    expect(await delivery.deliverDue()).toBe(1);
    expect(back.received).toMatchObject([{ to: ['ana@example.com'], subject: 'Welcome' }]);
    expect(back.received[0]!.body).toContain('Hello Ana');
    expect(await repository.outbox.get(emailId)).toBeUndefined();
  });

  it('backs off exponentially, up to 10 minutes', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000, 600_000, 600_000, 600_000]);
  });

  it('leases a claimed email: no other worker takes it until the lease runs out', async () => {
    const { first, second } = await instances(lane);
    const now = new Date(t0);
    const emailId = await first.outbox.enqueue({ to: 'ana@example.com', subject: 'Hi', text: 'Hi' }, now);
    expect((await first.outbox.claimDue(now, { limit: 10, leaseMs: 60_000 })).map((email) => email.emailId)).toEqual([emailId]);
    expect(await second.outbox.claimDue(new Date(t0 + 59_999), { limit: 10, leaseMs: 60_000 })).toEqual([]);
    // The first worker died mid-send: after the lease, another takes the email.
    expect((await second.outbox.claimDue(new Date(t0 + 60_001), { limit: 10, leaseMs: 60_000 })).map((e) => e.emailId)).toEqual([emailId]);
  });

  it('delivers each email exactly once when two instances deliver at the same time', async () => {
    const { first, second } = await instances(lane);
    const smtp = await smtpServer();
    const now = new Date(t0);
    const ids = await Promise.all(
      Array.from({ length: 24 }, (_, n) =>
        first.outbox.enqueue({ to: `user${n}@example.com`, subject: `Email ${n}`, text: `Body ${n}` }, now),
      ),
    );
    const workers = [first, second].map((repository) =>
      worker({ outbox: repository.outbox, smtpUrl: smtp.url, now: () => now, batchSize: 5 }),
    );
    const counts = await Promise.all(workers.map((delivery) => delivery.deliverDue()));
    expect(counts[0]! + counts[1]!).toBe(24);
    expect(smtp.received.map((message) => message.subject).sort()).toEqual(Array.from({ length: 24 }, (_, n) => `Email ${n}`).sort());
    for (const id of ids) expect(await first.outbox.get(id)).toBeUndefined();
  });
});

// The app's wiring (`createApp` calls `deliverEmailsWithApp`) on a bare Fastify instance,
// which is what `createAstralServer` returns: the hooks are Fastify's.
describe('the delivery worker in the app lifecycle', () => {
  const server = (logger: FastifyServerOptions['logger'] = false) => Fastify({ logger });
  const sqlite = () => {
    const repository = openSqliteRepository({ inMemory: true });
    cleanups.push(() => repository.close());
    return repository;
  };

  it('delivers the outbox from onReady, and stops when the app closes', async () => {
    const smtp = await smtpServer();
    const repository = sqlite();
    const app = server();
    deliverEmailsWithApp(app, { repository, email: { smtpUrl: smtp.url, pollMs: 20 }, now: () => new Date() });
    cleanups.push(() => app.close());
    await app.ready();
    await repository.outbox.enqueue({ to: 'ana@example.com', subject: 'Welcome', text: 'Hello Ana' }, new Date());
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 5000 });
    expect(smtp.received[0]).toMatchObject({ to: ['ana@example.com'], subject: 'Welcome', from });
    await app.close();
    await repository.outbox.enqueue({ to: 'bob@example.com', subject: 'Welcome', text: 'Hello Bob' }, new Date());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smtp.received).toHaveLength(1);
  });

  it('without an SMTP URL delivers nothing and says once that emails stay queued', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const repository = sqlite();
    const app = server({ level: 'warn', stream });
    deliverEmailsWithApp(app, { repository, email: undefined, now: () => new Date() });
    cleanups.push(() => app.close());
    await app.ready();
    const emailId = await repository.outbox.enqueue({ to: 'ana@example.com', subject: 'Welcome', text: 'Hello Ana' }, new Date());
    expect(logged.match(/emails stay queued/g)).toHaveLength(1);
    expect(await repository.outbox.get(emailId)).toMatchObject({ attempts: 0 });
  });
});
