/** The API's error shape and the two ways a handler produces it. */
import type { components } from '@astral/openapi';

/** The `details.code` vocabulary of the contract (ErrorCode.yaml). */
export type ErrorCode = components['schemas']['ErrorCode'];
/** The body of every error response. */
export type ErrorBody = components['schemas']['Error'];

/** Builds the API's error body; `field` is left out when there is none. */
export function errorBody(code: ErrorCode, message: string, field?: string): ErrorBody {
  return { error: message, details: field === undefined ? { code } : { code, field } };
}

/**
 * A typed error result. The status is kept literal, so returning it from a handler whose
 * operation does not document that status is a compile error.
 *
 * @example
 * ```ts
 * handlers.getRace = async ({ params }) => {
 *   const race = await db.find(params.race_id);
 *   if (!race) return apiError(404, 'NOT_FOUND', 'Race not found', 'race_id');
 *   return { status: 200, body: { status: 'ok', data: race } };
 * };
 * ```
 */
export function apiError<Status extends number>(
  status: Status,
  code: ErrorCode,
  message: string,
  field?: string,
): { status: Status; body: ErrorBody; headers?: Record<string, string> } {
  return { status, body: errorBody(code, message, field) };
}

/**
 * An error a handler (or `authenticate`) may throw instead of returning `apiError(...)`.
 * Its status is checked against the operation's documented statuses at runtime.
 *
 * @example
 * ```ts
 * if (race.created_by !== principal.id && principal.role !== 'admin') {
 *   throw new ApiError(403, 'FORBIDDEN', 'Only the creator of this race or an admin may change it');
 * }
 * ```
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  /** The error as a handler result. */
  toResult(): { status: number; body: ErrorBody; headers?: Record<string, string> } {
    const result = { status: this.status, body: errorBody(this.code, this.message, this.field) };
    return this.headers ? { ...result, headers: this.headers } : result;
  }
}
