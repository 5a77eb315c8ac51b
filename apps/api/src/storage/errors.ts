/** Errors the storage layer raises in dialect-neutral terms. */
import { ConflictError } from '../domain/errors.js';

/**
 * A write hit a unique constraint (an index or a primary key), whichever the database.
 * A conflict like any other: unless a service words it better (`A race named X already
 * exists...`), the API answers 409 CONFLICT with the catalogue's message.
 *
 * @example
 * ```ts
 * try { await storage.insert(row) } catch (error) {
 *   if (error instanceof UniqueViolationError) throw new ConflictError('That name is taken', 'name');
 *   throw error;
 * }
 * ```
 */
export class UniqueViolationError extends ConflictError {
  override readonly name = 'UniqueViolationError';
  constructor(options: { cause: unknown }) {
    super('A unique constraint was violated', undefined, options);
  }
}
