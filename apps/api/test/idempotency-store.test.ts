// Idempotency records in the database (the IdempotencyStore of @astral/server): a key is
// claimed once, replayed once completed, refused for another request, taken over when its
// instance died, new again after its retention; one claim wins among concurrent ones.
import type { IdempotencyClaim } from '@astral/server';
import { expect, it } from 'vitest';
import { describeOnDatabases } from './databases.js';
import { twoInstancesPerTest } from './instances.js';

const t0 = Date.parse('2026-05-01T10:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const claim = (overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
  scope: 'createRace:usr_ana',
  key: '8e03978e-40d5-43e8-bc93-6894a57f9324',
  fingerprint: 'sha256:aaa',
  now: at(0),
  lockSeconds: 60,
  retentionSeconds: 86_400,
  ...overrides,
});
const response = { status: 201, body: '{"status":"ok","data":{"race_id":"race_1"}}', headers: { location: '/api/v1/races/race_1' } };

const instances = twoInstancesPerTest();

describeOnDatabases('the idempotency store on $name', (lane) => {
  it('claims a new key, reports it in flight, then replays its response; another request with the key is a mismatch', async () => {
    const { first, second } = await instances(lane);
    expect(await first.idempotency.begin(claim())).toEqual({ state: 'claimed' });
    expect(await second.idempotency.begin(claim({ now: at(1) }))).toEqual({ state: 'in_flight' });
    expect(await second.idempotency.begin(claim({ now: at(1), fingerprint: 'sha256:bbb' }))).toEqual({ state: 'mismatch' });
    await first.idempotency.complete(claim().scope, claim().key, response, at(2));
    expect(await second.idempotency.begin(claim({ now: at(3) }))).toEqual({ state: 'completed', response });
    expect(await second.idempotency.begin(claim({ now: at(3), fingerprint: 'sha256:bbb' }))).toEqual({ state: 'mismatch' });
    // The same key in another scope (another caller, another operation) is another key.
    expect(await second.idempotency.begin(claim({ now: at(3), scope: 'createRace:usr_bob' }))).toEqual({ state: 'claimed' });
  });

  it('forgets a released claim (the request failed), so a retry runs again; a completed record stays', async () => {
    const { first: repository } = await instances(lane);
    const store = repository.idempotency;
    expect(await store.begin(claim())).toEqual({ state: 'claimed' });
    await store.release(claim().scope, claim().key);
    expect(await store.begin(claim({ now: at(1), fingerprint: 'sha256:bbb' }))).toEqual({ state: 'claimed' });
    await store.complete(claim().scope, claim().key, response, at(2));
    await store.release(claim().scope, claim().key);
    expect(await store.begin(claim({ now: at(3), fingerprint: 'sha256:bbb' }))).toEqual({ state: 'completed', response });
  });

  it('lets a retry take over a lock older than lockSeconds (its instance died), once', async () => {
    const { first, second } = await instances(lane);
    expect(await first.idempotency.begin(claim())).toEqual({ state: 'claimed' });
    expect(await second.idempotency.begin(claim({ now: at(59) }))).toEqual({ state: 'in_flight' });
    const takeovers = await Promise.all([first, second, first, second].map((r) => r.idempotency.begin(claim({ now: at(61) }))));
    expect(takeovers.filter((outcome) => outcome.state === 'claimed')).toHaveLength(1);
    expect(takeovers.filter((outcome) => outcome.state === 'in_flight')).toHaveLength(3);
  });

  it('treats a key as new once its record is older than retentionSeconds', async () => {
    const { first: repository } = await instances(lane);
    const store = repository.idempotency;
    await store.begin(claim());
    await store.complete(claim().scope, claim().key, response, at(1));
    const later = claim({ now: at(86_400), fingerprint: 'sha256:bbb' });
    expect(await store.begin(later)).toEqual({ state: 'claimed' });
    expect(await store.begin({ ...later, now: at(86_401) })).toEqual({ state: 'in_flight' });
    expect(await store.prune(at(86_400))).toBe(0);
    expect(await store.prune(at(86_400 + 1))).toBe(1);
    expect(await store.begin({ ...later, now: at(86_402) })).toEqual({ state: 'claimed' });
  });

  it('gives exactly one of 10 concurrent claims of a key, from two instances', async () => {
    const { first, second } = await instances(lane);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? first : second).idempotency.begin(claim())));
    expect(outcomes.filter((outcome) => outcome.state === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.state === 'in_flight')).toHaveLength(9);
  });
});
