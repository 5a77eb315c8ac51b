// Rate limits counted in the database: the sliding window, what is stored (no address in
// clear), and exactly `limit` requests let through when two instances count at once.
import { rateLimitedError, rateLimitHeaders, type RateLimitPolicy } from '@astral/server';
import { expect, it } from 'vitest';
import { rateLimitKey } from '../src/rate-limits/index.js';
import { describeOnDatabases } from './databases.js';
import { twoInstancesPerTest } from './instances.js';

const login: RateLimitPolicy = { policy: 'login', limit: 3, windowSeconds: 60 };
const t0 = Date.parse('2026-05-01T10:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);

const instances = twoInstancesPerTest();

describeOnDatabases('rate limits on $name', (lane) => {
  it('lets `limit` requests through per sliding window, then refuses without counting', async () => {
    const { first: repository } = await instances(lane);
    const limits = repository.rateLimits;
    expect(await limits.consume(login, 'ana@example.com', at(0))).toEqual({ ...login, remaining: 2, resetSeconds: 0, allowed: true });
    expect(await limits.consume(login, 'ana@example.com', at(10))).toMatchObject({ remaining: 1, resetSeconds: 0, allowed: true });
    // The last one allowed: the window frees a request when the hit at 0 s leaves it, at 60 s.
    expect(await limits.consume(login, 'ana@example.com', at(20))).toMatchObject({ remaining: 0, resetSeconds: 40, allowed: true });
    expect(await limits.consume(login, 'ana@example.com', at(30))).toMatchObject({ remaining: 0, resetSeconds: 30, allowed: false });
    expect(await limits.check(login, 'ana@example.com', at(30))).toEqual({ ...login, remaining: 0, resetSeconds: 30 });
    // The refusals were not counted: at 61 s the hits at 10 and 20 s remain.
    expect(await limits.check(login, 'ana@example.com', at(61))).toMatchObject({ remaining: 1, resetSeconds: 0 });
    expect(await limits.consume(login, 'ana@example.com', at(61))).toMatchObject({ remaining: 0, resetSeconds: 9, allowed: true });
  });

  it('counts a subject whatever its case and spacing, each policy and subject apart', async () => {
    const { first: repository } = await instances(lane);
    const limits = repository.rateLimits;
    await limits.consume(login, 'Ana@Example.com', at(0));
    expect(await limits.consume(login, ' ana@example.COM ', at(1))).toMatchObject({ remaining: 1 });
    expect(await limits.consume(login, 'bob@example.com', at(1))).toMatchObject({ remaining: 2 });
    expect(await limits.consume({ ...login, policy: 'verification' }, 'ana@example.com', at(1))).toMatchObject({ remaining: 2 });
  });

  it('records a hit whatever the count, and forgets a subject on reset', async () => {
    const { first: repository } = await instances(lane);
    const limits = repository.rateLimits;
    const failures: RateLimitPolicy = { policy: 'login-failures', limit: 2, windowSeconds: 100 };
    await limits.hit(failures, 'ana@example.com', at(0));
    await limits.hit(failures, 'ana@example.com', at(10));
    // Three hits against a limit of two: one more is allowed once two have left (at 110 s).
    expect(await limits.hit(failures, 'ana@example.com', at(20))).toEqual({ ...failures, remaining: 0, resetSeconds: 90 });
    expect(await limits.consume(failures, 'ana@example.com', at(30))).toMatchObject({ allowed: false, resetSeconds: 80 });
    await limits.reset(failures, 'ana@example.com');
    expect(await limits.check(failures, 'ana@example.com', at(30))).toMatchObject({ remaining: 2, resetSeconds: 0 });
  });

  it('stores a hash of the subject, never the subject, and prunes hits that left the window', async () => {
    const { first: repository, db } = await instances(lane);
    await repository.rateLimits.consume(login, 'Ana@Example.com', at(0));
    await repository.rateLimits.consume(login, 'ana@example.com', at(100));
    const rows = await db.selectFrom('rate_limit_hits').selectAll().execute();
    expect(rows).toEqual([{ policy: 'login', key_hash: rateLimitKey('ana@example.com'), hit_ms: expect.anything() }]);
    expect(Number(rows[0]!.hit_ms)).toBe(t0 + 100_000);
    expect(rateLimitKey('ana@example.com')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets exactly `limit` of 10 concurrent requests through, from two instances', async () => {
    const { first, second, db } = await instances(lane);
    const decisions = await Promise.all(
      Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? first : second).rateLimits.consume(login, 'ana@example.com', at(n / 100))),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(login.limit);
    const { count } = await db
      .selectFrom('rate_limit_hits')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(login.limit);
  });

  it('answers a refusal with the 429 and headers of @astral/server', async () => {
    const { first: repository } = await instances(lane);
    const once: RateLimitPolicy = { policy: 'verification', limit: 1, windowSeconds: 3600 };
    const allowed = await repository.rateLimits.consume(once, 'ana@example.com', at(0));
    expect(rateLimitHeaders(allowed)).toEqual({ 'RateLimit-Policy': '"verification";q=1;w=3600', RateLimit: '"verification";r=0;t=3600' });
    const refused = await repository.rateLimits.consume(once, 'ana@example.com', at(1800));
    expect(refused.allowed).toBe(false);
    const error = rateLimitedError(refused, { field: 'email' });
    expect(error.status).toBe(429);
    expect(error.headers).toMatchObject({ 'Retry-After': '1800' });
  });
});
