// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header), as the contract promises it:
// replay, 422 on another request, 409 while in flight, 5xx released, 4xx kept, per caller.
import { describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { operationIds, operationTable } from '@astral/openapi';
import { operationParameters } from '@astral/openapi/contract';
import {
  apiError,
  createStubHandlers,
  memoryIdempotencyStore,
  rateLimitedError,
  rateLimitHeaders,
  type HandlerContext,
  type IdempotencyStore,
  type StoredResponse,
} from '../src/index.js';
import { canonicalJson, idempotentOperations, requestFingerprint } from '../src/idempotency.js';
import { auth, buildApp } from './helpers.js';

const stubs = createStubHandlers();
const newRace = {
  race_name: 'Berlin Marathon',
  race_type: 'run',
  race_subtype: 'marathon',
  race_date: '2025-09-21T07:15:00Z',
  race_location: 'Berlin, Germany',
};
const json = { ...auth, 'content-type': 'application/json' };

function createRace(key: string | undefined, body: unknown = newRace, headers: Record<string, string> = json): InjectOptions {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return { method: 'POST', url: '/api/v1/races', headers: key === undefined ? headers : { ...headers, 'idempotency-key': key }, payload };
}

/** A createRace whose answers differ per call, so a replay is told apart from a second run. */
function countingRaces() {
  let calls = 0;
  const createRace = (context: HandlerContext<'createRace'>) => {
    calls += 1;
    const result = stubs.createRace(context) as { status: 201; body: { message: string } };
    return { ...result, body: { ...result.body, message: `Created on call ${calls}` }, headers: { 'cache-control': 'no-store' } };
  };
  return { createRace: createRace as never, calls: () => calls };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('which operations take the key', () => {
  it('is derived from the contract: every operation declaring the Idempotency-Key header', () => {
    // Read from the bundled document's parameters, not from the operation table the server uses.
    const declaring = operationIds.filter((id) =>
      operationParameters(id).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
    );
    expect(declaring.length).toBeGreaterThan(0);
    expect([...idempotentOperations()].sort()).toEqual(declaring.sort());
    for (const id of idempotentOperations()) expect(operationTable[id].statuses).toEqual(expect.arrayContaining([409, 422]));
  });

  it('ignores the header on an operation that does not declare it', async () => {
    let calls = 0;
    const { app } = buildApp({
      getRace: (context) => {
        calls += 1;
        return stubs.getRace(context);
      },
    });
    const request = { method: 'GET', url: '/api/v1/races/race_xyz456', headers: { ...auth, 'idempotency-key': 'k-1' } } as const;
    expect((await app.inject(request)).statusCode).toBe(200);
    const second = await app.inject(request);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(calls).toBe(2);
  });

  it('runs every request that sends no key', async () => {
    const races = countingRaces();
    const { app } = buildApp({ createRace: races.createRace });
    await app.inject(createRace(undefined));
    await app.inject(createRace(undefined));
    expect(races.calls()).toBe(2);
  });
});

describe('replay', () => {
  it('answers a retry with the first response, without running the handler again', async () => {
    const races = countingRaces();
    const { app, violations } = buildApp({ createRace: races.createRace });
    const first = await app.inject(createRace('key-1'));
    const retry = await app.inject(createRace('key-1'));
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.body).toBe(first.body);
    expect(retry.json().message).toBe('Created on call 1');
    expect(retry.headers['cache-control']).toBe('no-store');
    expect(retry.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(races.calls()).toBe(1);
    expect(violations).toEqual([]);
  });

  it('gives the replay the request id of the new request', async () => {
    const { app } = buildApp();
    const first = await app.inject(createRace('key-1', newRace, { ...json, 'x-request-id': 'first-request' }));
    const retry = await app.inject(createRace('key-1', newRace, { ...json, 'x-request-id': 'the-retry' }));
    expect(first.headers['x-request-id']).toBe('first-request');
    expect(retry.headers['x-request-id']).toBe('the-retry');
  });

  it('treats other key order and whitespace as the same request', async () => {
    const races = countingRaces();
    const { app } = buildApp({ createRace: races.createRace });
    await app.inject(createRace('key-1', JSON.stringify(newRace)));
    const reordered = `{ "race_location": "Berlin, Germany",\n  "race_date": "2025-09-21T07:15:00Z", "race_type": "run",
      "race_subtype": "marathon", "race_name": "Berlin Marathon" }`;
    const retry = await app.inject(createRace('key-1', reordered));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(races.calls()).toBe(1);
  });

  it('replays the handler headers of an open operation (rate limits) to anonymous callers', async () => {
    let calls = 0;
    const limits = rateLimitHeaders({ policy: 'verification', limit: 3, windowSeconds: 3600, remaining: 2, resetSeconds: 0 });
    const { app } = buildApp({
      requestVerification: () => {
        calls += 1;
        return { status: 200, body: { message: 'Verification email sent', expires_in: 86400 }, headers: limits };
      },
    });
    const request = {
      method: 'POST',
      url: '/api/v1/auth/request-verification',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'signup-1' },
      payload: { email: 'lena@example.com' },
    } as const;
    const first = await app.inject(request);
    const retry = await app.inject(request);
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers.ratelimit).toBe(limits.RateLimit);
    expect(retry.headers['ratelimit-policy']).toBe(limits['RateLimit-Policy']);
    expect(calls).toBe(1);
  });

  it('replays the body as first sent in production (serialised by the schema, undeclared fields dropped)', async () => {
    const leaky = (context: HandlerContext<'createRace'>) => {
      const result = stubs.createRace(context) as { status: 201; body: object };
      return { ...result, body: { ...result.body, internal_note: 'secret' } };
    };
    const { app } = buildApp({ createRace: leaky as never }, { mode: 'production' });
    const first = await app.inject(createRace('key-1'));
    const retry = await app.inject(createRace('key-1'));
    expect(first.statusCode).toBe(201);
    expect(first.body).not.toContain('secret');
    expect(retry.body).toBe(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
  });
});

describe('misuse and concurrency', () => {
  it('answers the key with another body 422 IDEMPOTENCY_KEY_REUSED, without running the handler', async () => {
    const races = countingRaces();
    const { app, violations } = buildApp({ createRace: races.createRace });
    await app.inject(createRace('key-1'));
    const other = await app.inject(createRace('key-1', { ...newRace, race_name: 'Paris Marathon' }));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toEqual({
      error: 'This Idempotency-Key was used for a different request',
      details: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' },
    });
    expect(other.headers['x-request-id']).toBeTruthy();
    expect(races.calls()).toBe(1);
    expect(violations).toEqual([]);
    // The first response is still the key's.
    expect((await app.inject(createRace('key-1'))).json().message).toBe('Created on call 1');
  });

  it('answers a retry while the first request runs 409 IDEMPOTENCY_KEY_IN_USE', async () => {
    const started = deferred();
    const finish = deferred();
    let calls = 0;
    const { app } = buildApp({
      createRace: async (context) => {
        calls += 1;
        started.resolve();
        await finish.promise;
        return stubs.createRace(context);
      },
    });
    const first = app.inject(createRace('key-1'));
    await started.promise;
    const concurrent = await app.inject(createRace('key-1'));
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.json()).toEqual({
      error: 'A request with this Idempotency-Key is still being processed',
      details: { code: 'IDEMPOTENCY_KEY_IN_USE', field: 'Idempotency-Key' },
    });
    finish.resolve();
    expect((await first).statusCode).toBe(201);
    const after = await app.inject(createRace('key-1'));
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(calls).toBe(1);
  });

  it('releases a key whose request failed 5xx, so the retry runs again', async () => {
    let calls = 0;
    const { app } = buildApp({
      createRace: (context) => {
        calls += 1;
        if (calls === 1) throw new Error('database unavailable');
        return stubs.createRace(context);
      },
    });
    expect((await app.inject(createRace('key-1'))).statusCode).toBe(500);
    const retry = await app.inject(createRace('key-1'));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(calls).toBe(2);
  });

  it('releases a key whose response broke the contract (answered 500)', async () => {
    let calls = 0;
    const { app, violations } = buildApp({
      createRace: (context) => {
        calls += 1;
        return (calls === 1 ? { status: 418 } : stubs.createRace(context)) as never;
      },
    });
    expect((await app.inject(createRace('key-1'))).statusCode).toBe(500);
    expect(violations).toHaveLength(1);
    expect((await app.inject(createRace('key-1'))).statusCode).toBe(201);
    expect(calls).toBe(2);
  });

  it('releases a key whose request was rate limited (429: nothing was done), so the retry after Retry-After runs', async () => {
    let calls = 0;
    const state = { policy: 'verification', limit: 3, windowSeconds: 3600, remaining: 0, resetSeconds: 1800 };
    const { app } = buildApp({
      requestVerification: () => {
        calls += 1;
        if (calls === 1) throw rateLimitedError(state, { field: 'email' });
        return { status: 200, body: { message: 'Verification email sent', expires_in: 86400 } };
      },
    });
    const request = {
      method: 'POST',
      url: '/api/v1/auth/request-verification',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'signup-1' },
      payload: { email: 'lena@example.com' },
    } as const;
    expect((await app.inject(request)).statusCode).toBe(429);
    expect((await app.inject(request)).statusCode).toBe(200);
    expect(calls).toBe(2);
  });

  it('keeps and replays a 4xx answer (a duplicate stays a 409 CONFLICT)', async () => {
    let calls = 0;
    const { app } = buildApp({
      createRace: () => {
        calls += 1;
        return apiError(409, 'CONFLICT', { message: 'A race named Berlin Marathon already exists on 2025-09-21', field: 'race_name' });
      },
    });
    const first = await app.inject(createRace('key-1'));
    const retry = await app.inject(createRace('key-1'));
    expect(first.statusCode).toBe(409);
    expect(retry.statusCode).toBe(409);
    expect(retry.json()).toEqual(first.json());
    expect(retry.json().details).toEqual({ code: 'CONFLICT', field: 'race_name' });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(calls).toBe(1);
  });

  it('does not store a request answered 400 or 401 before its handler', async () => {
    const store = recordingStore();
    const { app } = buildApp({}, { idempotency: store });
    expect((await app.inject(createRace('key-1', { ...newRace, race_type: 'skate' }))).statusCode).toBe(400);
    expect((await app.inject(createRace('key-1', newRace, { 'content-type': 'application/json' }))).statusCode).toBe(401);
    expect(store.calls).toEqual([]);
  });
});

