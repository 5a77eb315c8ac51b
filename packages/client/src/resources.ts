import { operationTable, type paths } from '@astral/openapi';
import type { Client } from 'openapi-fetch';
import { AstralApiError, errorFromResponse, toAstralApiError } from './errors.js';
import type { CallOptions, OperationId } from './types.js';
import type { FetchLike } from './transport.js';
import type { SessionKeeper } from './session.js';

type RawCall = (...args: unknown[]) => Promise<unknown>;
type Namespaces = Record<string, Record<string, RawCall>>;

/** What the resource layer needs from the client: the raw client and a per-call transport. */
export interface ResourceContext {
  raw: Client<paths, 'application/json'>;
  /** The client's transport, or one with this call's `timeoutMs`/`retry` overrides. */
  transportFor(options: CallOptions): FetchLike | undefined;
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

/** One throwing-style call: maps positional arguments onto the raw client's request. */
function createCall(context: ResourceContext, operationId: OperationId): RawCall {
  const entry = operationTable[operationId];
  const request = context.raw.request as unknown as (
    method: string,
    path: string,
    init: object,
  ) => Promise<{
    data?: string;
    error?: unknown;
    response: Response;
  }>;
  return async (...args) => {
    let index = 0;
    const path: Record<string, unknown> = {};
    for (const name of entry.pathParams) path[name] = args[index++];
    const body = entry.hasBody ? args[index++] : undefined;
    const query = entry.queryParams.length > 0 ? (args[index++] as Record<string, unknown> | undefined) : undefined;
    const options = (args[index] ?? {}) as CallOptions;
    let result;
    try {
      result = await request(entry.method, entry.path, {
        params: { path, query },
        body,
        headers: withIdempotencyKey(entry.idempotencyKey, options.headers),
        signal: options.signal,
        fetch: context.transportFor(options),
        // Parsed here rather than by openapi-fetch, so a success body that is not JSON
        // becomes an AstralApiError with its status instead of a bare SyntaxError.
        parseAs: 'text',
      });
    } catch (error) {
      throw toAstralApiError(error);
    }
    const { response } = result;
    if (!response.ok) {
      // A secured call refused for its credential: the kept session is over.
      if (response.status === 401 && entry.security.length > 0) context.session?.set(null);
      throw errorFromResponse(response, result.error);
    }
    const data = unwrap(operationId, response, result.data);
    if (entry.session === 'issues') {
      const { access_token, expires_at } = data as { access_token: string; expires_at: string };
      context.session?.set({ access_token, expires_at });
    } else if (entry.session === 'ends') {
      context.session?.set(null);
    }
    return data;
  };
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
