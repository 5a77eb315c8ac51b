/** The API's error shape, typed from the contract. */
import type { components } from '@astral/openapi';

/** The `details.code` vocabulary of the contract (ErrorCode.yaml). */
export type ErrorCode = components['schemas']['ErrorCode'];
/** The body of every error response of the API. */
export type ErrorBody = components['schemas']['Error'];

/**
 * Builds the API's error body; `field` is left out when there is none.
 *
 * @example
 * ```ts
 * errorBody('VALIDATION_ERROR', 'limit must be <= 100', 'limit');
 * // { error: 'limit must be <= 100', details: { code: 'VALIDATION_ERROR', field: 'limit' } }
 * ```
 */
export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: message, details: field === undefined ? { code } : { code, field } };
}