describe('scope', () => {
  it('keeps the keys of different callers apart', async () => {
    const races = countingRaces();
    const { app } = buildApp({ createRace: races.createRace });
    const athlete = await app.inject(createRace('shared-key'));
    const admin = await app.inject(
      createRace('shared-key', newRace, { authorization: 'Bearer admin-token', 'content-type': 'application/json' }),
    );
    const organization = await app.inject(
      createRace('shared-key', { ...newRace, race_name: 'Other' }, { 'x-api-key': 'org-key', 'content-type': 'application/json' }),
    );
    expect([athlete.statusCode, admin.statusCode, organization.statusCode]).toEqual([201, 201, 201]);
    expect(admin.headers['idempotent-replayed']).toBeUndefined();
    expect(races.calls()).toBe(3);
  });

  it('scopes by a hash of the credential and the operation, never the raw token', async () => {
    const store = recordingStore();
    const { app } = buildApp({}, { idempotency: store });
    await app.inject(createRace('key-1'));
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/request-verification',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
      payload: { email: 'lena@example.com' },
    });
    const scopes = store.calls.filter((c) => c.method === 'begin').map((c) => c.scope);
    expect(scopes).toHaveLength(2);
    expect(scopes[0]).toMatch(/^createRace:cred:[0-9a-f]{64}$/);
    expect(scopes[0]).not.toContain('athlete-token');
    expect(scopes[1]).toBe('requestVerification');
    expect(store.calls.filter((c) => c.method === 'complete')).toHaveLength(2);
  });
});

