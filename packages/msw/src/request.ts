/**
 * A fetch `Request` as the parts the API checks: credentials, the JSON body (with the
 * server's answers for a body that is not JSON, too large or unparsable) or a file's raw
 * bytes, the query and headers for the validator.
 */
import { HttpResponse } from 'msw';
import { errorBody, errorStatus, type ErrorCode } from '@astral/openapi';
import { securityRequirementsOf, securitySchemesOf, type OpenApiDocument } from '@astral/openapi/reader';
import type { RequestParts } from '@astral/server/request-validator';
import type { OperationLocation } from './operations.js';

/**
 * Whether the request carries credentials one of the operation's security alternatives takes:
 * in the headers, or for an `in: query` scheme (`feed_token`) in the URL, which only an
 * operation listing that scheme reads.
 */
export function hasCredentials(document: OpenApiDocument, location: OperationLocation, headers: Headers, url?: URL): boolean {
  const alternatives = securityRequirementsOf(document, location.operation);
  if (alternatives.length === 0 || alternatives.some((names) => names.length === 0)) return true;
  const schemes = securitySchemesOf(document);
  const carried = (name: string): boolean => {
    const scheme = schemes[name] as { type?: string; scheme?: string; in?: string; name?: string } | undefined;
    if (scheme?.type === 'http' && scheme.scheme === 'bearer') return /^Bearer \S+/i.test(headers.get('authorization') ?? '');
    if (scheme?.type === 'apiKey' && scheme.in === 'header') return Boolean(scheme.name && headers.get(scheme.name));
    if (scheme?.type === 'apiKey' && scheme.in === 'query') return Boolean(scheme.name && url?.searchParams.get(scheme.name));
    return false;
  };
  return alternatives.some((names) => names.every(carried));
}

/** The query as the validator takes it: a repeated name gives an array. */
export function queryOf(url: URL): RequestParts['query'] {
  const query: RequestParts['query'] = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** Headers by lowercase name. */
export function headersOf(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers.entries());
}

function refusal(code: ErrorCode, message?: string): Response {
  return HttpResponse.json(errorBody(code, { message }), { status: errorStatus(code) });
}

/**
 * The parsed JSON body, or the server's answer when it cannot be one: 415 for another
 * content type, 413 over the contract's body limit, 400 `INVALID_JSON` for a body that does
 * not parse or is empty.
 */
export async function jsonBodyOf(request: Request, bodyLimitBytes: number): Promise<{ body: unknown } | { refusal: Response }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return { refusal: refusal('UNSUPPORTED_MEDIA_TYPE') };
  // A clone: an override that read the body and fell through (returned nothing) leaves it used.
  const text = await request.clone().text();
  if (new TextEncoder().encode(text).length > bodyLimitBytes) return { refusal: refusal('PAYLOAD_TOO_LARGE') };
  if (text.trim() === '') return { refusal: refusal('INVALID_JSON', 'Request body is empty but Content-Type is application/json') };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { refusal: refusal('INVALID_JSON') };
  }
}

/**
 * The raw bytes of a body sent as itself (a device file to `importActivity`), or the server's
 * answer: 415 naming the media types the operation takes, 413 over the operation's own limit.
 */
export async function rawBodyOf(
  request: Request,
  mediaTypes: readonly string[],
  bodyLimitBytes: number,
): Promise<{ body: Uint8Array } | { refusal: Response }> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!mediaTypes.includes(type)) {
    const body = errorBody('UNSUPPORTED_MEDIA_TYPE', {
      message: `Content-Type must be one of ${mediaTypes.join(', ')}`,
      field: 'Content-Type',
    });
    return { refusal: HttpResponse.json(body, { status: errorStatus('UNSUPPORTED_MEDIA_TYPE') }) };
  }
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  if (bytes.length > bodyLimitBytes) return { refusal: refusal('PAYLOAD_TOO_LARGE') };
  return { body: bytes };
}
