/**
 * Errors the domain raises, in the API's vocabulary (`details.code` from the contract's
 * ErrorCode), independent of the HTTP framework; the app turns them into error responses.
 */
import type { ErrorCode } from './types.js';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (): DomainError => new DomainError(404, 'NOT_FOUND', 'Race not found', 'race_id');
export const forbidden = (action: 'change' | 'delete'): DomainError =>
  new DomainError(403, 'FORBIDDEN', `Only the creator of this race or an admin may ${action} it`);
export const invalid = (field: string, message: string): DomainError => new DomainError(400, 'VALIDATION_ERROR', message, field);
