// The Activities operations over HTTP (in-process), on SQLite and PostgreSQL: logging (with
// its defaults, the rule-based summary and the Idempotency-Key replay), reading, partial
// update, delete, every list filter with its cursor pages, and bad input answered with the
// error shape. Who may read what is activities-access.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { buildSeed } from '../src/seed/build.js';
import { decodePolyline } from '../src/resources/activities/tracks/index.js';
import { describeOnDatabases } from './databases.js';
import { errorOf, fixedNow, laneApp, userMaker } from './helpers.js';

const now = fixedNow.toISOString().replace('.000Z', 'Z');

/** A valid new activity, with `fields` over the defaults. */
const run = (fields: Record<string, unknown> = {}) => ({
  title: 'Tempo run',
  activity_type: 'run',
  start_time: '2026-03-02T07:15:00Z',
  duration_seconds: 2730,
  distance_meters: 8042.5,
  moving_time_seconds: 2655,
  ...fields,
});

describeOnDatabases('activities on $name', (lane) => {
  const { call, repository, started, close } = laneApp(lane);
  afterAll(() => close());
  const newUser = userMaker(repository, 'act');

  describe('logging, reading, changing, deleting', () => {
    it('logs an activity with its defaults and a rule-based summary, reads, changes and deletes it', async () => {
      const created = await call(
        'POST',
        '/activities',
        'athlete',
        run({ average_heart_rate: 152, max_heart_rate: 171, elevation_gain_meters: 64 }),
      );
      expect(created.status).toBe(201);
      const id: string = created.body.activity_id;
      expect(id).toMatch(/^act_[A-Za-z0-9]{1,64}$/);
      expect(created.body.data).toEqual({
        activity_id: id,
        user_id: 'usr_athlete1',
        title: 'Tempo run',
        description: null,
        activity_type: 'run',
        status: 'completed',
        source: 'manual',
        start_time: '2026-03-02T07:15:00Z',
        duration_seconds: 2730,
        distance_meters: 8042.5,
        moving_time_seconds: 2655,
        elevation_gain_meters: 64,
        // 2655 s over 8.0425 km.
        average_pace_seconds_per_km: 330.1,
        average_heart_rate: 152,
        max_heart_rate: 171,
        average_cadence: null,
        plan_instance_id: null,
        polyline: null,
        has_streams: false,
        summary_title: 'Steady 8 km run',
        summary: '8.04 km in 45:30, at 5:30 /km, average heart rate 152 bpm, 64 m of climbing. A solid aerobic effort.',
        created_by: 'usr_athlete1',
        created_at: now,
        updated_at: now,
      });
      expect((await call('GET', `/activities/${id}`, 'athlete')).body).toEqual({ status: 'ok', data: created.body.data });

      // A shorter distance takes the summary away; a partial update keeps the rest.
      const updated = await call('PUT', `/activities/${id}`, 'athlete', { distance_meters: 2500, description: 'Cut short' });
      expect(updated.status).toBe(200);
      expect(updated.body.data).toMatchObject({
        title: 'Tempo run',
        distance_meters: 2500,
        description: 'Cut short',
        summary: null,
        summary_title: null,
      });
      expect(Date.parse(updated.body.data.updated_at)).toBeGreaterThan(Date.parse(now));
      const skipped = await call('PUT', `/activities/${id}`, 'athlete', { distance_meters: 9000, status: 'skipped' });
      expect(skipped.body.data.summary).toBeNull();
      const done = await call('PUT', `/activities/${id}`, 'athlete', { status: 'completed', start_time: '2026-03-02T08:15:00+01:00' });
      expect(done.body.data).toMatchObject({ summary_title: 'Steady 9 km run', start_time: '2026-03-02T07:15:00Z' });

      expect((await call('DELETE', `/activities/${id}`, 'athlete')).body).toEqual({
        status: 'ok',
        message: 'Activity deleted successfully',
      });
      expect(errorOf(await call('GET', `/activities/${id}`, 'athlete'))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'activity_id' });
      expect(errorOf(await call('DELETE', `/activities/${id}`, 'athlete'))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'activity_id',
      });
    });

    it('writes no summary below 3 km, and one from exactly 3 km', async () => {
      // Below 1 m a pace means nothing (and a day over a millimetre would exceed the contract's bound).
      const still = await call(
        'POST',
        '/activities',
        'athlete',
        run({ distance_meters: 0.5, duration_seconds: 86400, moving_time_seconds: null }),
      );
      expect(still.body.data).toMatchObject({ average_pace_seconds_per_km: null });
      const short = await call('POST', '/activities', 'athlete', run({ distance_meters: 2999.9 }));
      expect(short.body.data).toMatchObject({ summary: null, summary_title: null });
      const three = await call('POST', '/activities', 'athlete', run({ distance_meters: 3000, average_heart_rate: 130 }));
      expect(three.body.data.summary_title).toBe('Easy 3 km run');
      const hard = await call(
        'POST',
        '/activities',
        'athlete',
        run({ activity_type: 'bike', distance_meters: 40000, average_heart_rate: 165 }),
      );
      expect(hard.body.data).toMatchObject({ summary_title: 'Hard 40 km ride', summary: expect.stringContaining('plan an easy day next') });
    });

    it('replays a create sent again with the same Idempotency-Key, and refuses the key with another body', async () => {
      const headers = { 'idempotency-key': `0b7f6c2e-8a59-4c61-9d0e-${lane.name === 'sqlite' ? '000000000001' : '000000000002'}` };
      const first = await call('POST', '/activities', 'athlete', run({ title: 'Once' }), headers);
      const again = await call('POST', '/activities', 'athlete', run({ title: 'Once' }), headers);
      expect(first.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(errorOf(await call('POST', '/activities', 'athlete', run({ title: 'Twice' }), headers))).toMatchObject({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    });
  });

  describe('the list', () => {
    it('filters by date range, type, status (repeated or comma-separated) and plan, newest first, paged by cursor', async () => {
      const athlete = await newUser();
      const log = (fields: Record<string, unknown>) =>
        call('POST', '/activities', athlete.as, run(fields)).then((reply) => {
          expect(reply.status).toBe(201);
          return reply.body.activity_id as string;
        });
      // A plan instance of this athlete for the activities to name (Decisions row 59), written below the API.
      await (
        await started()
      ).repository.trainingPlans.instances.insertAll([
        {
          plan_instance_id: 'pli_a',
          training_plan_id: 'plan_a',
          training_plan_name: 'Plan A',
          athlete_id: athlete.id,
          org_id: null,
          group_id: null,
          assigned_by: 'usr_admin1',
          start_date: '2026-02-23',
          time_zone: 'UTC',
          status: 'active',
          weeks: [{ week_number: 1, days: {} }],
          created_at: '2026-02-20T09:00:00Z',
          updated_at: '2026-02-20T09:00:00Z',
        },
      ]);
      const march1 = await log({ start_time: '2026-03-01T07:00:00Z', plan_instance_id: 'pli_a' });
      const march5 = await log({ start_time: '2026-03-05T07:00:00Z', activity_type: 'bike', status: 'skipped' });
      const march9 = await log({ start_time: '2026-03-09T07:00:00Z', status: 'scheduled', plan_instance_id: 'pli_a' });
      const march9b = await log({ start_time: '2026-03-09T07:00:00Z', status: 'cancelled', activity_type: 'swim' });
      const april = await log({ start_time: '2026-04-01T07:00:00Z', activity_type: 'walk' });
      const ids = async (query: string) => {
        const reply = await call('GET', `/activities?${query}`, athlete.as);
        expect(reply.status, JSON.stringify(reply.body)).toBe(200);
        expect(reply.body.metadata.total).toBe(reply.body.data.length);
        return reply.body.data.map((a: { activity_id: string }) => a.activity_id);
      };
      // Newest first; equal starts by id, descending.
      const sameStart = [march9, march9b].sort().reverse();
      expect(await ids('')).toEqual([april, ...sameStart, march5, march1]);
      expect(await ids('start_date=2026-03-05T07:00:00Z&end_date=2026-03-09T07:00:00Z')).toEqual([...sameStart, march5]);
      expect(await ids('start_date=2026-03-31T00:00:00Z')).toEqual([april]);
      expect(await ids('end_date=2026-03-04T00:00:00%2B01:00')).toEqual([march1]);
      expect(await ids('activity_type=bike')).toEqual([march5]);
      expect(await ids('status=completed')).toEqual([april, march1]);
      expect(await ids('status=skipped,scheduled')).toEqual([march9, march5]);
      expect(await ids('status=skipped&status=cancelled')).toEqual([march9b, march5]);
      expect(await ids('status=skipped,cancelled&status=skipped')).toEqual([march9b, march5]);
      expect(await ids('plan_instance_id=pli_a')).toEqual([march9, march1]);
      expect(await ids('plan_instance_id=pli_a&status=completed')).toEqual([march1]);
      expect(await ids('activity_type=hike')).toEqual([]);
      expect(await ids('offset=0')).toHaveLength(5);

      // Pages of two to null, the same total on each; a cursor with other filters is refused.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await call('GET', `/activities?limit=2${cursor ? `&cursor=${cursor}` : ''}`, athlete.as);
        expect(page.body.metadata.total).toBe(5);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.data.map((a: { activity_id: string }) => a.activity_id));
        cursor = page.body.metadata.next_cursor;
        if (cursor) {
          expect(errorOf(await call('GET', `/activities?limit=2&status=completed&cursor=${cursor}`, athlete.as))).toMatchObject({
            status: 400,
            field: 'cursor',
          });
        }
      } while (cursor !== null);
      expect(seen).toEqual([april, ...sameStart, march5, march1]);

      // The caller's own by default: another athlete sees none of these.
      expect(await call('GET', '/activities', (await newUser()).as).then((r) => r.body.metadata.total)).toBe(0);
    });

    it('caps the page at limit (1 to 100, default 50)', async () => {
      const athlete = await newUser();
      for (let i = 0; i < 3; i++) await call('POST', '/activities', athlete.as, run({ start_time: `2026-03-0${i + 1}T07:00:00Z` }));
      expect((await call('GET', '/activities?limit=1', athlete.as)).body.data).toHaveLength(1);
      expect((await call('GET', '/activities', athlete.as)).body.data).toHaveLength(3);
      expect(errorOf(await call('GET', '/activities?limit=0', athlete.as))).toMatchObject({ status: 400, field: 'limit' });
      expect(errorOf(await call('GET', '/activities?limit=101', athlete.as))).toMatchObject({ status: 400, field: 'limit' });
    });
  });

  it('seeds three weeks of activities for the development athletes, runs with a route, streams and a summary, the same every time', async () => {
    const reply = await call('GET', '/activities?end_date=2026-03-15T00:00:00Z&limit=100', 'athlete');
    const seeded = reply.body.data.filter((a: { activity_id: string }) => a.activity_id.startsWith('act_seed'));
    expect(seeded.length).toBeGreaterThanOrEqual(15);
    const runs = seeded.filter((a: { has_streams: boolean }) => a.has_streams);
    expect(runs.length).toBeGreaterThanOrEqual(12);
    for (const run of runs) {
      expect(run).toMatchObject({ activity_type: 'run', status: 'completed', source: 'garmin', summary: expect.any(String) });
      const route = decodePolyline(run.polyline);
      expect(route.length).toBeGreaterThan(100);
      // A loop: it ends where it started (within 100 m, about 0.001 degree).
      expect(Math.abs(route[0]![0] - route.at(-1)![0])).toBeLessThan(0.001);
    }
    expect(seeded.some((a: { status: string }) => a.status === 'skipped')).toBe(true);
    const longest = runs.reduce((a: { distance_meters: number }, b: { distance_meters: number }) =>
      b.distance_meters > a.distance_meters ? b : a,
    );
    const chart = await call('GET', `/activities/${longest.activity_id}/streams?points=50`, 'athlete');
    expect(chart.body.data.points).toBe(50);
    expect(chart.body.data.point_count).toBeGreaterThan(500);
    // The distance stream ends at the activity's distance.
    const full = await call('GET', `/activities/${longest.activity_id}/streams?types=distance`, 'athlete');
    expect(full.body.data.streams.distance.at(-1)).toBeCloseTo(longest.distance_meters, 0);
    expect(buildSeed(fixedNow).activities).toEqual(buildSeed(fixedNow).activities);
  });

  it('answers bad input with the error shape and its field, never a 500', async () => {
    const bad = async (method: 'GET' | 'POST' | 'PUT', url: string, body: unknown, field: string | RegExp | undefined) =>
      expect(errorOf(await call(method, url, 'athlete', body)), `${method} ${url} ${JSON.stringify(body)}`).toMatchObject({
        status: 400,
        ...(field === undefined ? {} : { field: typeof field === 'string' ? field : expect.stringMatching(field) }),
      });
    await bad('POST', '/activities', {}, undefined);
    await bad('POST', '/activities', run({ activity_type: 'RUNNING' }), 'activity_type');
    await bad('POST', '/activities', run({ status: 'done' }), 'status');
    await bad('POST', '/activities', run({ source: 'polar' }), 'source');
    await bad('POST', '/activities', run({ duration_seconds: 86401 }), 'duration_seconds');
    await bad('POST', '/activities', run({ duration_seconds: -1 }), 'duration_seconds');
    await bad('POST', '/activities', run({ distance_meters: -5 }), 'distance_meters');
    await bad('POST', '/activities', run({ start_time: '2026-03-02' }), 'start_time');
    await bad('POST', '/activities', run({ title: 'x'.repeat(201) }), 'title');
    await bad('POST', '/activities', run({ summary: 'Great' }), 'summary');
    await bad('POST', '/activities', run({ email: 'a@example.com' }), 'email');
    await bad('POST', '/activities', run({ moving_time_seconds: 3000 }), 'moving_time_seconds');
    await bad('POST', '/activities', run({ average_heart_rate: 170, max_heart_rate: 160 }), 'max_heart_rate');
    await bad('POST', '/activities', run({ plan_instance_id: 'a b' }), 'plan_instance_id');
    const id: string = (await call('POST', '/activities', 'athlete', run())).body.activity_id;
    await bad('PUT', `/activities/${id}`, {}, undefined);
    await bad('PUT', `/activities/${id}`, { user_id: 'usr_athlete2' }, 'user_id');
    await bad('PUT', `/activities/${id}`, { title: null }, 'title');
    await bad('PUT', `/activities/${id}`, { moving_time_seconds: 9999 }, 'moving_time_seconds');
    await bad('GET', '/activities?offset=20', undefined, 'offset');
    await bad('GET', '/activities?status=done', undefined, /^status(\[0\])?$/);
    await bad('GET', '/activities?status=completed,', undefined, /^status(\[0\])?$/);
    await bad('GET', '/activities?activity_type=RUNNING', undefined, 'activity_type');
    await bad('GET', '/activities?start_date=yesterday', undefined, 'start_date');
    await bad('GET', '/activities?start_date=2026-03-02T00:00:00Z&end_date=2026-03-01T00:00:00Z', undefined, 'end_date');
    await bad('GET', '/activities?cursor=bm9wZQ', undefined, 'cursor');
    await bad('GET', '/activities?user_id=bob', undefined, 'user_id');
    await bad('GET', '/activities/not-an-id', undefined, 'activity_id');
    await bad('GET', `/activities/${id}/streams?types=gps`, undefined, /^types(\[0\])?$/);
    await bad('GET', `/activities/${id}/streams?points=1`, undefined, 'points');
    await bad('GET', `/activities/${id}/streams?points=10001`, undefined, 'points');
    // The PUT's unchanged activity proves nothing was written by the refused changes.
    expect((await call('GET', `/activities/${id}`, 'athlete')).body.data).toMatchObject({ title: 'Tempo run', moving_time_seconds: 2655 });
    expect(errorOf(await call('GET', '/activities', 'anonymous'))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    // An API key has no activities of its own: it names the athlete.
    expect(errorOf(await call('GET', '/activities', 'organization'))).toMatchObject({ status: 400, field: 'user_id' });
    expect(errorOf(await call('POST', '/activities', 'organization', run()))).toMatchObject({ status: 400, field: 'user_id' });
  });
});
