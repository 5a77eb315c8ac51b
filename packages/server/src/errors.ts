/**
 * The API's error shape and the two ways a handler produces it. Codes, statuses and default
 * messages come from the contract's error catalogue (`ErrorCode`'s `x-astral-errors`,
 * generated into `@astral/openapi`'s `errorCatalogue`): nothing here states them again.
 */
import { errorBody, errorCatalogue, type ErrorBody, type ErrorCode } from '@astral/openapi';

export { errorBody, type ErrorBody, type ErrorCode };

/** What an error says beyond its code; every part optional. */
export interface ErrorOptions {
  /** What the caller reads; default: the catalogue's message for the code. */
  message?: string;
  /** The parameter, body field or header at fault (`details.field`). */
  field?: string;
  /** Response headers (`WWW-Authenticate`, `Retry-After`...). */
  headers?: Record<string, string>;
}

/**
 * A typed error result. The status is kept literal, so returning it from a handler whose
 * operation does not document that status is a compile error.
 *
 * @example
 * ```ts
 * handlers.getRace = async ({ params }) => {
 *   const race = await db.find(params.race_id);
 *   if (!race) return apiError(404, 'NOT_FOUND', { message: 'Race not found', field: 'race_id' });
 *   return { status: 200, body: { status: 'ok', data: race } };
 * };
 * ```
 */
export function apiError<Status extends number>(
  status: Status,
  code: ErrorCode,
  options: ErrorOptions = {},
): { status: Status; body: ErrorBody; headers?: Record<string, string> } {
  const result = { status, body: errorBody(code, options) };
  return options.headers ? { ...result, headers: options.headers } : result;
}

/**
 * An error a handler (or `authenticate`) may throw instead of returning `apiError(...)`. Its
 * status is the catalogue's for the code unless given; it is checked against the
 * operation's documented statuses at runtime.
 *
 * @example
 * ```ts
 * if (race.created_by !== principal.id && principal.role !== 'admin') {
 *   throw new ApiError('FORBIDDEN', { message: 'Only the creator of this race or an admin may change it' });
 * }
 * ```
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, options: ErrorOptions & { status?: number; cause?: unknown } = {}) {
    super(options.message ?? errorCatalogue[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? errorCatalogue[code].status;
    this.field = options.field;
    this.headers = options.headers;
  }

  /** The error as a handler result. */
  toResult(): { status: number; body: ErrorBody; headers?: Record<string, string> } {
    const result = { status: this.status, body: errorBody(this.code, { message: this.message, field: this.field }) };
    return this.headers ? { ...result, headers: this.headers } : result;
  }
}
