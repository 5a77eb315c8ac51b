import { AstralApiError } from './errors.js';
import { backoffDelay, isIdempotent, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry.js';

/** The `fetch` the client calls: the standard one, or any function of the same shape. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface TransportOptions {
  fetch?: FetchLike | undefined;
  /** Bound on each attempt, until the response headers arrive. */
  timeoutMs?: number | undefined;
  retry?: RetryPolicy | undefined;
}

/**
 * Wraps `fetch` with a per-attempt timeout and retries of idempotent requests. The caller's
 * own `AbortSignal` is the request's `signal`; it cancels every attempt and every wait.
 * openapi-fetch calls the result as its `fetch`, so the raw client gets the same behaviour.
 */
export function createTransport(options: TransportOptions): FetchLike {
  // Read the global at call time, so a fetch installed after the client is created is used.
  const baseFetch: FetchLike = options.fetch ?? ((request) => globalThis.fetch(request));
  const { timeoutMs, retry } = options;

  return async function astralFetch(request: Request): Promise<Response> {
    // An Idempotency-Key makes a POST safe to repeat: the API replays the first answer.
    const safeToRepeat = isIdempotent(request.method) || request.headers.has('Idempotency-Key');
    const maxRetries = retry && safeToRepeat ? retry.retries : 0;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      let response: Response;
      try {
        response = await attemptOnce(baseFetch, request, timeoutMs, !last);
      } catch (error) {
        if (last || !(error instanceof AstralApiError) || error.code === 'ABORTED') throw error;
        await sleep(backoffDelay(retry!, attempt + 1), request.signal);
        continue;
      }
      if (last || !isRetryableStatus(response.status)) return response;
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
      if (retryAfter !== undefined && retryAfter > retry!.maxRetryAfterMs) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(retryAfter ?? backoffDelay(retry!, attempt + 1), request.signal);
    }
  };
}

/**
 * One attempt. The request is copied only when a retry may follow (a body can be sent
 * once), and wrapped with a timeout signal only when a timeout is set: the common call
 * (no timeout, no retry) goes out as it is, which keeps the client's per-call cost small.
 */
async function attemptOnce(baseFetch: FetchLike, request: Request, timeoutMs: number | undefined, reusable: boolean): Promise<Response> {
  const callerSignal = request.signal;
  if (callerSignal.aborted) throw abortedError(callerSignal.reason);
  const attempt = reusable ? request.clone() : request;
  if (timeoutMs === undefined || timeoutMs <= 0) {
    try {
      return await untilAborted(baseFetch(attempt), callerSignal);
    } catch (error) {
      throw failure(error, callerSignal, false, timeoutMs);
    }
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    return await untilAborted(baseFetch(new Request(attempt, { signal: controller.signal })), controller.signal);
  } catch (error) {
    throw failure(error, callerSignal, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener('abort', onAbort);
  }
}

/**
 * One `fetch(url, init)` on the global fetch, failing as the transport does (`ABORTED`,
 * `NETWORK_ERROR`): what a resource call sends when there is nothing to wrap fetch in (no
 * injected fetch, timeout or retry), without building a `Request` for it first.
 *
 * @example
 * ```ts
 * const response = await fetchOnce('http://127.0.0.1:3000/api/v1/races/race_1', { headers: { authorization: 'Bearer t' } });
 * ```
 */
export async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw abortedError(signal.reason);
  try {
    return await globalThis.fetch(url, init);
  } catch (error) {
    throw failure(error, signal ?? new AbortController().signal, false, undefined);
  }
}

/** Races `pending` against `signal`, so a fetch that ignores `signal` cannot outlive an abort. */
async function untilAborted<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      pending,
      new Promise<never>((_resolve, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** What a failed attempt means to the caller: aborted, timed out, or a network error. */
function failure(error: unknown, callerSignal: AbortSignal, timedOut: boolean, timeoutMs: number | undefined): AstralApiError {
  if (callerSignal.aborted) return abortedError(callerSignal.reason);
  if (timedOut) return new AstralApiError(`Timeout: no response within ${timeoutMs} ms`, { status: 0, code: 'TIMEOUT', cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new AstralApiError(`Network error: ${message}`, { status: 0, code: 'NETWORK_ERROR', cause: error });
}

function abortedError(reason: unknown): AstralApiError {
  return new AstralApiError('Aborted by the caller', { status: 0, code: 'ABORTED', cause: reason });
}

/** Waits `ms`, or rejects with an ABORTED error as soon as `signal` fires. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortedError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal.reason));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
