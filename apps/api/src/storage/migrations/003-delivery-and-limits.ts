/**
 * Version 3, what must hold across API instances besides the resources themselves: the
 * rate-limit log, the email outbox and the idempotency records. Instants that are compared
 * are epoch milliseconds (`*_ms`, `BIGINT`); nothing here is read back as a date by callers.
 */
import type { Migration } from './migration.js';

export const deliveryAndLimits: Migration = {
  version: 3,
  name: 'rate-limit hits, email outbox, idempotency keys',
  async up({ db, run }) {
    const { schema } = db;
    // One row per counted request: a sliding-window log. `key_hash` is a SHA-256 of the
    // normalised subject (an email address, an IP), so no address is stored in clear.
    await run(
      schema
        .createTable('rate_limit_hits')
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('hit_ms', 'bigint', (c) => c.notNull()),
    );
    await run(schema.createIndex('rate_limit_hits_key').on('rate_limit_hits').columns(['policy', 'key_hash', 'hit_ms']));

    // Emails written in the transaction of the change that sends them, delivered by the worker
    // (`email/delivery.ts`) and deleted once delivered.
    await run(
      schema
        .createTable('email_outbox')
        .addColumn('email_id', 'text', (c) => c.primaryKey())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('next_attempt_ms', 'bigint', (c) => c.notNull())
        // A worker's lease: until then no other worker takes the email.
        .addColumn('claimed_until_ms', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text'),
    );
    await run(schema.createIndex('email_outbox_due').on('email_outbox').columns(['next_attempt_ms']));

    // One row per (scope, key): the claim, then the response replayed to retries.
    await run(
      schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('locked_ms', 'bigint', (c) => c.notNull())
        .addColumn('completed_ms', 'bigint')
        .addColumn('response_status', 'integer')
        .addColumn('response_body', 'text')
        .addColumn('response_headers', 'text')
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'idempotency_key']),
    );
    await run(schema.createIndex('idempotency_keys_created').on('idempotency_keys').columns(['created_ms']));
  },
};
