/**
 * The API's error body, built from the error catalogue (`ErrorCode`'s `x-astral-errors`,
 * generated into `errorCatalogue`). The server, the mock and the test suites build every
 * error body here, so a code's status and default message are stated once, in the contract.
 */
import { errorCatalogue } from './generated/operations.js';
import type { components } from './generated/schema.js';

/** The `details.code` vocabulary of the contract. */
export type ErrorCode = components['schemas']['ErrorCode'];
/** The body of every error response. */
export type ErrorBody = components['schemas']['Error'];

/**
 * The body of an error: the message defaults to the catalogue's, `field` is left out when
 * there is none.
 *
 * @example
 * ```ts
 * errorBody('NOT_FOUND', { message: 'Race not found', field: 'race_id' });
 * // { error: 'Race not found', details: { code: 'NOT_FOUND', field: 'race_id' } }
 * errorBody('RATE_LIMITED'); // { error: 'Too many requests', details: { code: 'RATE_LIMITED' } }
 * ```
 */
export function errorBody(code: ErrorCode, options: { message?: string | undefined; field?: string | undefined } = {}): ErrorBody {
  const error = options.message ?? errorCatalogue[code].message;
  return { error, details: options.field === undefined ? { code } : { code, field: options.field } };
}

/**
 * The status the catalogue gives a code.
 *
 * @example
 * ```ts
 * errorStatus('CONFLICT'); // 409
 * ```
 */
export function errorStatus(code: ErrorCode): number {
  return errorCatalogue[code].status;
}
