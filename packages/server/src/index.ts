/**
 * `@astral/server`: server stubs for the Astral API. Implement one typed handler per
 * operationId; routing, validation, authentication, the error shape and response checks
 * come from the contract.
 *
 * @example
 * ```ts
 * import { createAstralServer, createStubHandlers, apiError } from '@astral/server';
 * const handlers = createStubHandlers<{ id: string }>();
 * handlers.getRace = async ({ params }) => apiError(404, 'NOT_FOUND', { message: `Race ${params.race_id} not found`, field: 'race_id' });
 * const app = createAstralServer({ handlers, authenticate: ({ bearer }) => (bearer ? { id: 'usr_1' } : null) });
 * ```
 */
export { createAstralServer, type AstralServerExtraOptions } from './server.js';
export type { ContractViolation } from './response-check.js';
export { createStubHandlers } from './stubs.js';
export { securityHeaders } from './security-headers.js';
export { formatEvent } from './event-stream.js';
export { exposedHeaders, originMatcher, originPatternProblem, type CorsOptions } from './cors.js';
export { rateLimitHeaders, rateLimitedError, type RateLimitPolicy, type RateLimitState } from './rate-limit.js';
export type { IdempotencyBegin, IdempotencyClaim, IdempotencyStore, StoredResponse } from './idempotency-store.js';
export { memoryIdempotencyStore } from './memory-idempotency-store.js';
export { apiError, ApiError, errorBody, type ErrorBody, type ErrorCode, type ErrorOptions } from './errors.js';
export { memoizedCompiler } from './ajv.js';
export type {
  AstralServerOptions,
  Authenticate,
  Credentials,
  DocumentedStatus,
  Handler,
  HandlerContext,
  HandlerResult,
  Handlers,
  HandlersForTag,
  OperationId,
  OperationsOfTag,
  OperationTag,
  PathParams,
  QueryParams,
  RequestBody,
  ServerMode,
} from './types.js';
