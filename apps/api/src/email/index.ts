/**
 * The email outbox: a storage-only module (`repository.outbox`). Services queue emails on
 * the transaction of the change that sends them; the delivery worker (`delivery.ts`,
 * started by `createApp` when `SMTP_URL` is set) sends them.
 */
import { defineResource } from '../resources/module.js';
import { openOutboxStorage } from './outbox.js';

export type { OutboxStorage, OutgoingEmail, QueuedEmail } from './outbox.js';

export const outbox = defineResource({
  name: 'outbox',
  storage: openOutboxStorage,
});