describe('the header value', () => {
  it.each([
    ['empty', ''],
    ['with a space', 'two words'],
    ['over 255 characters', 'k'.repeat(256)],
  ])('answers a key %s 400 naming Idempotency-Key', async (_, key) => {
    const races = countingRaces();
    const { app } = buildApp({ createRace: races.createRace });
    const response = await app.inject(createRace(key));
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual({ code: 'VALIDATION_ERROR', field: 'Idempotency-Key' });
    expect(response.json().error).toMatch(/^Idempotency-Key /);
    expect(races.calls()).toBe(0);
  });

  it('accepts 255 printable ASCII characters', async () => {
    const { app } = buildApp();
    expect((await app.inject(createRace('!~'.repeat(127) + 'x'))).statusCode).toBe(201);
  });
});

describe('the store', () => {
  it('uses the store it is given', async () => {
    const store = recordingStore();
    const { app } = buildApp({}, { idempotency: store });
    await app.inject(createRace('key-1'));
    expect(store.calls.map((c) => c.method)).toEqual(['begin', 'complete']);
    expect(store.calls[0]).toMatchObject({ key: 'key-1', lockSeconds: 60, retentionSeconds: 86400 });
  });

  it('still answers when the store cannot keep the response, and frees the key', async () => {
    const memory = memoryIdempotencyStore();
    const failing: IdempotencyStore = { ...memory, begin: (c) => memory.begin(c), complete: () => Promise.reject(new Error('store down')) };
    const races = countingRaces();
    const { app } = buildApp({ createRace: races.createRace }, { idempotency: failing });
    expect((await app.inject(createRace('key-1'))).statusCode).toBe(201);
    expect((await app.inject(createRace('key-1'))).statusCode).toBe(201);
    expect(races.calls()).toBe(2);
  });

  it('answers 500 when the store cannot be asked, and runs nothing', async () => {
    const races = countingRaces();
    const broken: IdempotencyStore = { ...memoryIdempotencyStore(), begin: () => Promise.reject(new Error('store down')) };
    const { app } = buildApp({ createRace: races.createRace }, { idempotency: broken });
    const response = await app.inject(createRace('key-1'));
    expect(response.statusCode).toBe(500);
    expect(response.json().details).toEqual({ code: 'INTERNAL_ERROR' });
    expect(races.calls()).toBe(0);
  });
});

