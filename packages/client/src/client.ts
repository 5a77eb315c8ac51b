import type { paths } from '@astral/openapi';
import createClient, { type Client } from 'openapi-fetch';
import { authHeaders, type Credentials } from './auth.js';
import { buildResources } from './resources.js';
import { resolveRetry, type RetrySetting } from './retry.js';
import { createTransport, type FetchLike } from './transport.js';
import type { CallOptions, Resources } from './types.js';

export type AstralClientOptions = Credentials & {
  /** Where the API lives, including the version: `http://127.0.0.1:4010/api/v1`. */
  baseUrl: string;
  /** The `fetch` to use (tests, non-browser runtimes); defaults to the global one. */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Bound on each attempt until the response headers arrive; none by default. */
  timeoutMs?: number;
  /** Retries of idempotent requests (GET, PUT, DELETE, HEAD, OPTIONS); off by default. */
  retry?: RetrySetting;
};

/** The client: resource calls by tag, their result-style twins under `safe`, and `raw`. */
export type AstralClient = Resources<'throw'> & {
  /** The same calls, resolving to `{ data, error }` instead of throwing. */
  safe: Resources<'safe'>;
  /** The openapi-fetch client, typed from the contract's `paths`, with auth, timeout and retry. */
  raw: Client<paths, 'application/json'>;
};

/**
 * Creates a client for the Astral API. Calls are built from the contract's operation table:
 * one namespace per tag, one method per operation.
 *
 * @example
 * ```ts
 * const client = createAstralClient({ baseUrl: 'http://127.0.0.1:4010/api/v1', token: 'dev-athlete-token' });
 * const { data: races, metadata } = await client.races.list({ race_type: 'run', upcoming: true });
 * const race = await client.races.get('race_xyz456');
 * const { data, error } = await client.safe.races.get('race_missing'); // error.code === 'NOT_FOUND'
 * ```
 */
export function createAstralClient(options: AstralClientOptions): AstralClient {
  const { baseUrl, fetch, headers, timeoutMs, retry, ...credentials } = options;
  const retryPolicy = resolveRetry(retry);
  const transport = createTransport({ fetch, timeoutMs, retry: retryPolicy });
  const raw = createClient<paths, 'application/json'>({ baseUrl, fetch: transport, headers });
  raw.use({
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(await authHeaders(credentials))) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      return request;
    },
  });

  const transportFor = (call: CallOptions) =>
    call.timeoutMs === undefined && call.retry === undefined
      ? undefined
      : createTransport({
          fetch,
          timeoutMs: call.timeoutMs ?? timeoutMs,
          retry: call.retry === undefined ? retryPolicy : resolveRetry(call.retry),
        });

  const reserved = ['raw', 'safe'];
  const { throwing, safe } = buildResources({ raw, transportFor }, reserved);
  return { ...throwing, safe, raw } as unknown as AstralClient;
}
