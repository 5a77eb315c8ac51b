/**
 * What `createAstralServer({ idempotency })` needs from the application to honour the
 * contract's `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header).
 * The server owns the semantics (fingerprint, replay, 409/422, which operations); the store
 * only keeps records, and must be shared by every instance (the reference API keeps them in
 * its database), so a retry that reaches another instance is still recognised.
 */

/** A finished response, as replayed to a retry. */
export interface StoredResponse {
  status: number;
  /** The JSON body as sent, text. */
  body: string;
  /** The response headers the handler set (not the framework's own). */
  headers: Record<string, string>;
}

/** One claim on a key. */
export interface IdempotencyClaim {
  /** Who the key belongs to: the operation and the caller's credential (hashed), or the operation for anonymous calls. */
  scope: string;
  /** The `Idempotency-Key` value. */
  key: string;
  /** A hash of what makes the request the same request (method, path, query, body). */
  fingerprint: string;
  now: Date;
  /** A claim older than this (a crashed instance) may be taken over. */
  lockSeconds: number;
  /** A record older than this is forgotten: the key is new again. */
  retentionSeconds: number;
}

/** The outcome of a claim. */
export type IdempotencyBegin =
  /** Nobody had the key (or its record expired): run the request, then `complete` or `release`. */
  | { state: 'claimed' }
  /** Another request with this key is still running (and its lock has not expired). */
  | { state: 'in_flight' }
  /** The key was used for a request with another fingerprint. */
  | { state: 'mismatch' }
  /** The key's request finished: replay its response. */
  | { state: 'completed'; response: StoredResponse };

/** Keeps idempotency records; every method atomic across instances. */
export interface IdempotencyStore {
  /** Claims `claim.key` in `claim.scope`, or says why not. */
  begin(claim: IdempotencyClaim): Promise<IdempotencyBegin>;
  /** Stores the response of a claimed key's request. */
  complete(scope: string, key: string, response: StoredResponse, now: Date): Promise<void>;
  /** Forgets a claimed key whose request failed (5xx or a thrown error), so a retry runs again. */
  release(scope: string, key: string): Promise<void>;
}
