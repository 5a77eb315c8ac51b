import { operationTable } from '@astral/openapi';
import { AstralApiError, errorFromResponse, toAstralApiError } from './errors.js';
import { readEventStream } from './event-stream.js';
import type { CallOptions, OperationId } from './types.js';
import type { SessionKeeper } from './session.js';

type RawCall = (...args: unknown[]) => Promise<unknown>;
type Namespaces = Record<string, Record<string, RawCall>>;

/** One resource call's request, before the client adds its base URL, headers and credentials. */
export interface CallRequest {
  method: string;
  /** The contract's path, `/races/{race_id}`. */
  path: string;
  params: { path: Record<string, unknown>; query: Record<string, unknown> | undefined };
  body: unknown;
  headers: Record<string, string> | undefined;
  signal: AbortSignal | undefined;
}

/** What the resource layer needs from the client: a way to send a call, and the session it keeps. */
export interface ResourceContext {
  /** Sends the call with the client's base URL, headers, credentials and transport (`client.ts`). */
  send(request: CallRequest, options: CallOptions): Promise<Response>;
  /** The session the client keeps, told of sign-ins and logouts. */
  session?: SessionKeeper;
}

/**
 * Builds `{ namespace: { method } }` from the operation table, in both styles. Every operation
 * of the contract gets a call, under the name the table gives it (the generator refuses two
 * operations with one name, so none can shadow another).
 */
export function buildResources(context: ResourceContext, reserved: readonly string[]): { throwing: Namespaces; safe: Namespaces } {
  const throwing: Namespaces = {};
  const safe: Namespaces = {};
  for (const operationId of Object.keys(operationTable) as OperationId[]) {
    const entry = operationTable[operationId];
    const { namespace, method } = entry.client;
    if (reserved.includes(namespace)) throw new Error(`Tag ${entry.tag} clashes with client.${namespace}`);
    const call = createCall(context, operationId);
    (throwing[namespace] ??= {})[method] = call;
    (safe[namespace] ??= {})[method] = async (...args) => {
      try {
        return { data: await call(...args), error: undefined };
      } catch (error) {
        return { data: undefined, error: toAstralApiError(error) };
      }
    };
  }
  return { throwing, safe };
}

/** One throwing-style call: maps positional arguments onto a request, and its answer onto data or an error. */
function createCall(context: ResourceContext, operationId: OperationId): RawCall {
  const entry = operationTable[operationId];
  return async (...args) => {
    let index = 0;
    const path: Record<string, unknown> = {};
    for (const name of entry.pathParams) path[name] = args[index++];
    const body = entry.hasBody ? args[index++] : undefined;
    const query = entry.queryParams.length > 0 ? (args[index++] as Record<string, unknown> | undefined) : undefined;
    const options = (args[index] ?? {}) as CallOptions;
    let response: Response;
    let text: string | undefined;
    try {
      response = await context.send(
        {
          method: entry.method,
          path: entry.path,
          params: { path, query },
          body,
          headers: withIdempotencyKey(entry.idempotencyKey, options.headers),
          signal: options.signal,
        },
        options,
      );
      // An event stream is read as it arrives, by the caller's loop (`event-stream.ts`).
      if (response.ok && isEventStream(response)) return readEventStream(response);
      text = hasNoBody(response) ? undefined : await response.text();
    } catch (error) {
      throw toAstralApiError(error);
    }
    if (!response.ok) {
      // A secured call refused for its credential: the kept session is over.
      if (response.status === 401 && entry.security.length > 0) context.session?.set(null);
      throw errorFromResponse(response, parsedError(text));
    }
    // Parsed here, so a success body that is not JSON becomes an AstralApiError with its status.
    const data = unwrap(operationId, response, text);
    if (entry.session === 'issues') {
      const { access_token, expires_at } = data as { access_token: string; expires_at: string };
      context.session?.set({ access_token, expires_at });
    } else if (entry.session === 'ends') {
      context.session?.set(null);
    }
    return data;
  };
}

const isEventStream = (response: Response) => /^text\/event-stream\b/i.test(response.headers.get('Content-Type') ?? '');

/** An answer with no body to read, as openapi-fetch (and so `client.raw`) decides it. */
function hasNoBody(response: Response): boolean {
  const length = response.headers.get('Content-Length');
  return response.status === 204 || (length === '0' && !response.headers.get('Transfer-Encoding')?.includes('chunked'));
}

/** An error body as JSON when it is JSON, else its text (as openapi-fetch gives it). */
function parsedError(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * A create the contract makes retry-safe gets a fresh `Idempotency-Key` per call (unless the
 * caller chose one), so the transport's retries of it replay instead of creating twice.
 */
function withIdempotencyKey(takesKey: boolean, headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!takesKey || Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key')) return headers;
  return { ...headers, 'Idempotency-Key': globalThis.crypto.randomUUID() };
}

/** Parses a success body and removes the envelope the contract declares for it. */
function unwrap(operationId: OperationId, response: Response, text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  // A document of its own format (an iCalendar feed) is the answer itself, as text.
  if (response.headers.get('Content-Type')?.startsWith('text/calendar')) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new AstralApiError(`Expected a JSON body, got: ${text.slice(0, 80)}`, {
      status: response.status,
      code: 'UNEXPECTED_RESPONSE',
      requestId: response.headers.get('X-Request-Id') ?? undefined,
      body: text,
      cause,
    });
  }
  if (!operationTable[operationId].envelope || typeof body !== 'object' || body === null || Array.isArray(body)) {
    return body;
  }
  const { status: _status, ...rest } = body as Record<string, unknown>;
  // `{ status, data }` resolves to `data`; a larger envelope to itself without `status`.
  const fields: readonly string[] = operationTable[operationId].successFields;
  return fields.length === 2 && fields.includes('data') ? rest['data'] : rest;
}
