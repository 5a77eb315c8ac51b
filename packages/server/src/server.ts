/**
 * `createAstralServer`: the contract's operations mounted on Fastify, with validation,
 * authentication, the error shape and response checking done here, so handlers only
 * hold the business logic.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { basePath, methodsAllowedFor, operationIds, operationTable, queryDefaulter, requestBodyLimitBytes } from '@astral/openapi';
import { credentialReader, isOpen, meetsRequirements, notAccepted } from './auth.js';
import { createCors } from './cors.js';
import { componentsDocument, requestSchemas, responseSchema, securityRequirements } from './contract-schemas.js';
import { ApiError, errorBody } from './errors.js';
import { toErrorResponse, type ErrorResponse } from './error-handler.js';
import { createResponseChecker, type ContractViolation, type HandlerOutcome } from './response-check.js';
import { parseJsonBody } from './json-body.js';
import { securityHeaders } from './security-headers.js';
import { createIdempotency, sendReplay } from './idempotency.js';
import { memoryIdempotencyStore } from './memory-idempotency-store.js';
import type { AstralServerOptions, Credentials, HandlerContext, OperationId } from './types.js';
import { sharedCompiler } from './validation.js';

/** Options beyond the core ones, for tests and tooling. */
export interface AstralServerExtraOptions {
  /**
   * Called on every contract violation of a response (development and test). Default: the
   * violation is logged at error level, and also printed as a process warning when the
   * logger is off, so it cannot go unnoticed.
   */
  onContractViolation?: (violation: ContractViolation) => void;
  /**
   * `false` skips request validation (no path, query or body schemas: nothing is checked
   * or coerced). Exists only so the benchmark can measure what validation costs; never
   * turn it off in front of callers. Default `true`.
   */
  validateRequests?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Per-request internals live under symbols, never string keys a handler could collide with. */
const PRINCIPAL = Symbol('astral.principal');
/** The credentials that authenticated the request (the idempotency scope is a hash of them). */
const CREDENTIALS = Symbol('astral.credentials');
type WithPrincipal = FastifyRequest & { [PRINCIPAL]?: unknown; [CREDENTIALS]?: Credentials };

/**
 * Builds the Fastify app for the contract, not listening. Routes are mounted under the
 * contract's base path (`/api/v1`).
 *
 * @example
 * ```ts
 * import { createAstralServer, createStubHandlers } from '@astral/server';
 * const app = createAstralServer({
 *   handlers: createStubHandlers(),
 *   authenticate: ({ bearer, apiKey }) => (bearer === 'dev-athlete-token' || apiKey ? { id: 'usr_1' } : null),
 *   mode: 'production',
 * });
 * await app.listen({ host: '127.0.0.1', port: 0 });
 * ```
 */
export function createAstralServer<Principal>(options: AstralServerOptions<Principal> & AstralServerExtraOptions): FastifyInstance {
  const mode = options.mode ?? 'development';
  const cors = options.cors && options.cors.origins.length > 0 ? createCors(options.cors) : undefined;
  const checkResponses = mode !== 'production';
  const security = securityHeaders();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? requestBodyLimitBytes,
    // The contract lists no HEAD or OPTIONS: they are 405s like any undocumented method
    // (an OPTIONS that is a CORS preflight from an allowed origin is answered by cors.ts).
    exposeHeadRoutes: false,
    // Long path parameters reach the validator, which names the field, instead of a bare 414.
    routerOptions: { maxParamLength: 2048 },
    // A caller's (or proxy's) request id is kept when it is sane, so logs correlate across hops.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // Bad URLs never reach the hooks, so the request id is set here too.
    frameworkErrors: (error, request, reply) => {
      reply.headers(security);
      reply.header('x-request-id', request.id);
      cors?.decorate(request, reply);
      sendResponse(reply, toErrorResponse(error, options.mapError));
    },
  }) as unknown as FastifyInstance;

  const compileBody = sharedCompiler('body');
  const compileParameters = sharedCompiler('parameters');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? compileBody : compileParameters)(schema as object));
  if (!checkResponses) app.addSchema(componentsDocument());

  // Only JSON bodies exist in the contract; Fastify's text/plain parser would accept text.
  app.removeContentTypeParser('text/plain');
  // Clients often send `Content-Type: application/json` on a GET or DELETE with no body:
  // harmless where the operation takes no body. Where it takes one, empty is INVALID_JSON.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.routeOptions.schema?.body === undefined) done(null, undefined);
    else done(null, parseJsonBody(body as string));
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.headers(security);
    reply.header('x-request-id', request.id);
    cors?.decorate(request, reply);
    done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error, options.mapError);
    if (response.unexpected) request.log.error({ err: error }, 'Unhandled error');
    else if (response.status >= 500) request.log.error({ err: error }, 'Server error');
    return sendResponse(reply, response);
  });

  app.setNotFoundHandler((request, reply) => {
    if (cors?.answerPreflight(request, reply)) return;
    const allowed = methodsAllowedFor(request.url);
    if (allowed.length > 0) {
      void reply
        .code(405)
        .header('allow', allowed.join(', '))
        .send(errorBody('METHOD_NOT_ALLOWED', { message: `${request.method} is not allowed here; use ${allowed.join(', ')}` }));
      return;
    }
    void reply.code(404).send(errorBody('NOT_FOUND', { message: `No route for ${request.method} ${request.url.split('?')[0]}` }));
  });

  // Idempotency-Key: the in-memory store is the default so the contract's promise holds
  // without set-up, rather than a header accepted and silently ignored, or a start-up error
  // a team must first work around. It is per process, which the log says; several instances
  // need a shared store (the reference API passes its database's).
  if (!options.idempotency) {
    app.log.info(
      'Idempotency-Key records are kept in this process only (memoryIdempotencyStore); pass a shared store to run several instances',
    );
  }
  const idempotency = createIdempotency({ store: options.idempotency ?? memoryIdempotencyStore() });

  const reader = credentialReader();
  const checker = createResponseChecker({
    checkResponses,
    logger: Boolean(options.logger),
    onContractViolation: options.onContractViolation,
  });

  for (const id of operationIds) {
    const entry = operationTable[id];
    const handler = options.handlers[id] as (context: HandlerContext<OperationId, Principal>) => unknown;
    if (typeof handler !== 'function') throw new TypeError(`createAstralServer: no handler for operation ${id}`);
    const fillQuery = queryDefaulter(id);
    const queryNames: readonly string[] = entry.queryParams;
    const requirements = securityRequirements(id);
    const open = isOpen(requirements);

    const check = checker.forOperation(id);
    // Production: response schemas for fast-json-stringify, which writes only declared fields.
    const responses: Record<number, unknown> = {};
    if (!checkResponses) {
      for (const status of entry.statuses) {
        const schema = responseSchema(id, status);
        if (schema) responses[status] = schema;
      }
    }

    const authenticate = async (request: FastifyRequest): Promise<void> => {
      const credentials = reader.read(request);
      const present = reader.satisfied(credentials);
      if (present.size === 0 && open) return;
      if (present.size === 0) throw new ApiError('UNAUTHORIZED', { headers: { 'www-authenticate': reader.challenge } });
      const principal = await options.authenticate(credentials, request);
      if (principal === null || principal === undefined) {
        if (open) return;
        throw new ApiError('UNAUTHORIZED', {
          message: 'The credentials are invalid, expired or revoked',
          field: reader.headerOf(credentials),
          headers: { 'www-authenticate': reader.challenge },
        });
      }
      // Valid, but of a scheme this operation does not list: a right the caller lacks (auth.ts).
      if (!meetsRequirements(requirements, present)) throw notAccepted(reader.headerOf(credentials));
      (request as WithPrincipal)[PRINCIPAL] = principal;
      (request as WithPrincipal)[CREDENTIALS] = credentials;
    };
    const gate = idempotency.forOperation(id);

    app.route({
      method: entry.method.toUpperCase(),
      url: basePath + entry.path.replace(/\{([^}]+)\}/g, ':$1'),
      schema: { ...(options.validateRequests === false ? {} : requestSchemas(id)), ...(checkResponses ? {} : { response: responses }) },
      onRequest: (request, _reply, done) => {
        authenticate(request).then(() => done(), done);
      },
      // A caller that hangs up does not release its key: the handler still runs to its end.
      ...(gate && {
        onSend: (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
          void gate.onSend(request, reply, payload).then(() => done(null, payload));
        },
        onResponse: (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
          void gate.onDone(request).then(() => done());
        },
      }),
      handler: async (request, reply) => {
        const { query, sent } =
          queryNames.length > 0 ? readQuery(request.query as Record<string, unknown>, queryNames, fillQuery) : NO_QUERY;
        if (gate) {
          // What the caller sent, before defaults: the fingerprint reads the handler's input.
          const sentQuery = Object.fromEntries([...sent].map((name) => [name, (query as Record<string, unknown>)[name]]));
          const input = { params: request.params ?? {}, query: sentQuery, body: request.body };
          const stored = await gate.begin(request, input, (request as WithPrincipal)[CREDENTIALS]);
          if (stored) return sendReplay(reply, stored);
        }
        const context = {
          params: request.params ?? {},
          query,
          sentQuery: sent,
          body: request.body,
          principal: (request as WithPrincipal)[PRINCIPAL] ?? null,
          request,
        } as HandlerContext<OperationId, Principal>;
        let result: HandlerOutcome;
        try {
          result = (await handler(context)) as HandlerOutcome;
        } catch (error) {
          const known = error instanceof ApiError ? error : options.mapError?.(error);
          if (!known) throw error;
          result = known.toResult();
        }
        const violation = check(request, result);
        gate?.noteHeaders(request, result.headers);
        return sendResponse(reply, violation ?? (result as ErrorResponse));
      },
    });
  }

  return app;
}

const NO_QUERY = { query: {}, sent: new Set<string>() as ReadonlySet<string> };

/**
 * Only the declared query parameters reach the handler, with the contract's defaults
 * (applied here and nowhere else), and apart from them the names the caller sent.
 */
function readQuery(
  raw: Record<string, unknown>,
  names: readonly string[],
  fill: ((query: Record<string, unknown>) => Record<string, unknown>) | undefined,
): { query: Record<string, unknown>; sent: ReadonlySet<string> } {
  const query: Record<string, unknown> = {};
  const sent = new Set<string>();
  for (const name of names) {
    if (raw[name] === undefined) continue;
    query[name] = raw[name];
    sent.add(name);
  }
  return { query: fill ? fill(query) : query, sent };
}

function sendResponse(reply: FastifyReply, response: { status: number; body?: unknown; headers?: Record<string, string> }): FastifyReply {
  reply.code(response.status);
  if (response.headers) reply.headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}
