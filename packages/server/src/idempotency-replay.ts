/**
 * How a stored `Idempotency-Key` response is sent again. Apart from `idempotency.ts` so CORS
 * can name the replay header without importing the protocol (and the types it reads).
 */
import type { FastifyReply } from 'fastify';
import type { StoredResponse } from './idempotency-store.js';

/** Set on a replayed response. The draft defines no such header; this is Stripe's name, the one clients know. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Sends a stored response again: its status, the handler's headers and the body as first
 * sent (a string with a JSON content type is not serialised again), marked as a replay.
 * The request id is the new request's (set by the server's `onSend`).
 */
export function sendReplay(reply: FastifyReply, stored: StoredResponse): FastifyReply {
  reply.code(stored.status).headers(stored.headers).header(REPLAYED_HEADER, 'true');
  if (stored.body === '') return reply.send();
  return reply.header('content-type', 'application/json; charset=utf-8').send(stored.body);
}
