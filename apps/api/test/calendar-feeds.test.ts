// Calendar feed URLs, on SQLite and PostgreSQL, as a calendar app sees them: a user makes
// their own secret URL of a plan instance's calendar.ics; a plain `fetch(url)` with no
// headers (what Google Calendar, Apple Calendar and Outlook send) reads it; making another
// replaces it, revoking ends it, and it stops when its maker may no longer read the
// instance (an assistant coach unassigned). A malformed token is refused without a lookup.
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { secretFromBody } from '../src/domain/secrets.js';
import { devCredentials } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp, oneWorkoutPlan } from './helpers.js';

const headCoach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const leo = bearer(devCredentials.memberToken);
const feedPath = (id: string) => `/training/plan-instances/${id}/calendar-feed`;
const plan = oneWorkoutPlan('Feed test');

/** What a calendar app does: GET the URL, no headers at all. */
async function subscribe(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describeOnDatabases('calendar feeds on $name', (lane) => {
  const { call, close, started } = laneApp(lane);
  afterAll(() => close());
  let base: string;
  let leoInstance: string;
  let otherInstance: string;
  beforeAll(async () => {
    const { app } = await started();
    base = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/v1`;
    const planId = (await call('POST', '/training/plans', headCoach, plan)).body.training_plan_id as string;
    const made = await call('POST', `/training/plans/${planId}/assign`, headCoach, {
      athlete_ids: ['usr_athlete2', 'usr_athlete3'],
      start_date: '2026-03-16',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    [leoInstance, otherInstance] = made.body.data.map((instance: { plan_instance_id: string }) => instance.plan_instance_id);
  });

  /** Makes the caller's feed over HTTP, as a user's app would: the URL then names this server. */
  async function makeFeed(token: string, instanceId: string) {
    const response = await fetch(`${base}${feedPath(instanceId)}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(201);
    return ((await response.json()) as { data: { url: string; webcal_url: string; created_at: string } }).data;
  }

  it('is read by a plain fetch with no headers: an iCalendar feed a second library parses, with the house headers', async () => {
    const feed = await makeFeed(devCredentials.memberToken, leoInstance);
    expect(feed.url).toMatch(
      new RegExp(`^${base}/training/plan-instances/${leoInstance}/calendar\\.ics\\?feed_token=astral_cf_[0-9A-Za-z]{46}$`),
    );
    expect(feed.webcal_url).toBe(feed.url.replace(/^http:/, 'webcal:'));
    expect((await call('GET', feedPath(leoInstance), leo)).body.data).toEqual({
      plan_instance_id: leoInstance,
      created_at: feed.created_at,
      last_used_at: null,
    });
    const read = await subscribe(feed.url);
    expect(read.status, read.text).toBe(200);
    expect(read.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    const events = new ICAL.Component(ICAL.parse(read.text)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(events.map((e) => [e.startDate.toString(), e.summary])).toEqual([['2026-03-17', 'Easy run']]);
    // The read is recorded; the secret is never shown again.
    const status = await call('GET', feedPath(leoInstance), leo);
    expect(status.body.data.last_used_at).toEqual(expect.any(String));
    expect(status.text).not.toContain('astral_cf_');
  });

  it('is replaced by a new one (the old URL is a 401 at once) and ends when revoked', async () => {
    const first = await makeFeed(devCredentials.memberToken, leoInstance);
    const second = await makeFeed(devCredentials.memberToken, leoInstance);
    expect(second.url).not.toBe(first.url);
    const old = await subscribe(first.url);
    expect(old.status).toBe(401);
    expect(JSON.parse(old.text)).toEqual({ error: expect.any(String), details: { code: 'UNAUTHORIZED', field: 'feed_token' } });
    expect((await subscribe(second.url)).status).toBe(200);
    const revoked = await call('DELETE', feedPath(leoInstance), leo);
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    expect((await subscribe(second.url)).status).toBe(401);
    expect(errorOf(await call('GET', feedPath(leoInstance), leo))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'plan_instance_id' });
    expect(errorOf(await call('DELETE', feedPath(leoInstance), leo))).toMatchObject({ status: 404 });
  });

  it('stops with a 404 once its maker may no longer read the instance (a coach unassigned), and again when reassigned', async () => {
    const feed = await makeFeed(devCredentials.assistantToken, leoInstance);
    expect((await subscribe(feed.url)).status).toBe(200);
    const unassign = await call('PUT', '/organizations/org_alpineclub/members/usr_athlete2/coach', headCoach, { coach_id: null });
    expect(unassign.status, JSON.stringify(unassign.body)).toBe(200);
    try {
      const read = await subscribe(feed.url);
      expect(read.status).toBe(404);
      // As the assistant's own token is answered: the same rule, the same 404.
      expect(errorOf(await call('GET', `/training/plan-instances/${leoInstance}/calendar.ics`, assistant))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'plan_instance_id',
      });
      expect(JSON.parse(read.text)).toEqual({ error: expect.any(String), details: { code: 'NOT_FOUND', field: 'plan_instance_id' } });
    } finally {
      await call('PUT', '/organizations/org_alpineclub/members/usr_athlete2/coach', headCoach, { coach_id: 'usr_coach2' });
    }
    expect((await subscribe(feed.url)).status).toBe(200);
  });

  it("reads only its own instance: another instance's URL is a 404, and it is no credential anywhere else", async () => {
    const feed = await makeFeed(devCredentials.coachToken, leoInstance);
    const token = new URL(feed.url).searchParams.get('feed_token')!;
    const other = await subscribe(`${base}/training/plan-instances/${otherInstance}/calendar.ics?feed_token=${token}`);
    expect(other.status).toBe(404);
    expect(JSON.parse(other.text).details).toEqual({ code: 'NOT_FOUND', field: 'plan_instance_id' });
    // The instance itself, the feed's own operations: the token is not read there (no credential: 401).
    for (const path of [`/training/plan-instances/${leoInstance}`, feedPath(leoInstance)]) {
      expect((await subscribe(`${base}${path}?feed_token=${token}`)).status, path).toBe(401);
    }
  });

  it('refuses a malformed token 401 without looking it up', async () => {
    const { repository } = await started();
    const lookup = vi.spyOn(repository.trainingPlans.feeds, 'findByHash');
    try {
      const good = secretFromBody('calendarFeed', 'A'.repeat(40));
      // The right prefix and length, one checksum character off; another kind of secret; garbage.
      const wrongChecksum = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
      for (const token of [wrongChecksum, secretFromBody('accessToken', 'A'.repeat(40)), 'x', devCredentials.memberToken]) {
        const read = await subscribe(`${base}/training/plan-instances/${leoInstance}/calendar.ics?feed_token=${encodeURIComponent(token)}`);
        expect(read.status, token).toBe(401);
        expect(JSON.parse(read.text).details).toEqual({ code: 'UNAUTHORIZED', field: 'feed_token' });
      }
      expect(lookup).not.toHaveBeenCalled();
      // A well-formed unknown one is looked up, and is a 401 too.
      expect((await subscribe(`${base}/training/plan-instances/${leoInstance}/calendar.ics?feed_token=${good}`)).status).toBe(401);
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      lookup.mockRestore();
    }
  });

  it('is made with a user token only: an API key is a 403, an instance the caller may not read a 404', async () => {
    expect(errorOf(await call('POST', feedPath(leoInstance), 'organization'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(errorOf(await call('POST', feedPath(leoInstance), 'athlete'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      field: 'plan_instance_id',
    });
    expect(errorOf(await call('POST', feedPath('pli_missing'), leo))).toMatchObject({ status: 404 });
  });
});
