/**
 * Every failure Fastify or a handler can raise, as the API's error shape. Nothing from the
 * original error (message, stack, code) reaches the body unless it is one of ours.
 */
import type { FastifyError } from 'fastify';
import { ApiError, errorBody, type ErrorBody, type ErrorCode } from './errors.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { describeValidationError } from './validation.js';

/** A field the operation does not define is named first: it is the most precise finding. */
function firstFinding(errors: ErrorObject[]): ErrorObject {
  return errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') ?? errors[0]!;
}

/** A response ready to send. */
export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

const PARTS: Record<string, string> = { body: 'request body', querystring: 'query', params: 'path', headers: 'headers' };

/** Fastify's own request errors, by code. */
const FRAMEWORK: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Request bodies must be sent as application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than the server accepts'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_JSON', 'Request body length does not match Content-Length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', 'Request body is empty but Content-Type is application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', 'Request body is not valid JSON'],
  FST_ERR_BAD_URL: [400, 'VALIDATION_ERROR', 'The request URL is malformed'],
};

/** Generic answers for any other 4xx Fastify raises (the message never comes from the error). */
const BY_STATUS: Record<number, [ErrorCode, string]> = {
  400: ['VALIDATION_ERROR', 'Bad request'],
  401: ['UNAUTHORIZED', 'Authentication required'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Not found'],
  405: ['METHOD_NOT_ALLOWED', 'Method not allowed'],
  409: ['CONFLICT', 'Conflict'],
  413: ['PAYLOAD_TOO_LARGE', 'Request body is larger than the server accepts'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Request bodies must be sent as application/json'],
  429: ['RATE_LIMITED', 'Too many requests'],
};

/** The answer to an unexpected failure: no detail, the request id is the way to the logs. */
export function internalError(message = 'Internal server error'): ErrorResponse {
  return { status: 500, body: errorBody('INTERNAL_ERROR', message) };
}

/**
 * Classifies an error raised before or around a handler. `unexpected` is true when it must
 * be logged as a server fault.
 */
export function toErrorResponse(error: unknown): ErrorResponse & { unexpected: boolean } {
  if (error instanceof ApiError) return { ...error.toResult(), unexpected: false };
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation) && fastifyError.validation[0]) {
    const part = PARTS[fastifyError.validationContext ?? 'body'] ?? 'request';
    const finding = describeValidationError(firstFinding(fastifyError.validation as ErrorObject[]), part);
    return { status: 400, body: errorBody('VALIDATION_ERROR', finding.message, finding.field), unexpected: false };
  }
  const known = fastifyError.code ? FRAMEWORK[fastifyError.code] : undefined;
  if (known) return { status: known[0], body: errorBody(known[1], known[2]), unexpected: false };
  // The JSON parser's SyntaxError carries statusCode 400.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, body: errorBody('INVALID_JSON', 'Request body is not valid JSON'), unexpected: false };
  }
  const status = fastifyError.statusCode;
  const generic = status !== undefined ? BY_STATUS[status] : undefined;
  if (status !== undefined && generic) return { status, body: errorBody(generic[0], generic[1]), unexpected: false };
  return { ...internalError(), unexpected: true };
}
