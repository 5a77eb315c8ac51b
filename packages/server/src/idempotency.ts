/**
 * The contract's `Idempotency-Key` (IETF draft-ietf-httpapi-idempotency-key-header),
 * implemented once for every operation that declares the header. The server owns the
 * semantics (which operations, the fingerprint, replay, 409/422, what is remembered); the
 * `IdempotencyStore` only keeps records.
 *
 * Where it runs: in the route handler, after authentication and request validation. So an
 * anonymous or invalid request is answered 401/400 without touching the store, and the store
 * only holds requests that reached a handler (the draft leaves the order to the server).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { operationIds, operationTable } from '@astral/openapi';
import { ApiError } from './errors.js';
import type { IdempotencyStore, StoredResponse } from './idempotency-store.js';
import type { Credentials, OperationId } from './types.js';

/** The header's name, as the contract spells it (and as `details.field` names it). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const HEADER_LOWER = IDEMPOTENCY_HEADER.toLowerCase();
/** How long a key is remembered: the contract's 24 hours. */
export const RETENTION_SECONDS = 24 * 60 * 60;
/**
 * How long a claim whose request never finished (its instance crashed) blocks the key: longer
 * than any request should run, short enough that a client's retry gets through soon.
 */
export const LOCK_SECONDS = 60;

/**
 * Answers that mean "nothing was done, try again later" are forgotten, so the retry runs
 * again: a 5xx (a crash answered 500 too) and a 429, whose `Retry-After` would otherwise be
 * replayed for a day. Any other 4xx answers this request and is replayed, as the draft says
 * (a duplicate stays a 409).
 */
export function isRetryLater(status: number): boolean {
  return status >= 500 || status === 429;
}

/** What the statuses of the answers here are checked against at start. */
const ANSWERS = ['IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED'] as const;

/**
 * The operations that take the `Idempotency-Key` header: the generated operation table's
 * `idempotencyKey`, derived from the contract's parameters, never listed by hand.
 *
 * @example
 * ```ts
 * idempotentOperations().has('createRace'); // true
 * ```
 */
export function idempotentOperations(): Set<OperationId> {
  return new Set(operationIds.filter((id) => operationTable[id].idempotencyKey));
}

/**
 * JSON with object keys sorted at every depth, so key order and whitespace in what the
 * caller sent do not make two requests different.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What makes a request the same request. */
export interface FingerprintParts {
  method: string;
  /** The route's path pattern (`/api/v1/races/:race_id`). */
  route: string;
  /** Path parameters, decoded and validated. */
  params: unknown;
  /** The declared query parameters the caller sent, coerced (undeclared ones never reach a handler). */
  query: unknown;
  /** The validated request body. */
  body: unknown;
}

/**
 * SHA-256 over the input a handler receives: method, route with its path parameters, the
 * query and the body, canonical (`canonicalJson`). Reading the validated input rather than
 * the raw bytes means `?limit=10` and `?limit=010`, or a body with its keys in another order,
 * are the same request; so is a body that omits a field with a default and one that sends it.
 *
 * @example
 * ```ts
 * requestFingerprint({ method: 'POST', route: '/api/v1/races', params: {}, query: {}, body: { race_name: 'Berlin' } });
 * ```
 */
