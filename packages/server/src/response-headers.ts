/**
 * The headers every response carries, whoever answered it (a handler, an error, Fastify
 * itself): the OWASP security headers (security-headers.ts), the request id, and CORS's for
 * an allowed origin. And which request id that is.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Cors } from './cors.js';
import { securityHeaders } from './security-headers.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Computed once: the same on every response. */
const SECURITY_HEADERS = securityHeaders();

/** A caller's (or proxy's) request id is kept when it is sane, so logs correlate across hops. */
export function requestIdFor(request: { headers: IncomingHttpHeaders }): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Sets the headers on one reply (for the answers that do not pass the `onSend` hook). */
export function stampResponse(request: FastifyRequest, reply: FastifyReply, cors: Cors | undefined): void {
  reply.headers(SECURITY_HEADERS);
  reply.header('x-request-id', request.id);
  cors?.decorate(request, reply);
}

/** Sets the headers on every reply the app sends. */
export function stampResponses(app: FastifyInstance, cors: Cors | undefined): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    stampResponse(request, reply, cors);
    done(null, payload);
  });
}
