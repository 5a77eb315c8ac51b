/**
 * The email outbox (`repository.outbox`, declared as a storage-only module in
 * `resources/index.ts`). Services queue emails on the transaction of the change that sends
 * them; the delivery worker (`delivery.ts`, started by `createApp` when `SMTP_URL` is set)
 * sends them. Below every resource: it imports only the storage layer and the domain.
 */
export type { OutboxStorage, OutgoingEmail, QueuedEmail } from './outbox.js';