describe('memoryIdempotencyStore', () => {
  const t0 = new Date('2025-01-15T09:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const claim = (now: Date, fingerprint = 'f1') => ({ scope: 's', key: 'k', fingerprint, now, lockSeconds: 60, retentionSeconds: 86400 });
  const response: StoredResponse = { status: 201, body: '{"ok":true}', headers: { 'cache-control': 'no-store' } };

  it('claims, reports in flight, then replays; another fingerprint is a mismatch', async () => {
    const store = memoryIdempotencyStore();
    expect(await store.begin(claim(t0))).toEqual({ state: 'claimed' });
    expect(await store.begin(claim(at(1)))).toEqual({ state: 'in_flight' });
    expect(await store.begin(claim(at(1), 'f2'))).toEqual({ state: 'mismatch' });
    await store.complete('s', 'k', response, at(2));
    expect(await store.begin(claim(at(3)))).toEqual({ state: 'completed', response });
    expect(await store.begin(claim(at(3), 'f2'))).toEqual({ state: 'mismatch' });
    expect(await store.begin({ ...claim(at(3)), scope: 'other' })).toEqual({ state: 'claimed' });
  });

  it('forgets a record after its retention', async () => {
    const store = memoryIdempotencyStore();
    await store.begin(claim(t0));
    await store.complete('s', 'k', response, t0);
    expect(await store.begin(claim(at(86399)))).toMatchObject({ state: 'completed' });
    expect(await store.begin(claim(at(86400), 'f2'))).toEqual({ state: 'claimed' });
  });

  it('lets a claim whose request never finished be taken over after the lock', async () => {
    const store = memoryIdempotencyStore();
    await store.begin(claim(t0));
    expect(await store.begin(claim(at(59)))).toEqual({ state: 'in_flight' });
    expect(await store.begin(claim(at(60)))).toEqual({ state: 'claimed' });
  });

  it('releases a claim but never a completed record', async () => {
    const store = memoryIdempotencyStore();
    await store.begin(claim(t0));
    await store.release('s', 'k');
    expect(await store.begin(claim(at(1)))).toEqual({ state: 'claimed' });
    await store.complete('s', 'k', response, at(2));
    await store.release('s', 'k');
    expect(await store.begin(claim(at(3)))).toMatchObject({ state: 'completed' });
  });

  it('sweeps expired records, so memory stays bounded', async () => {
    const store = memoryIdempotencyStore();
    for (let i = 0; i < 5; i++) await store.begin({ ...claim(t0), key: `k${i}` });
    expect(store.size).toBe(5);
    await store.begin({ ...claim(at(86400 + 61)), key: 'later' });
    expect(store.size).toBe(1);
  });
});

describe('the fingerprint', () => {
  it('is canonical JSON, hashed with SHA-256', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], u: undefined })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const base = { method: 'POST', route: '/races', params: {}, query: {}, body: { a: 1, b: 2 } };
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint({ ...base, body: { b: 2, a: 1 } })).toBe(requestFingerprint(base));
    expect(requestFingerprint({ ...base, query: { limit: 10 } })).not.toBe(requestFingerprint(base));
    expect(requestFingerprint({ ...base, params: { race_id: 'race_1' } })).not.toBe(requestFingerprint(base));
    expect(requestFingerprint({ ...base, method: 'PUT' })).not.toBe(requestFingerprint(base));
  });
});

/** A memory store that records what the server asked of it. */
function recordingStore() {
  const memory = memoryIdempotencyStore();
  const calls: Array<{ method: string; scope: string; key: string; [more: string]: unknown }> = [];
  const store: IdempotencyStore & { calls: typeof calls } = {
    calls,
    begin(claim) {
      calls.push({ method: 'begin', ...claim });
      return memory.begin(claim);
    },
    complete(scope, key, response, now) {
      calls.push({ method: 'complete', scope, key, response });
      return memory.complete(scope, key, response, now);
    },
    release(scope, key) {
      calls.push({ method: 'release', scope, key });
      return memory.release(scope, key);
    },
  };
  return store;
}
