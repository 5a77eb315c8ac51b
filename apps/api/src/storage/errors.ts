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
    // The database's own words name the constraint: for logs and the admin CLI, never for
    // callers of the API (they get the catalogue's message, or the service's).
    const detail = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`A unique constraint was violated${detail}`, undefined, options);
  }
}
