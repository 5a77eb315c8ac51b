/**
 * The one bridge from the domain's errors to the API's error responses, given to
 * `createAstralServer({ mapError })`: services throw `NotFoundError`, `ForbiddenError`,
 * `ConflictError` or `InvalidError`, and this picks the contract's error code; the status
 * and the default wording come from the contract's error catalogue.
 */
import { errorCatalogue, type ErrorCode } from '@astral/openapi';
import { ApiError, rateLimitedError } from '@astral/server';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  InvalidTokenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from './domain/errors.js';
import { UniqueViolationError } from './storage/errors.js';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The `ApiError` for an error the domain raised; `undefined` for anything else (the server
 * logs it and answers 500).
 *
 * @example
 * ```ts
 * mapDomainError(new NotFoundError('race', 'race_id'));
 * // ApiError { code: 'NOT_FOUND', status: 404, message: 'Race not found', field: 'race_id' }
 * ```
 */
export function mapDomainError(error: unknown): ApiError | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const field = error.field;
  if (error instanceof NotFoundError) {
    // One wording for every resource: the catalogue's "{Resource} not found".
    const message = errorCatalogue.NOT_FOUND.resourceMessage.replace('{Resource}', capitalized(error.resource));
    return new ApiError('NOT_FOUND', { message, field, cause: error });
  }
  // A unique violation no service worded: the catalogue's generic conflict message.
  if (error instanceof UniqueViolationError) return new ApiError('CONFLICT', { cause: error });
  if (error instanceof RateLimitedError) {
    const retryAfter = Math.max(1, Math.ceil(error.state.resetSeconds));
    return rateLimitedError(error.state, { message: `${error.message}. Retry after ${retryAfter} seconds.`, field });
  }
  // An empty message takes the catalogue's ("The token is invalid, expired or already used").
  if (error instanceof InvalidTokenError)
    return new ApiError('INVALID_TOKEN', { message: error.message || undefined, field, cause: error });
  // Every 401 carries WWW-Authenticate (RFC 9110, and the contract's Unauthorized response),
  // a refused sign-in too: it names the scheme the tokens it issues are used with.
  if (error instanceof UnauthorizedError)
    return new ApiError('UNAUTHORIZED', {
      message: error.message,
      field,
      cause: error,
      headers: { 'www-authenticate': 'Bearer realm="astral"' },
    });
  const code: ErrorCode | undefined =
    error instanceof ForbiddenError
      ? 'FORBIDDEN'
      : error instanceof ConflictError
        ? 'CONFLICT'
        : error instanceof InvalidError
          ? 'VALIDATION_ERROR'
          : undefined;
  return code && new ApiError(code, { message: error.message, field, cause: error });
}