export function requestFingerprint(parts: FingerprintParts): string {
  const text = canonicalJson([parts.method.toUpperCase(), parts.route, parts.params ?? {}, parts.query ?? {}, parts.body ?? null]);
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Who a key belongs to: the operation and a hash of the credential that authenticated the
 * request (the raw token is never stored), or the operation alone for an anonymous call.
 *
 * @example
 * ```ts
 * callerScope('createRace', { bearer: 'secret' }); // 'createRace:cred:5f2b...'
 * callerScope('requestVerification', undefined); // 'requestVerification'
 * ```
 */
export function callerScope(id: OperationId, credentials: Credentials | undefined): string {
  if (!credentials || (credentials.bearer === undefined && credentials.apiKey === undefined && credentials.queryKey === undefined))
    return id;
  return `${id}:cred:${createHash('sha256').update(canonicalJson(credentials)).digest('hex')}`;
}

/** A key this request holds in the store, until its response settles it. */
interface Claim {
  scope: string;
  key: string;
  /** The headers the handler set, to be replayed with the response. */
  headers: Record<string, string>;
  settled: boolean;
}

const CLAIM = Symbol('astral.idempotencyClaim');
type WithClaim = FastifyRequest & { [CLAIM]?: Claim };

/** What a request's fingerprint reads besides its method and route: the handler's input. */
export type FingerprintInput = Omit<FingerprintParts, 'method' | 'route'>;

/** One operation's part of the protocol, called by the route. */
export interface IdempotencyGate {
  /**
   * Claims the request's key before its handler runs: `undefined` at once without a key (most
   * requests: `input` is not read, nothing awaited), else a stored response to replay,
   * `undefined` to run the handler, or a rejection with the 409 or 422 `ApiError`.
   */
  begin(request: FastifyRequest, input: () => FingerprintInput, credentials?: Credentials): Promise<StoredResponse | undefined> | undefined;
  /** Whether the request holds a claim its response has yet to settle (the hooks below have work). */
  holdsClaim(request: FastifyRequest): boolean;
  /** Records the headers the handler's result carries (replayed with it). */
  noteHeaders(request: FastifyRequest, headers: Record<string, string> | undefined): void;
  /** Route `onSend`: stores the response as sent (a 4xx too), or releases the key on a 5xx. */
  onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void>;
  /** Once the response closed: a claim nothing settled (no response could be stored) is released. */
  onDone(request: FastifyRequest): Promise<void>;
}

/**
 * The protocol over a store, per operation. `forOperation` is `undefined` for an operation
 * that does not take the header: it ignores one sent anyway.
 *
 * @example
 * ```ts
 * const gate = createIdempotency({ store: memoryIdempotencyStore() }).forOperation('createRace');
 * ```
 */
export function createIdempotency(options: { store: IdempotencyStore; now?: () => Date }): {
  operations: ReadonlySet<OperationId>;
  forOperation(id: OperationId): IdempotencyGate | undefined;
} {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const operations = idempotentOperations();

  const release = async (request: FastifyRequest, claim: Claim): Promise<void> => {
    claim.settled = true;
    try {
      await store.release(claim.scope, claim.key);
    } catch (error) {
      // The claim then blocks the key until its lock expires (LOCK_SECONDS): a retry gets 409 till then.
      request.log.error({ err: error }, 'Could not release an Idempotency-Key');
    }
  };

  const forOperation = (id: OperationId): IdempotencyGate | undefined => {
    if (!operations.has(id)) return undefined;
    const entry = operationTable[id];
    // The 409 and 422 answers must be documented, or the contract would not tell callers about them.
    for (const code of ANSWERS) {
      const status = new ApiError(code).status;
      if (!(entry.statuses as readonly number[]).includes(status)) {
        throw new TypeError(`createAstralServer: ${id} takes ${IDEMPOTENCY_HEADER} but does not document ${status} (${code})`);
      }
    }
    const route = entry.path;
    const method = entry.method;

    const claimKey = async (request: FastifyRequest, key: string, input: FingerprintInput, credentials?: Credentials) => {
      const claim: Claim = { scope: callerScope(id, credentials), key, headers: {}, settled: false };
      const outcome = await store.begin({
        scope: claim.scope,
        key: claim.key,
        fingerprint: requestFingerprint({ method, route, ...input }),
        now: now(),
        lockSeconds: LOCK_SECONDS,
        retentionSeconds: RETENTION_SECONDS,
      });
      switch (outcome.state) {
        case 'claimed':
          (request as WithClaim)[CLAIM] = claim;
          return undefined;
        case 'completed':
          return outcome.response;
        case 'in_flight':
          throw new ApiError('IDEMPOTENCY_KEY_IN_USE', { field: IDEMPOTENCY_HEADER });
        case 'mismatch':
          throw new ApiError('IDEMPOTENCY_KEY_REUSED', { field: IDEMPOTENCY_HEADER });
      }
    };

    return {
      begin(request, input, credentials) {
        const raw = request.headers[HEADER_LOWER];
        return typeof raw === 'string' ? claimKey(request, raw, input(), credentials) : undefined;
      },
      holdsClaim(request) {
        const claim = (request as WithClaim)[CLAIM];
        return claim !== undefined && !claim.settled;
      },
      noteHeaders(request, headers) {
        const claim = (request as WithClaim)[CLAIM];
        if (claim && headers) claim.headers = { ...headers };
      },
      async onSend(request, reply, payload) {
        const claim = (request as WithClaim)[CLAIM];
        if (!claim || claim.settled) return;
        if (isRetryLater(reply.statusCode)) return release(request, claim);
        const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
        claim.settled = true;
        try {
          // Stored before the response leaves, so a retry that follows it is always a replay.
          await store.complete(claim.scope, claim.key, { status: reply.statusCode, body, headers: claim.headers }, now());
        } catch (error) {
          // The caller still gets its answer; the key is freed, since a record that was not
          // written cannot be replayed and a lock would only answer 409s.
          request.log.error({ err: error }, 'Could not store the response of an Idempotency-Key');
          await release(request, claim);
        }
      },
      async onDone(request) {
        const claim = (request as WithClaim)[CLAIM];
        if (claim && !claim.settled) await release(request, claim);
      },
    };
  };

  return { operations, forOperation };
}
