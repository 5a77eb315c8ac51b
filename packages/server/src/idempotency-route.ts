/**
 * The contract's `Idempotency-Key` (`idempotency.ts`) wired into the routes: the store, the
 * hooks of an operation that takes the header, and the input its fingerprint reads.
 */
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { HandlerQuery } from './handler-query.js';
import { createIdempotency, type FingerprintParts, type IdempotencyGate } from './idempotency.js';
import type { IdempotencyStore } from './idempotency-store.js';
import { memoryIdempotencyStore } from './memory-idempotency-store.js';
import type { OperationId } from './types.js';

/**
 * Each operation's gate over the application's store (`undefined` for an operation without
 * the header). The in-memory store is the default so the contract's promise holds without
 * set-up, rather than a header accepted and silently ignored, or a start-up error a team must
 * first work around. It is per process, which the log says; several instances need a shared
 * store (the reference API passes its database's).
 */
export function idempotencyGates(
  store: IdempotencyStore | undefined,
  log: FastifyBaseLogger,
): (id: OperationId) => IdempotencyGate | undefined {
  if (!store) {
    log.info(
      'Idempotency-Key records are kept in this process only (memoryIdempotencyStore); pass a shared store to run several instances',
    );
  }
  const idempotency = createIdempotency({ store: store ?? memoryIdempotencyStore() });
  return (id) => idempotency.forOperation(id);
}

/**
 * The route hook that settles a claim: none for an operation without a gate. A request
 * without a claim (no key sent: most of them) passes straight through; a claimed one's
 * response is stored before it leaves (see `settleWhenClosed` for one that never is).
 */
export function idempotencyHooks(gate: IdempotencyGate | undefined): {
  onSend?: (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => void;
} {
  if (!gate) return {};
  return {
    onSend: (request, reply, payload, done) => {
      if (!gate.holdsClaim(request)) return done(null, payload);
      void gate.onSend(request, reply, payload).then(() => done(null, payload));
    },
  };
}

/**
 * Releases a claim nothing settled once the response is closed (a handler that threw past
 * the error handler, a stream cut short). A listener on the claimed request alone, rather
 * than an `onResponse` hook every request of the operation would run. A caller that hangs up
 * does not release its key early: the handler still runs to its end and settles it.
 */
export function settleWhenClosed(gate: IdempotencyGate, request: FastifyRequest, reply: FastifyReply): void {
  reply.raw.once('close', () => void gate.onDone(request));
}

/** What the fingerprint reads: the handler's input as the caller sent it, before query defaults. */
export function fingerprintInput(request: FastifyRequest, { query, sent }: HandlerQuery): Omit<FingerprintParts, 'method' | 'route'> {
  const sentQuery = Object.fromEntries([...sent].map((name) => [name, query[name]]));
  // Raw bytes (a device file) are fingerprinted by their hash, not spelled out as JSON.
  const body = Buffer.isBuffer(request.body) ? { sha256: createHash('sha256').update(request.body).digest('hex') } : request.body;
  return { params: request.params ?? {}, query: sentQuery, body };
}
