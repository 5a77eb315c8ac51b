/**
 * CORS for browser callers on an allowlist of origins. What a preflight allows is the
 * contract's: the path's methods and the request headers its operations take
 * (`allowedAt`); what browser code may read is every response header the contract documents
 * plus the two the server itself sets (`X-Request-Id`, `Idempotent-Replayed`).
 *
 * Credentials travel in headers (`Authorization`, `X-API-Key`), never cookies, so
 * `Access-Control-Allow-Credentials` is never sent: a page must hold a token to call.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowedAt, errorBody, responseHeaderNames } from '@astral/openapi';
import { REPLAYED_HEADER } from './idempotency-replay.js';

/** The server's CORS settings. */
export interface CorsOptions {
  /**
   * The origins a browser page may call from: exact (`https://app.example.com`) or with any
   * port (`http://localhost:*`). Empty: no origin, and no CORS header is ever sent.
   */
  origins: readonly string[];
  /** How long a browser may reuse a preflight's answer, in seconds (default 600). */
  maxAgeSeconds?: number;
}

/** The header every response carries (server.ts), readable cross-origin. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** `scheme://host[:port|:*]`, nothing after: the shape of an Origin header, or of one with any port. */
const ORIGIN_PATTERN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;
const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' };

/**
 * Why an allowlist entry cannot be used, or `undefined` when it can.
 *
 * @example
 * ```ts
 * originPatternProblem('http://localhost:*'); // undefined
 * originPatternProblem('localhost:5173'); // "...must be scheme://host[:port] ..."
 * ```
 */
export function originPatternProblem(pattern: string): string | undefined {
  const match = ORIGIN_PATTERN.exec(pattern.toLowerCase());
  if (!match) return `"${pattern}" must be scheme://host[:port] (http or https, no path), or scheme://host:* for any port`;
  const port = match[3];
  if (port !== undefined && port !== '*' && Number(port) > 65535) return `"${pattern}" has a port above 65535`;
  return undefined;
}

/**
 * A test for Origin header values from allowlist entries (see `CorsOptions.origins`).
 * An entry with the scheme's default port also matches the Origin a browser sends without it.
 *
 * @example
 * ```ts
 * const allowed = originMatcher(['http://localhost:*', 'https://app.example.com']);
 * allowed('http://localhost:5173'); // true
 * allowed('https://evil.example.com'); // false
 * ```
 */
export function originMatcher(patterns: readonly string[]): (origin: string) => boolean {
  const exact = new Set<string>();
  const anyPort = new Set<string>();
  for (const pattern of patterns) {
    const problem = originPatternProblem(pattern);
    if (problem) throw new TypeError(`CORS origin ${problem}`);
    const [, scheme, host, port] = ORIGIN_PATTERN.exec(pattern.toLowerCase())!;
    if (port === '*') anyPort.add(`${scheme}://${host}`);
    else exact.add(port === undefined || port === DEFAULT_PORTS[scheme!] ? `${scheme}://${host}` : `${scheme}://${host}:${port}`);
  }
  return (origin) => {
    if (exact.has(origin)) return true;
    const match = ORIGIN_PATTERN.exec(origin);
    return match !== null && match[3] !== '*' && anyPort.has(`${match[1]}://${match[2]}`);
  };
}

/** The headers browser code may read, beyond the ones it always can. */
export const exposedHeaders: readonly string[] = [REQUEST_ID_HEADER, REPLAYED_HEADER, ...responseHeaderNames];

export interface Cors {
  /** Adds the CORS headers a response to this request carries (onSend). */
  decorate(request: FastifyRequest, reply: FastifyReply): void;
  /** Answers a preflight (OPTIONS with Origin and Access-Control-Request-Method); false when the request is none. */
  answerPreflight(request: FastifyRequest, reply: FastifyReply): boolean;
}

/**
 * The CORS behaviour for an allowlist.
 *
 * - A response to an allowed Origin carries `Access-Control-Allow-Origin` (that origin) and
 *   `Access-Control-Expose-Headers`; every response carries `Vary: Origin`, since it
 *   depends on it. A disallowed origin gets no CORS header, and the browser refuses the
 *   answer to its page.
 * - A preflight from an allowed origin to a contract path is `204` with the path's methods
 *   and request headers, whatever method it asks about (the browser then refuses a method
 *   or header not listed, and says which); to a path the contract lacks it is the usual
 *   `404`, which fails the preflight. A preflight from any other origin is answered as any
 *   OPTIONS request is (405 with `Allow`, or 404), with no CORS header.
 */
export function createCors(options: CorsOptions): Cors {
  const allowed = originMatcher(options.origins);
  const maxAge = String(options.maxAgeSeconds ?? 600);
  const expose = exposedHeaders.join(', ');
  const allowedOrigin = (request: FastifyRequest): string | undefined => {
    const origin = request.headers.origin;
    return typeof origin === 'string' && allowed(origin) ? origin : undefined;
  };
  return {
    decorate(request, reply) {
      reply.header('vary', varyWithOrigin(reply.getHeader('vary')));
      const origin = allowedOrigin(request);
      if (origin === undefined) return;
      reply.header('access-control-allow-origin', origin);
      if (!reply.hasHeader('access-control-allow-methods')) reply.header('access-control-expose-headers', expose);
    },
    answerPreflight(request, reply) {
      if (request.method !== 'OPTIONS' || request.headers['access-control-request-method'] === undefined) return false;
      const origin = allowedOrigin(request);
      if (origin === undefined) return false;
      const allowance = allowedAt(request.url);
      if (!allowance) {
        void reply.code(404).send(errorBody('NOT_FOUND', { message: `No route for ${request.url.split('?')[0]}` }));
        return true;
      }
      void reply
        .code(204)
        .header('access-control-allow-methods', allowance.methods.join(', '))
        .header('access-control-allow-headers', allowance.requestHeaders.join(', '))
        .header('access-control-max-age', maxAge)
        .send();
      return true;
    },
  };
}

function varyWithOrigin(current: ReturnType<FastifyReply['getHeader']>): string {
  const values = [current ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  return values.some((value) => value.toLowerCase() === 'origin' || value === '*') ? values.join(', ') : [...values, 'Origin'].join(', ');
}
