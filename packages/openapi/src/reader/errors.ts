/**
 * The error catalogue and the request limits, read from where the contract states them:
 * `ErrorCode`'s `x-astral-errors` (status and default message per `details.code`) and the
 * 413 response's `x-astral-body-limit-bytes`. Nothing downstream writes a code's status or
 * message again; the generated table carries them.
 */
import type { JsonNode, OpenApiDocument } from './document.js';
import { resolveRef } from './refs.js';

/** One entry of the catalogue. */
export interface ErrorCatalogueEntry {
  /** The HTTP status the code always comes with. */
  status: number;
  /** The default message (a handler may say more). */
  message: string;
  /** A template for examples about one resource: `{Resource} not found`. */
  resourceMessage?: string;
}

/**
 * The catalogue, by code, in the order of the `ErrorCode` enum. Throws when the enum and
 * the catalogue disagree, so a code can never exist without its status and message.
 *
 * @example
 * ```ts
 * errorCatalogueOf(document).NOT_FOUND; // { status: 404, message: 'Not found', resourceMessage: '{Resource} not found' }
 * ```
 */
export function errorCatalogueOf(document: OpenApiDocument): Record<string, ErrorCatalogueEntry> {
  const schema = resolveRef(document, document.components?.schemas?.ErrorCode);
  const codes: string[] = schema?.enum ?? [];
  const declared: Record<string, JsonNode> = schema?.['x-astral-errors'] ?? {};
  const missing = codes.filter((code) => !declared[code]);
  const extra = Object.keys(declared).filter((code) => !codes.includes(code));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `ErrorCode enum and x-astral-errors disagree: ${[...missing.map((c) => `${c} has no entry`), ...extra.map((c) => `${c} is not in the enum`)].join('; ')}`,
    );
  }
  const catalogue: Record<string, ErrorCatalogueEntry> = {};
  for (const code of codes) {
    const { status, message, resource_message: resourceMessage } = declared[code];
    if (typeof status !== 'number' || typeof message !== 'string') throw new Error(`x-astral-errors.${code} needs a status and a message`);
    catalogue[code] = resourceMessage === undefined ? { status, message } : { status, message, resourceMessage };
  }
  return catalogue;
}

/**
 * The largest request body the API accepts, in bytes: the `x-astral-body-limit-bytes` of
 * the shared 413 response (exactly one response states it).
 */
export function bodyLimitOf(document: OpenApiDocument): number {
  const limits = Object.values<JsonNode>(document.components?.responses ?? {})
    .map((response) => resolveRef(document, response)?.['x-astral-body-limit-bytes'])
    .filter((value): value is number => typeof value === 'number');
  if (limits.length !== 1) throw new Error(`expected one response with x-astral-body-limit-bytes, found ${limits.length}`);
  return limits[0]!;
}
