/**
 * One operation of the contract as a Fastify route: its method and URL, the schemas that
 * validate (and in production serialise) it, authentication, the idempotency gate, and the
 * handler call whose result is checked against the contract. Everything per operation is
 * built here once, at start; a request only runs the closures.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { basePath, deprecationHeaders, operationTable, queryDefaulter } from '@astral/openapi';
import { credentialsOf, principalOf, type OperationAuthentication } from './caller.js';
import { requestSchemas, responseSchema } from './contract-schemas.js';
import { ApiError } from './errors.js';
import { isEventStreamOutcome, sendEventStream, type EventCheck } from './event-stream.js';
import type { ErrorResponse, MapError } from './error-handler.js';
import { NO_QUERY, readQuery, type HandlerQuery } from './handler-query.js';
import { contentTypeCheck } from './request-bodies.js';
import type { IdempotencyGate } from './idempotency.js';
import { sendReplay } from './idempotency-replay.js';
import { fingerprintInput, idempotencyHooks, settleWhenClosed } from './idempotency-route.js';
import type { HandlerOutcome, OutcomeCheck } from './response-check.js';
import { sendResponse } from './send-response.js';
import type { OperationId } from './types.js';

/**
 * What a route passes its handler (`HandlerInput`). The per-operation types
 * (`HandlerContext<'getRace'>`) are the handler map's; here the input is only what the
 * operation's schemas validated.
 */
interface RouteContext {
  params: unknown;
  query: Record<string, unknown>;
  sentQuery: ReadonlySet<string>;
  body: unknown;
  principal: unknown;
  request: FastifyRequest;
  signal: AbortSignal;
}

/** A handler as its route calls it. */
export type RouteHandler = (context: RouteContext) => unknown;

/**
 * The handler of an operation from the application's map, checked at start (a map built
 * without the types can miss one). Read as `unknown`, so no cast depends on the operations
 * the contract has.
 */
export function handlerOf(handlers: Readonly<Record<string, unknown>>, id: OperationId): RouteHandler {
  const handler = handlers[id];
  if (!isRouteHandler(handler)) throw new TypeError(`createAstralServer: no handler for operation ${id}`);
  return handler;
}

function isRouteHandler(value: unknown): value is RouteHandler {
  return typeof value === 'function';
}

/** An operation's parts, built once per server (see `createAstralServer`). */
export interface OperationParts {
  handler: RouteHandler;
  authenticate: OperationAuthentication;
  check: OutcomeCheck;
  /** The checks of `text/event-stream` responses' events. */
  events: EventCheck;
  gate: IdempotencyGate | undefined;
  mapError: MapError | undefined;
  /** `false` only in the benchmark's validation-off variant. */
  validateRequests: boolean;
  /** Production: response schemas for fast-json-stringify, which writes only declared fields. */
  serialiseResponses: boolean;
  /** The application's one limit for every operation (tests); default each operation's own (`bodyLimitBytes`). */
  bodyLimit?: number | undefined;
}

/** The route of one operation. */
export function operationRoute(id: OperationId, parts: OperationParts): RouteOptions {
  const { handler, authenticate, check, events, gate, mapError } = parts;
  const entry = operationTable[id];
  const fillQuery = queryDefaulter(id);
  const queryNames: readonly string[] = entry.queryParams;
  // A deprecated operation says so on every answer, errors included (RFC 9745, RFC 8594).
  const deprecation = deprecationHeaders(id);
  const deprecated = Object.keys(deprecation).length > 0;
  const checkContentType = contentTypeCheck(id);

  return {
    method: entry.method.toUpperCase(),
    url: basePath + entry.path.replace(/\{([^}]+)\}/g, ':$1'),
    bodyLimit: parts.bodyLimit ?? entry.bodyLimitBytes,
    schema: {
      ...(parts.validateRequests ? requestSchemas(id) : {}),
      ...(parts.serialiseResponses ? { response: responseSchemas(id) } : {}),
    },
    // An async hook, not a callback one that waits on a promise: one promise and closure
    // fewer per request.
    onRequest: async (request, reply) => {
      if (deprecated) reply.headers(deprecation);
      await authenticate(request);
      const refused = checkContentType?.(request);
      if (refused) throw refused;
    },
    ...idempotencyHooks(gate),
    handler: async (request, reply) => {
      const input = queryNames.length > 0 ? readQuery(request.query as Record<string, unknown>, queryNames, fillQuery) : NO_QUERY;
      const claiming = gate?.begin(request, () => fingerprintInput(request, input), credentialsOf(request));
      if (claiming && gate) {
        const stored = await claiming;
        if (stored) return sendReplay(reply, stored);
        settleWhenClosed(gate, request, reply);
      }
      const context = new HandlerInput(request, reply.raw, input);
      let result: HandlerOutcome;
      try {
        result = (await handler(context)) as HandlerOutcome;
      } catch (error) {
        const known = error instanceof ApiError ? error : mapError?.(error);
        if (!known) throw error;
        result = known.toResult();
      }
      const violation = check(request, result);
      if (!violation && isEventStreamOutcome(result)) return sendEventStream(reply, id, result, events);
      gate?.noteHeaders(request, result.headers);
      return sendResponse(reply, violation ?? (result as ErrorResponse));
    },
  };
}

/**
 * What a route passes its handler. `signal` is made when a handler first reads it: an
 * `AbortSignal` and its `close` listener on every request cost about 6 µs, and most handlers
 * never look at it. A class, so the getter lives on its prototype (an object literal with a
 * getter is built by V8's slow path, which cost more than the signal).
 */
class HandlerInput implements RouteContext {
  readonly params: unknown;
  readonly query: Record<string, unknown>;
  readonly sentQuery: ReadonlySet<string>;
  readonly body: unknown;
  readonly principal: unknown;
  readonly request: FastifyRequest;
  readonly #response: FastifyReply['raw'];
  #signal: AbortSignal | undefined;

  constructor(request: FastifyRequest, response: FastifyReply['raw'], input: HandlerQuery) {
    this.params = request.params ?? {};
    this.query = input.query;
    this.sentQuery = input.sent;
    this.body = request.body;
    this.principal = principalOf(request);
    this.request = request;
    this.#response = response;
  }

  /** Aborted when the client goes away before the response is complete. */
  get signal(): AbortSignal {
    if (this.#signal) return this.#signal;
    const response = this.#response;
    const abort = new AbortController();
    this.#signal = abort.signal;
    // Read after the client went: aborted already.
    if (response.destroyed && !response.writableFinished) abort.abort();
    else
      response.once('close', () => {
        if (!response.writableFinished) abort.abort();
      });
    return this.#signal;
  }
}

/** The JSON body schema of each documented status that has one. */
function responseSchemas(id: OperationId): Record<number, unknown> {
  const responses: Record<number, unknown> = {};
  for (const status of operationTable[id].statuses) {
    const schema = responseSchema(id, status);
    if (schema) responses[status] = schema;
  }
  return responses;
}
