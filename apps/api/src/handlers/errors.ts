/** The bridge from the domain's errors to the server's `ApiError`. */
import { ApiError } from '@astral/server';
import { DomainError } from '../domain/errors.js';

/**
 * Runs a use case; a `DomainError` becomes the `ApiError` with the same status, code and
 * field, anything else propagates (and the server answers 500 without detail).
 *
 * @example
 * ```ts
 * const race = await domain(() => races.get(params.race_id)); // 404 → ApiError(404, 'NOT_FOUND', ..., 'race_id')
 * ```
 */
export async function domain<T>(useCase: () => Promise<T>): Promise<T> {
  try {
    return await useCase();
  } catch (error) {
    if (error instanceof DomainError) throw new ApiError(error.status, error.code, error.message, error.field);
    throw error;
  }
}
