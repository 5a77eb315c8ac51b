/**
 * Request bodies as each operation declares them (the operation table's `requestContentTypes`
 * and `bodyLimitBytes`): JSON is parsed by json-body.ts; any other media type an operation
 * lists (a device file: `application/gpx+xml`, `application/vnd.ant.fit`) reaches its handler
 * as the raw bytes, a `Buffer`. A content type the operation does not list is a 415 before
 * the body is read, and a body over the operation's own limit a 413 (error-handler.ts), so a
 * 30 MiB upload is allowed where the contract says so and nowhere else.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { operationTable } from '@astral/openapi';
import { ApiError } from './errors.js';
import type { OperationId } from './types.js';

const JSON_TYPE = 'application/json';

/** The media type of a `Content-Type` header, lowercase, without parameters (`; charset=...`). */
export function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** Every media type other than JSON that some operation takes, read from the table. */
export function binaryMediaTypes(): string[] {
  const types = Object.values(operationTable).flatMap((entry) => entry.requestContentTypes as readonly string[]);
  return [...new Set(types.filter((type) => type !== JSON_TYPE))];
}

/** Parses the contract's non-JSON media types as raw bytes (which operation takes which is checked per route). */
export function acceptBinaryBodies(app: FastifyInstance): void {
  for (const type of binaryMediaTypes()) {
    app.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }
}

/**
 * The route's content-type check, run by its `onRequest` after authentication (so before the
 * body is read, and never a 415 to a caller who would get a 401): the 415 to answer, or
 * `undefined`. None for an operation without a body (a stray `Content-Type:
 * application/json` on a GET stays harmless). A JSON-only operation answers with the
 * catalogue's words; one that takes other types lists them. Not a `preParsing` hook: a route
 * hook of its own cost POST several µs over sockets.
 */
export function contentTypeCheck(id: OperationId): ((request: FastifyRequest) => ApiError | undefined) | undefined {
  const accepted: readonly string[] = operationTable[id].requestContentTypes;
  if (accepted.length === 0) return undefined;
  const jsonOnly = accepted.length === 1 && accepted[0] === JSON_TYPE;
  const message = jsonOnly ? undefined : `Content-Type must be one of ${accepted.join(', ')}`;
  return (request) => {
    const type = mediaTypeOf(request.headers['content-type']);
    // Without a Content-Type a JSON operation finds no body (its schema says whether it needs one).
    const allowed = type === undefined ? accepted.includes(JSON_TYPE) : accepted.includes(type);
    return allowed ? undefined : new ApiError('UNSUPPORTED_MEDIA_TYPE', jsonOnly ? {} : { message, field: 'Content-Type' });
  };
}
