import type { ErrorCode } from '@astral/openapi';

/**
 * The API's own `details.code` vocabulary (the contract's error catalogue). Only the type is
 * imported: the catalogue's data stays out of browser bundles.
 */
export type ApiErrorCode = ErrorCode;

/**
 * Codes the client itself assigns when no API error body is available. None of them is in
 * the API's vocabulary, so `code` alone tells a server's answer from a client-side failure.
 * - `NETWORK_ERROR`: the request got no HTTP answer (offline, DNS, refused connection, CORS)
 * - `TIMEOUT`: no answer within `timeoutMs`
 * - `ABORTED`: the caller's `AbortSignal` fired
 * - `UNEXPECTED_RESPONSE`: an HTTP answer that is not what the contract promises (an error
 *   status without the API's error shape, or a success body that is not JSON)
 */
const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'TIMEOUT', 'ABORTED', 'UNEXPECTED_RESPONSE'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Every code an `AstralApiError` may carry; `string & {}` admits codes added to the API later. */
export type AstralErrorCode = ApiErrorCode | ClientErrorCode | (string & {});

/** Client-side codes, for `isClientSide`. */
const clientCodes: ReadonlySet<string> = new Set<ClientErrorCode>(CLIENT_ERROR_CODES);

export interface AstralApiErrorInit {
  status: number;
  code: AstralErrorCode;
  field?: string | undefined;
  requestId?: string | undefined;
  body?: unknown;
  cause?: unknown;
}

/**
 * The one error type of the client: an API error answer, a network failure, a timeout or an
 * abort. `status` is the HTTP status, or 0 when no answer arrived.
 *
 * @example
 * ```ts
 * try {
 *   await client.races.get('race_missing');
 * } catch (error) {
 *   if (error instanceof AstralApiError && error.code === 'NOT_FOUND') showNotFound(error.requestId);
 * }
 * ```
 */
export class AstralApiError extends Error {
  override readonly name = 'AstralApiError';
  /** HTTP status of the answer; 0 for a network error, a timeout or an abort. */
  readonly status: number;
  /** `details.code` of the API's answer, or one of the client-side codes. */
  readonly code: AstralErrorCode;
  /** `details.field`: the request field or parameter the error is about, if any. */
  readonly field: string | undefined;
  /** The `X-Request-Id` of the answer, to quote when reporting a problem. */
  readonly requestId: string | undefined;
  /** The parsed body of the answer, as received (JSON, text, or undefined). */
  readonly body: unknown;

  constructor(message: string, init: AstralApiErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.requestId = init.requestId;
    this.body = init.body;
  }

  /** `{ code, field }`, shaped like the API's `details`. */
  get details(): { code: AstralErrorCode; field?: string } {
    return this.field === undefined ? { code: this.code } : { code: this.code, field: this.field };
  }

  /** True when the client produced the error (no API error body): see `ClientErrorCode`. */
  get isClientSide(): boolean {
    return clientCodes.has(this.code);
  }
}

/** Builds the error for an answer with an error status, whatever its body looks like. */
export function errorFromResponse(response: Response, body: unknown): AstralApiError {
  const requestId = response.headers.get('X-Request-Id') ?? undefined;
  const record = isRecord(body) ? body : undefined;
  const details = isRecord(record?.['details']) ? record['details'] : undefined;
  const code = typeof details?.['code'] === 'string' ? details['code'] : undefined;
  const field = typeof details?.['field'] === 'string' ? details['field'] : undefined;
  // The API's message, else a problem+json title/detail (Prism), else the status line.
  const message =
    pickString(record, 'error') ??
    pickString(record, 'detail') ??
    pickString(record, 'title') ??
    `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new AstralApiError(message, {
    status: response.status,
    code: code ?? 'UNEXPECTED_RESPONSE',
    field,
    requestId,
    body,
  });
}

/** Wraps anything thrown while no answer is at hand into an `AstralApiError`. */
export function toAstralApiError(error: unknown): AstralApiError {
  if (error instanceof AstralApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AstralApiError(`Network error: ${message}`, { status: 0, code: 'NETWORK_ERROR', cause: error });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pickString(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
