/**
 * @astral/client: a typed client for the Astral API, generated from the contract, on
 * openapi-fetch.
 *
 * @example
 * ```ts
 * import { createAstralClient, AstralApiError } from '@astral/client';
 * const client = createAstralClient({ baseUrl: 'http://127.0.0.1:4010/api/v1', token: 'dev-athlete-token' });
 * const me = await client.auth.me();
 * ```
 */
export { createAstralClient, type AstralClient, type AstralClientOptions } from './client.js';
export { AstralApiError, type ApiErrorCode, type AstralErrorCode, type ClientErrorCode } from './errors.js';
export type { Credentials, TokenSource } from './auth.js';
export type { SessionOptions, SessionToken } from './session.js';
export type { RetryOptions, RetrySetting } from './retry.js';
export type { FetchLike } from './transport.js';
export type { DeprecationHandler, DeprecationNotice } from './deprecation.js';
export type { EventStream } from './event-stream.js';
export type { Call, CallArgs, CallOptions, CallResult, OperationId, Resources, SafeCall, SafeResult } from './types.js';
