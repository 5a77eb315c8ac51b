/**
 * One operation of the contract as a Fastify route: its method and URL, the schemas that
 * validate (and in production serialise) it, authentication, the idempotency gate, and the
 * handler call whose result is checked against the contract. Everything per operation is
 * built here once, at start; a request only runs the closures.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import { basePath, deprecationHeaders, operationTable, queryDefaulter } from '@astral/openapi';
import { credentialsOf, principalOf, type OperationAuthentication } from './caller.js';
import { requestSchemas, responseSchema } from './contract-schemas.js';
import { ApiError } from './errors.js';
import { isEventStreamOutcome, sendEventStream, type EventCheck } from './event-stream.js';
import type { ErrorResponse, MapError } from './error-handler.js';
import { NO_QUERY, readQuery } from './handler-query.js';
import type { IdempotencyGate } from './idempotency.js';
import { sendReplay } from './idempotency-replay.js';
import { fingerprintInput, idempotencyHooks } from './idempotency-route.js';
import type { HandlerOutcome, OutcomeCheck } from './response-check.js';
import { sendResponse } from './send-response.js';
import type { OperationId } from './types.js';

/**
 * What a route passes its handler. The per-operation types (`HandlerContext<'getRace'>`) are
 * the handler map's; here the input is only what the operation's schemas validated.
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

  return {
    method: entry.method.toUpperCase(),
    url: basePath + entry.path.replace(/\{([^}]+)\}/g, ':$1'),
    schema: {
      ...(parts.validateRequests ? requestSchemas(id) : {}),
      ...(parts.serialiseResponses ? { response: responseSchemas(id) } : {}),
    },
    onRequest: (request, reply, done) => {
      if (deprecated) reply.headers(deprecation);
      authenticate(request).then(() => done(), done);
    },
    ...idempotencyHooks(gate),
    handler: async (request, reply) => {
      const input = queryNames.length > 0 ? readQuery(request.query as Record<string, unknown>, queryNames, fillQuery) : NO_QUERY;
      if (gate) {
        const stored = await gate.begin(request, fingerprintInput(request, input), credentialsOf(request));
        if (stored) return sendReplay(reply, stored);
      }
      // A client that goes away before the response is complete aborts the handler's work.
      const abort = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      const context: RouteContext = {
        params: request.params ?? {},
        query: input.query,
        sentQuery: input.sent,
        body: request.body,
        principal: principalOf(request),
        request,
        signal: abort.signal,
      };
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

/** The JSON body schema of each documented status that has one. */
function responseSchemas(id: OperationId): Record<number, unknown> {
  const responses: Record<number, unknown> = {};
  for (const status of operationTable[id].statuses) {
    const schema = responseSchema(id, status);
    if (schema) responses[status] = schema;
  }
  return responses;
}
