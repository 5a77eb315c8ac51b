import createClient, {
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
  removeTrailingSlash,
  type Client,
} from 'openapi-fetch';
import { operationTable, type paths as Paths } from '@astral/openapi';
import { authHeaders, type Credentials } from './auth.js';
import { buildResources, type ResourceContext } from './resources.js';
import { createSessionKeeper, type SessionKeeper, type SessionToken } from './session.js';
import { resolveRetry, type RetrySetting } from './retry.js';
import { deprecationWatcher, type DeprecationHandler } from './deprecation.js';
import { createTransport, fetchOnce, type FetchLike } from './transport.js';
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
  /** Told the first time each deprecated operation answers (its `Deprecation` header); `console.warn` by default. */
  onDeprecated?: DeprecationHandler;
};

/** The client: resource calls by tag, their result-style twins under `safe`, and `raw`. */
export type AstralClient = Resources<'throw'> & {
  /** The same calls, resolving to `{ data, error }` instead of throwing. */
  safe: Resources<'safe'>;
  /** The openapi-fetch client, typed from the contract's `paths`, with auth, timeout and retry. */
  raw: Client<Paths, 'application/json'>;
  /**
   * The session the client keeps when created with `session` (sign-in calls start it,
   * logout ends it, it is refreshed before it expires); `null` otherwise.
   */
  session: Pick<SessionKeeper, 'current' | 'set'> | null;
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
  const { baseUrl, fetch, headers, timeoutMs, retry, onDeprecated, ...credentials } = options;
  const noteDeprecation = deprecationWatcher(onDeprecated);
  const retryPolicy = resolveRetry(retry);
  const transport = createTransport({ fetch, timeoutMs, retry: retryPolicy });
  const raw = createClient<Paths, 'application/json'>({ baseUrl, fetch: transport, headers });
  const keeper = 'session' in credentials && credentials.session !== undefined ? keepSession(raw, credentials) : null;
  const sendCredentials: Credentials = keeper ? { token: () => keeper.token() } : credentials;
  raw.use({
    async onRequest({ request }) {
      // A request that names its own credential (the refresh call does) keeps it.
      if (request.headers.has('Authorization') || request.headers.has('X-API-Key')) return request;
      for (const [name, value] of Object.entries(await authHeaders(sendCredentials))) request.headers.set(name, value);
      return request;
    },
    onResponse({ request, response, schemaPath }) {
      noteDeprecation(request.method, schemaPath, response);
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

  // Resource calls build their URL as `raw` does (openapi-fetch's own serializers) but send it
  // themselves: with nothing to wrap fetch in (no injected fetch, timeout or retry), straight
  // to `fetch(url, init)`, so no Request is built twice and no middleware runs per call.
  const base = removeTrailingSlash(baseUrl);
  const querySerializer = createQuerySerializer();
  const plain = fetch === undefined && timeoutMs === undefined && retryPolicy === undefined;
  const send: ResourceContext['send'] = async (call, options) => {
    const url = createFinalURL(call.path, { baseUrl: base, params: call.params, querySerializer, pathSerializer: defaultPathSerializer });
    // Lowest precedence first, as openapi-fetch merges them; credentials only where the call names none.
    const contentType = call.contentType ?? (call.body === undefined ? undefined : 'application/json');
    const merged = new Headers(contentType === undefined ? undefined : { 'Content-Type': contentType });
    for (const source of [headers, call.headers]) for (const [name, value] of Object.entries(source ?? {})) merged.set(name, value);
    if (!merged.has('Authorization') && !merged.has('X-API-Key')) {
      for (const [name, value] of Object.entries(await authHeaders(sendCredentials))) merged.set(name, value);
    }
    const init: RequestInit = { method: call.method.toUpperCase(), headers: merged, signal: call.signal ?? null };
    // A file goes as its bytes; everything else is JSON.
    if (call.body !== undefined) init.body = call.contentType === undefined ? JSON.stringify(call.body) : (call.body as BodyInit);
    const wrapped = transportFor(options) ?? (plain ? undefined : transport);
    const response = await (wrapped ? wrapped(new Request(url, init)) : fetchOnce(url, init));
    noteDeprecation(call.method, call.path, response);
    return response;
  };

  const reserved = ['raw', 'safe', 'session'];
  const { throwing, safe } = buildResources({ send, session: keeper ?? undefined }, reserved);
  return { ...throwing, safe, raw, session: keeper } as unknown as AstralClient;
}

/** The contract's refresh call: the operation that issues a session to a caller who already has one. */
const refreshOperation = Object.values(operationTable).find((entry) => entry.session === 'issues' && entry.security.length > 0);

function keepSession(raw: Client<Paths, 'application/json'>, options: Parameters<typeof createSessionKeeper>[0]): SessionKeeper {
  const request = raw.request as unknown as (method: string, path: string, init: object) => Promise<{ data?: SessionToken }>;
  return createSessionKeeper(options, async (token) => {
    if (!refreshOperation) throw new Error('The contract has no refresh operation');
    const { data } = await request(refreshOperation.method, refreshOperation.path, { headers: { Authorization: `Bearer ${token}` } });
    if (!data) throw new Error('The token could not be refreshed');
    return { access_token: data.access_token, expires_at: data.expires_at };
  });
}
