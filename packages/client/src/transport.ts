import { AstralApiError } from './errors.js';
import {
  backoffDelay,
  isIdempotent,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from './retry.js';

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
    const maxRetries = retry && isIdempotent(request.method) ? retry.retries : 0;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      let response: Response;
      try {
        response = await attemptOnce(baseFetch, request, timeoutMs);
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

/** One attempt on a fresh copy of the request, so a body can be sent again on retry. */
async function attemptOnce(baseFetch: FetchLike, request: Request, timeoutMs: number | undefined): Promise<Response> {
  const callerSignal = request.signal;
  if (callerSignal.aborted) throw abortedError(callerSignal.reason);
  const controller = new AbortController();
  const onAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer =
    timeoutMs !== undefined && timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  try {
    // Raced against the signal too, so a fetch that ignores `signal` cannot outlive the timeout.
    return await Promise.race([
      baseFetch(new Request(request.clone(), { signal: controller.signal })),
      new Promise<never>((_resolve, reject) => {
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      }),
    ]);
  } catch (error) {
    if (callerSignal.aborted) throw abortedError(callerSignal.reason);
    if (timedOut) {
      throw new AstralApiError(`Timeout: no response within ${timeoutMs} ms`, { status: 0, code: 'TIMEOUT', cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new AstralApiError(`Network error: ${message}`, { status: 0, code: 'NETWORK_ERROR', cause: error });
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener('abort', onAbort);
  }
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
