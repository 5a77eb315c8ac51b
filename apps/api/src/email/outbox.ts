/**
 * The email outbox: emails are rows written in the same transaction as the change that
 * sends them (a sign-up and its confirmation link commit or roll back together), and a
 * delivery worker on any instance sends them later (`delivery.ts`). A delivered email is
 * deleted: one that carried a token is not kept once it has done its job.
 *
 * Workers claim rows with a lease (`claimed_until_ms`) in one statement; on PostgreSQL the
 * claim's read skips rows another worker is claiming (`FOR UPDATE SKIP LOCKED`), so two
 * instances never take the same email. A worker that dies mid-send leaves its lease to run
 * out, and another worker takes the email again (at least once, never lost).
 */
import type { Kysely } from 'kysely';
import { randomId } from '../domain/ids.js';
import { formatInstant } from '../domain/time.js';
import type { StorageContext } from '../storage/context.js';
import { claimable } from '../storage/dialect.js';
import { prepareQuery } from '../storage/prepared.js';

/** An email to send. */
export interface OutgoingEmail {
  /** The recipient's address. */
  to: string;
  subject: string;
  /** The plain-text body (always sent). */
  text: string;
  /** An HTML alternative. */
  html?: string | undefined;
}

/** An email in the outbox, as a worker or a test sees it. */
export interface QueuedEmail extends OutgoingEmail {
  emailId: string;
  createdAt: string;
  /** Failed sends so far. */
  attempts: number;
  /** When it is (or was) due next. */
  nextAttemptAt: Date;
  /** Why the last send failed. */
  lastError: string | null;
}

/** The table this storage reads and writes (created by migration 3). */
export interface OutboxTables {
  email_outbox: {
    email_id: string;
    recipient: string;
    subject: string;
    text_body: string;
    html_body: string | null;
    created_at: string;
    next_attempt_ms: number;
    claimed_until_ms: number | null;
    attempts: number;
    last_error: string | null;
  };
}

export interface OutboxStorage {
  /**
   * Queues an email, due at once; returns its id (`eml_...`). Call it on the transaction of
   * the change that sends it (`repository.transaction`), so both commit or neither does.
   */
  enqueue(email: OutgoingEmail, now: Date): Promise<string>;
  /**
   * Takes up to `limit` due emails nobody holds, each for `leaseMs`: no other worker gets
   * them until the lease runs out. Atomic across instances.
   */
  claimDue(now: Date, options: { limit: number; leaseMs: number }): Promise<QueuedEmail[]>;
  /** Removes a delivered email. */
  delivered(emailId: string): Promise<void>;
  /** Records a failed send and when to try again (the lease ends). */
  failed(emailId: string, error: string, retryAt: Date): Promise<void>;
  /** One email, if still queued (tests, diagnostics). */
  get(emailId: string): Promise<QueuedEmail | undefined>;
}

type Row = OutboxTables['email_outbox'];

const columns = [
  'email_id',
  'recipient',
  'subject',
  'text_body',
  'html_body',
  'created_at',
  'next_attempt_ms',
  'claimed_until_ms',
  'attempts',
  'last_error',
] as const;

const queries = (db: Kysely<OutboxTables>, dialect: StorageContext<OutboxTables>['dialect']) => ({
  insert: prepareQuery<Omit<Row, 'claimed_until_ms' | 'attempts' | 'last_error'>, never>((param) =>
    db.insertInto('email_outbox').values({
      email_id: param('email_id'),
      recipient: param('recipient'),
      subject: param('subject'),
      text_body: param('text_body'),
      html_body: param('html_body'),
      created_at: param('created_at'),
      next_attempt_ms: param('next_attempt_ms'),
      attempts: 0,
    }),
  ),
  // One statement: the due rows nobody holds, leased in the same breath. The outer WHERE
  // repeats the condition so a row claimed between the read and the write (possible only
  // where the read does not lock) is not taken twice.
  claim: prepareQuery<{ nowMs: number; untilMs: number; limit: number }, Row>((param) =>
    db
      .updateTable('email_outbox')
      .set({ claimed_until_ms: param('untilMs') })
      .where('email_id', 'in', (eb) =>
        claimable(
          dialect,
          eb
            .selectFrom('email_outbox')
            .select('email_id')
            .where('next_attempt_ms', '<=', param('nowMs'))
            .where((w) => w.or([w('claimed_until_ms', 'is', null), w('claimed_until_ms', '<', param('nowMs'))]))
            .orderBy('next_attempt_ms', 'asc')
            .limit(param('limit')),
        ),
      )
      .where((w) => w.or([w('claimed_until_ms', 'is', null), w('claimed_until_ms', '<', param('nowMs'))]))
      .returning(columns),
  ),
  delete: prepareQuery<{ emailId: string }, never>((param) => db.deleteFrom('email_outbox').where('email_id', '=', param('emailId'))),
  failed: prepareQuery<{ emailId: string; error: string; retryMs: number }, never>((param) =>
    db
      .updateTable('email_outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: param('error'),
        next_attempt_ms: param('retryMs'),
        claimed_until_ms: null,
      }))
      .where('email_id', '=', param('emailId')),
  ),
  get: prepareQuery<{ emailId: string }, Row>((param) =>
    db.selectFrom('email_outbox').select(columns).where('email_id', '=', param('emailId')),
  ),
});

const fromRow = (row: Row): QueuedEmail => ({
  emailId: row.email_id,
  to: row.recipient,
  subject: row.subject,
  text: row.text_body,
  html: row.html_body ?? undefined,
  createdAt: row.created_at,
  attempts: Number(row.attempts),
  nextAttemptAt: new Date(Number(row.next_attempt_ms)),
  lastError: row.last_error,
});

/**
 * The outbox storage on a database (`repository.outbox`).
 *
 * @example
 * ```ts
 * await repository.transaction(async (tx) => {
 *   await tx.users.create(user);
 *   await tx.outbox.enqueue({ to: email, subject: 'Confirm your email', text: `Your link: ${link}` }, now());
 * });
 * ```
 */
export function openOutboxStorage(context: StorageContext<OutboxTables>): OutboxStorage {
  const q = context.once(queries);
  return {
    async enqueue(email, now) {
      const emailId = randomId('eml');
      await context.run(
        q.insert.bind({
          email_id: emailId,
          recipient: email.to,
          subject: email.subject,
          text_body: email.text,
          html_body: email.html ?? null,
          created_at: formatInstant(now.getTime()),
          next_attempt_ms: now.getTime(),
        }),
      );
      return emailId;
    },
    async claimDue(now, { limit, leaseMs }) {
      const rows = await context.rows(q.claim.bind({ nowMs: now.getTime(), untilMs: now.getTime() + leaseMs, limit }));
      return rows.map(fromRow).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    },
    async delivered(emailId) {
      await context.run(q.delete.bind({ emailId }));
    },
    async failed(emailId, error, retryAt) {
      await context.run(q.failed.bind({ emailId, error, retryMs: retryAt.getTime() }));
    },
    get: async (emailId) => {
      const row = await context.first(q.get.bind({ emailId }));
      return row && fromRow(row);
    },
  };
}
