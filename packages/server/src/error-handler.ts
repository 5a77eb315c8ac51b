/**
 * Every failure Fastify or a handler can raise, as the API's error shape. Nothing from the
 * original error (message, stack, code) reaches the body unless it is one of ours.
 */
import type { FastifyError } from 'fastify';
import { errorCatalogue } from '@astral/openapi';
import { ApiError, errorBody, type ErrorBody, type ErrorCode } from './errors.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { headerParameterNames } from './contract-schemas.js';
import { describeValidationError, firstFinding, inDocumentSpelling } from './validation.js';

/**
 * Translates an application's own errors (a domain's "not found", a storage's unique
 * violation) into the API's; `undefined` leaves the error unexpected (a logged 500).
 */
export type MapError = (error: unknown) => ApiError | undefined;

/** A response ready to send. */
export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

const PARTS: Record<string, string> = { body: 'request body', querystring: 'query', params: 'path', headers: 'headers' };

/** Fastify's own request errors, by code: the catalogue's code, and a message where Fastify knows more. */
const FRAMEWORK: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_JSON', message: 'Request body length does not match Content-Length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'Request body is empty but Content-Type is application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON' },
  FST_ERR_BAD_URL: { code: 'VALIDATION_ERROR', message: 'The request URL is malformed' },
};

/**
 * The code for any other 4xx Fastify raises: the catalogue's first code with that status
 * (the message never comes from the error).
 */
const BY_STATUS = new Map<number, ErrorCode>();
for (const [code, { status }] of Object.entries(errorCatalogue) as Array<[ErrorCode, { status: number }]>) {
  if (!BY_STATUS.has(status)) BY_STATUS.set(status, code);
}

const HEADER_NAMES = headerParameterNames();

/** The answer to an unexpected failure: no detail, the request id is the way to the logs. */
export function internalError(message?: string): ErrorResponse {
  return { status: errorCatalogue.INTERNAL_ERROR.status, body: errorBody('INTERNAL_ERROR', { message }) };
}

/**
 * Classifies an error raised before or around a handler. `unexpected` is true when it must
 * be logged as a server fault.
 */
export function toErrorResponse(error: unknown, mapError?: MapError): ErrorResponse & { unexpected: boolean } {
  if (error instanceof ApiError) return { ...error.toResult(), unexpected: false };
  const mapped = mapError?.(error);
  if (mapped) return { ...mapped.toResult(), unexpected: false };
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };
  if (Array.isArray(fastifyError.validation) && fastifyError.validation[0]) {
    const part = PARTS[fastifyError.validationContext ?? 'body'] ?? 'request';
    let finding = describeValidationError(firstFinding(fastifyError.validation as ErrorObject[]), part);
    if (fastifyError.validationContext === 'headers') finding = inDocumentSpelling(finding, HEADER_NAMES);
    return { status: 400, body: errorBody('VALIDATION_ERROR', finding), unexpected: false };
  }
  const known = fastifyError.code ? FRAMEWORK[fastifyError.code] : undefined;
  if (known) return { status: errorCatalogue[known.code].status, body: errorBody(known.code, known), unexpected: false };
  // The JSON parser's SyntaxError carries statusCode 400.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return { status: 400, body: errorBody('INVALID_JSON'), unexpected: false };
  }
  const status = fastifyError.statusCode;
  const generic = status !== undefined && status < 500 ? BY_STATUS.get(status) : undefined;
  if (status !== undefined && generic) return { status, body: errorBody(generic), unexpected: false };
  return { ...internalError(), unexpected: true };
}
