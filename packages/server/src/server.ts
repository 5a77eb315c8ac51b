/**
 * `createAstralServer`: the contract's operations mounted on Fastify, with validation,
 * authentication, the error shape and response checking done here, so handlers only
 * hold the business logic. Each concern is wired by its own module; this one puts them in
 * order.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { operationIds, requestBodyLimitBytes } from '@astral/openapi';
import { createAuthentication } from './caller.js';
import { createCors, type Cors } from './cors.js';
import { answerErrors, frameworkErrorReply } from './error-replies.js';
import { idempotencyGates } from './idempotency-route.js';
import { acceptJsonBodies } from './json-body.js';
import { createEventCheck } from './event-stream.js';
import { acceptBinaryBodies } from './request-bodies.js';
import { handlerOf, operationRoute } from './operation-route.js';
import { createResponseChecker, type ContractViolation } from './response-check.js';
import { requestIdFor, stampResponses } from './response-headers.js';
import type { AstralServerOptions } from './types.js';
import { useContractValidators, validationFailure } from './validation.js';

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
  const checkResponses = (options.mode ?? 'development') !== 'production';
  const cors = options.cors && options.cors.origins.length > 0 ? createCors(options.cors) : undefined;
  const app = createFastify(options, cors);

  useContractValidators(app, !checkResponses);
  acceptJsonBodies(app);
  acceptBinaryBodies(app);
  stampResponses(app, cors);
  answerErrors(app, cors, options.mapError);

  const gateOf = idempotencyGates(options.idempotency, app.log);
  const authentication = createAuthentication(options.authenticate);
  const checker = createResponseChecker({
    checkResponses,
    logger: Boolean(options.logger),
    onContractViolation: options.onContractViolation,
  });
  const events = createEventCheck({
    checkResponses,
    report: (request, operationId, status, problems) => {
      const violation: ContractViolation = { operationId, status, requestId: request.id, problems };
      request.log.error({ contractViolation: violation }, `An event of ${operationId} does not match the contract`);
      checker.report(violation);
    },
  });
  const handlers: Readonly<Record<string, unknown>> = options.handlers;
  for (const id of operationIds) {
    app.route(
      operationRoute(id, {
        handler: handlerOf(handlers, id),
        authenticate: authentication.forOperation(id),
        check: checker.forOperation(id),
        events,
        gate: gateOf(id),
        mapError: options.mapError,
        validateRequests: options.validateRequests !== false,
        serialiseResponses: !checkResponses,
        bodyLimit: options.bodyLimit,
      }),
    );
  }
  return app;
}

/** The Fastify instance with the contract's limits and the API's request ids. */
function createFastify(
  options: Pick<AstralServerOptions<unknown>, 'logger' | 'bodyLimit' | 'mapError'>,
  cors: Cors | undefined,
): FastifyInstance {
  return Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? requestBodyLimitBytes,
    // The contract lists no HEAD or OPTIONS: they are 405s like any undocumented method
    // (an OPTIONS that is a CORS preflight from an allowed origin is answered by cors.ts).
    exposeHeadRoutes: false,
    // Long path parameters reach the validator, which names the field, instead of a bare 414.
    routerOptions: { maxParamLength: 2048 },
    genReqId: requestIdFor,
    schemaErrorFormatter: validationFailure,
    frameworkErrors: frameworkErrorReply(cors, options.mapError),
  });
}
