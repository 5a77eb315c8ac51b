import { afterEach, describe, expect, test, vi } from 'vitest';
import { createAstralClient } from '../src/index.js';
import { backoffDelay, parseRetryAfter, resolveRetry } from '../src/retry.js';
import { apiError, baseUrl, fakeFetch, hang, json, race } from './fake-fetch.js';

const ok = json({ status: 'ok', data: race });
const noJitter = { retries: 3, baseDelayMs: 100, jitter: false } as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('timeout and abort', () => {
  test('the client timeout ends a hanging request with TIMEOUT', async () => {
    const client = createAstralClient({ baseUrl, fetch: fakeFetch(hang), timeoutMs: 20 });
    await expect(client.races.get('race_xyz456')).rejects.toMatchObject({ status: 0, code: 'TIMEOUT', isClientSide: true });
  });

  test('a per-call timeout overrides the client one', async () => {
    const client = createAstralClient({ baseUrl, fetch: fakeFetch(hang), timeoutMs: 60_000 });
    const started = Date.now();
    await expect(client.races.get('race_xyz456', { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('an answer in time is not affected by the timeout', async () => {
    const client = createAstralClient({ baseUrl, fetch: fakeFetch(ok), timeoutMs: 1_000 });
    await expect(client.races.get('race_xyz456')).resolves.toEqual(race);
  });

  test("the caller's AbortSignal gives ABORTED, before and during the request", async () => {
    const client = createAstralClient({ baseUrl, fetch: fakeFetch(hang) });
    await expect(client.races.get('race_xyz456', { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    const controller = new AbortController();
    const pending = client.safe.races.get('race_xyz456', { signal: controller.signal });
    controller.abort();
    expect((await pending).error).toMatchObject({ status: 0, code: 'ABORTED' });
  });
});

describe('retries', () => {
  test('off by default: a 503 is returned at once', async () => {
    const fetch = fakeFetch(apiError(503, 'INTERNAL_ERROR'), ok);
    await expect(createAstralClient({ baseUrl, fetch }).races.get('race_xyz456')).rejects.toMatchObject({ status: 503 });
    expect(fetch.calls).toHaveLength(1);
  });

  test('GET is retried on 5xx and network errors, with exponential backoff', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(apiError(500, 'INTERNAL_ERROR'), () => Promise.reject(new TypeError('reset')), ok);
    const client = createAstralClient({ baseUrl, fetch, retry: noJitter });
    const pending = client.races.get('race_xyz456');
    await vi.advanceTimersByTimeAsync(99);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // first retry after 100 ms
    expect(fetch.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(199);
    expect(fetch.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // second retry after 200 ms
    await expect(pending).resolves.toEqual(race);
    expect(fetch.calls).toHaveLength(3);
  });

  test('429 with Retry-After waits the seconds the server asks for', async () => {
    vi.useFakeTimers();
    const fetch = fakeFetch(apiError(429, 'RATE_LIMITED', undefined, { 'Retry-After': '3' }), ok);
    const client = createAstralClient({ baseUrl, fetch, retry: noJitter });
    const pending = client.races.get('race_xyz456');
    await vi.advanceTimersByTimeAsync(2_999);
    expect(fetch.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual(race);
    expect(fetch.calls).toHaveLength(2);
  });

  test('a Retry-After beyond maxRetryAfterMs is not waited for: the 429 is the answer', async () => {
    const fetch = fakeFetch(apiError(429, 'RATE_LIMITED', undefined, { 'Retry-After': '3600' }), ok);
    const client = createAstralClient({ baseUrl, fetch, retry: { ...noJitter, maxRetryAfterMs: 10_000 } });
    await expect(client.races.get('race_xyz456')).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(fetch.calls).toHaveLength(1);
  });

  test('the last failure is returned when the retries run out', async () => {
    const fetch = fakeFetch(apiError(502, 'INTERNAL_ERROR', undefined, { 'X-Request-Id': 'req_last' }));
    const client = createAstralClient({ baseUrl, fetch, retry: { retries: 2, baseDelayMs: 1 } });
    await expect(client.races.get('race_xyz456')).rejects.toMatchObject({ status: 502, requestId: 'req_last' });
    expect(fetch.calls).toHaveLength(3);
  });

  test('PUT and DELETE are retried and resend the same body', async () => {
    const fetch = fakeFetch(apiError(503, 'INTERNAL_ERROR'), json({ status: 'ok', message: 'Race updated successfully', data: race }));
    const client = createAstralClient({ baseUrl, fetch, retry: { retries: 1, baseDelayMs: 1 } });
    await client.races.update('race_xyz456', { race_name: 'Renamed' });
    expect(fetch.calls.map((call) => [call.method, call.body])).toEqual([
      ['PUT', '{"race_name":"Renamed"}'],
      ['PUT', '{"race_name":"Renamed"}'],
    ]);
  });

  test('a POST without an Idempotency-Key is never retried, on 5xx or on network errors', async () => {
    const body = { race_name: 'X', race_type: 'run', race_subtype: '5k', race_date: '2026-01-01T09:00:00Z', race_location: 'Y' } as const;
    const on503 = fakeFetch(apiError(503, 'INTERNAL_ERROR'), ok);
    const { response } = await createAstralClient({ baseUrl, fetch: on503, retry: 3 }).raw.POST('/races', { body });
    expect(response.status).toBe(503);
    expect(on503.calls).toHaveLength(1);
    const offline = fakeFetch(() => Promise.reject(new TypeError('reset')), ok);
    await expect(
      createAstralClient({ baseUrl, fetch: offline, retry: 3 }).auth.login({ email: 'a@b.co', password: 'x' }),
    ).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
    expect(offline.calls).toHaveLength(1);
  });

  test('4xx answers are not retried', async () => {
    const fetch = fakeFetch(apiError(404, 'NOT_FOUND'), ok);
    await expect(createAstralClient({ baseUrl, fetch, retry: 3 }).races.get('race_x')).rejects.toMatchObject({ status: 404 });
    expect(fetch.calls).toHaveLength(1);
  });

  test('timeouts are retried, each attempt with its own timeout', async () => {
    const fetch = fakeFetch(hang, ok);
    const client = createAstralClient({ baseUrl, fetch, timeoutMs: 20, retry: { retries: 1, baseDelayMs: 1 } });
    await expect(client.races.get('race_xyz456')).resolves.toEqual(race);
    expect(fetch.calls).toHaveLength(2);
  });

  test('per-call retry overrides the client: on for one call, off for another', async () => {
    const on = fakeFetch(apiError(500, 'INTERNAL_ERROR'), ok);
    await expect(createAstralClient({ baseUrl, fetch: on }).races.get('r', { retry: { retries: 1, baseDelayMs: 1 } })).resolves.toEqual(
      race,
    );
    const off = fakeFetch(apiError(500, 'INTERNAL_ERROR'), ok);
    await expect(createAstralClient({ baseUrl, fetch: off, retry: 2 }).races.get('r', { retry: false })).rejects.toMatchObject({
      status: 500,
    });
    expect(off.calls).toHaveLength(1);
  });

  test('an abort during the backoff ends the call with ABORTED', async () => {
    const controller = new AbortController();
    const fetch = fakeFetch(apiError(503, 'INTERNAL_ERROR', undefined, { 'Retry-After': '5' }), ok);
    const pending = createAstralClient({ baseUrl, fetch, retry: 2 }).races.get('r', { signal: controller.signal });
    await vi.waitFor(() => expect(fetch.calls).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    expect(fetch.calls).toHaveLength(1);
  });
});

describe('retry policy', () => {
  test('Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  test('backoff doubles up to maxDelayMs; jitter keeps it between half and all', () => {
    const policy = resolveRetry({ retries: 5, baseDelayMs: 100, maxDelayMs: 300, jitter: false })!;
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n))).toEqual([100, 200, 300, 300]);
    const jittered = { ...policy, jitter: true };
    expect(backoffDelay(jittered, 2, () => 0)).toBe(100);
    expect(backoffDelay(jittered, 2, () => 1)).toBe(200);
  });

  test('settings: a number is a retry count; false, 0 and undefined are off', () => {
    expect(resolveRetry(3)?.retries).toBe(3);
    expect(resolveRetry(false)).toBeUndefined();
    expect(resolveRetry(0)).toBeUndefined();
    expect(resolveRetry(undefined)).toBeUndefined();
  });
});

describe('a fetch that ignores AbortSignal', () => {
  test('still cannot outlive the timeout', async () => {
    const deaf = fakeFetch(() => new Promise<Response>(() => undefined));
    const client = createAstralClient({ baseUrl, fetch: deaf, timeoutMs: 20 });
    await expect(client.races.get('race_xyz456')).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('Idempotency-Key on creates', () => {
  test('a create the contract makes retry-safe gets a key, kept across its retries', async () => {
    const created = { status: 'ok', race_id: 'race_xyz456', message: 'Race created successfully', data: {} };
    const fetch = fakeFetch(apiError(503, 'INTERNAL_ERROR'), json(created, 201));
    const client = createAstralClient({ baseUrl, token: 't', fetch, retry: { retries: 1, baseDelayMs: 1, jitter: false } });
    await client.races.create({
      race_name: 'Chicago Marathon',
      race_type: 'run',
      race_subtype: 'marathon',
      race_date: '2025-10-05T08:00:00Z',
      race_location: 'Chicago, IL, USA',
    });
    const keys = fetch.calls.map((call) => call.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  test('a key the caller chose is kept; operations without the header get none', async () => {
    const fetch = fakeFetch(json({ message: 'sent', expires_in: 86400 }), json({ principal_type: 'user', user_id: 'usr_athlete1' }));
    const client = createAstralClient({ baseUrl, fetch });
    await client.auth.requestVerification({ email: 'lena@example.com' }, { headers: { 'Idempotency-Key': 'my-key-1' } });
    await client.auth.me();
    expect(fetch.calls[0]!.headers.get('idempotency-key')).toBe('my-key-1');
    expect(fetch.calls[1]!.headers.has('idempotency-key')).toBe(false);
  });
});
