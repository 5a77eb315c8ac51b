// Activities linked to plan instances, on SQLite and PostgreSQL (Decisions row 59): a
// `plan_instance_id` must be an instance of the activity's athlete (else a 404 naming the
// field, nothing stored), the list filters by it, an instance's schedule shows the linked
// completed activity of each date in the instance's time zone (only to a reader who may read
// it), and leaving the instance keeps the link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devCredentials } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp, oneWorkoutPlan } from './helpers.js';

const headCoach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const leo = bearer(devCredentials.memberToken);
/** The seeded instance of the development athlete (usr_athlete1), in Asia/Taipei (UTC+8). */
const mayaInstance = 'pli_mayafirst5k';

const run = (fields: Record<string, unknown> = {}) => ({
  title: 'Easy run',
  activity_type: 'run',
  start_time: '2026-03-10T07:00:00Z',
  duration_seconds: 1800,
  distance_meters: 5000,
  ...fields,
});
const notFoundOnInstance = { status: 404, code: 'NOT_FOUND', field: 'plan_instance_id' };

describeOnDatabases('activities and plan instances on $name', (lane) => {
  const { call, close } = laneApp(lane);
  afterAll(() => close());
  let leoInstance: string;
  beforeAll(async () => {
    const plan = await call('POST', '/training/plans', headCoach, oneWorkoutPlan('Linked'));

    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const assigned = await call('POST', `/training/plans/${plan.body.training_plan_id}/assign`, assistant, {
      athlete_ids: ['usr_athlete2'],
      start_date: '2026-03-09',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    leoInstance = assigned.body.data[0].plan_instance_id;
  });

  describe('setting plan_instance_id', () => {
    it("links an activity to an instance of its athlete, the athlete's own or by their coach", async () => {
      const own = await call('POST', '/activities', 'athlete', run({ plan_instance_id: mayaInstance }));
      expect(own.status, JSON.stringify(own.body)).toBe(201);
      expect(own.body.data.plan_instance_id).toBe(mayaInstance);
      const byCoach = await call('POST', '/activities', assistant, run({ user_id: 'usr_athlete2', plan_instance_id: leoInstance }));
      expect(byCoach.status, JSON.stringify(byCoach.body)).toBe(201);
      expect(byCoach.body.data.plan_instance_id).toBe(leoInstance);
    });

    it("refuses an unknown instance, or another athlete's, with a 404 on plan_instance_id, storing nothing", async () => {
      const before = (await call('GET', '/activities', 'athlete')).body.metadata.total;
      for (const planInstanceId of ['pli_nowhere', leoInstance, 'opaque-id-of-1-0-0']) {
        expect(errorOf(await call('POST', '/activities', 'athlete', run({ plan_instance_id: planInstanceId })))).toEqual(
          notFoundOnInstance,
        );
      }
      expect(errorOf(await call('POST', '/activities', leo, run({ plan_instance_id: mayaInstance })))).toEqual(notFoundOnInstance);
      // A coach logging for their athlete cannot put the athlete in someone else's instance either.
      expect(
        errorOf(await call('POST', '/activities', assistant, run({ user_id: 'usr_athlete2', plan_instance_id: mayaInstance }))),
      ).toEqual(notFoundOnInstance);
      expect((await call('GET', '/activities', 'athlete')).body.metadata.total).toBe(before);
    });

    it('checks it on update too; null unlinks', async () => {
      const id = (await call('POST', '/activities', 'athlete', run())).body.activity_id;
      expect(errorOf(await call('PUT', `/activities/${id}`, 'athlete', { plan_instance_id: leoInstance }))).toEqual(notFoundOnInstance);
      expect((await call('GET', `/activities/${id}`, 'athlete')).body.data.plan_instance_id).toBeNull();
      const linked = await call('PUT', `/activities/${id}`, 'athlete', { plan_instance_id: mayaInstance });
      expect(linked.status).toBe(200);
      expect(linked.body.data.plan_instance_id).toBe(mayaInstance);
      const unlinked = await call('PUT', `/activities/${id}`, 'athlete', { plan_instance_id: null });
      expect(unlinked.body.data.plan_instance_id).toBeNull();
    });
  });

  describe('listing by plan_instance_id', () => {
    it('lists only the activities linked to the instance', async () => {
      const linked = (await call('POST', '/activities', 'athlete', run({ title: 'Linked run', plan_instance_id: mayaInstance }))).body
        .activity_id;
      await call('POST', '/activities', 'athlete', run({ title: 'Unlinked run' }));
      const page = await call('GET', `/activities?plan_instance_id=${mayaInstance}&limit=100`, 'athlete');
      expect(page.status).toBe(200);
      const ids = page.body.data.map((a: { activity_id: string }) => a.activity_id);
      expect(ids).toContain(linked);
      expect(page.body.data.length).toBeGreaterThan(0);
      expect(page.body.data.every((a: { plan_instance_id: string }) => a.plan_instance_id === mayaInstance)).toBe(true);
      expect(page.body.metadata.total).toBe(ids.length);
      expect((await call('GET', '/activities?plan_instance_id=pli_nowhere', 'athlete')).body.metadata.total).toBe(0);
    });
  });

  describe('progress', () => {
    it('shows the seeded activities of the development athlete within her instance as completed workouts', async () => {
      const linked = await call('GET', `/activities?plan_instance_id=${mayaInstance}&status=completed&limit=100`, 'athlete');
      expect(linked.body.metadata.total).toBeGreaterThan(0);
      const ids = new Set(linked.body.data.map((a: { activity_id: string }) => a.activity_id));
      const schedule = (await call('GET', `/training/plan-instances/${mayaInstance}`, 'athlete')).body.data.schedule as Array<{
        completed_activity_id: string | null;
      }>;
      const marked = schedule.filter((workout) => workout.completed_activity_id !== null);
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((workout) => ids.has(workout.completed_activity_id))).toBe(true);
    });

    it("marks a workout completed by a linked completed activity on its date in the instance's time zone", async () => {
      type Scheduled = { date: string; completed_activity_id: string | null };
      const read = async (): Promise<Scheduled[]> =>
        (await call('GET', `/training/plan-instances/${mayaInstance}`, 'athlete')).body.data.schedule;
      // Workouts after the seeded activities ("now" is 2026-03-15; the seed logs up to two days ahead).
      const later = (await read()).filter((workout) => workout.date > '2026-03-20');
      expect(later.length).toBeGreaterThan(2);
      const [first, second, third] = later as [Scheduled, Scheduled, Scheduled];
      // Taipei is UTC+8: 17:30Z the day before is 01:30 on the workout's date; 16:30Z on the date is the next day there.
      const dayBefore = new Date(Date.parse(`${first.date}T17:30:00Z`) - 86_400_000).toISOString();
      const done = await call('POST', '/activities', 'athlete', run({ start_time: dayBefore, plan_instance_id: mayaInstance }));
      await call('POST', '/activities', 'athlete', run({ start_time: `${second.date}T16:30:00Z`, plan_instance_id: mayaInstance }));
      // Not completed, or not linked: no mark.
      await call(
        'POST',
        '/activities',
        'athlete',
        run({ start_time: `${third.date}T02:00:00Z`, status: 'skipped', plan_instance_id: mayaInstance }),
      );
      await call('POST', '/activities', 'athlete', run({ start_time: `${third.date}T03:00:00Z` }));
      const after = new Map((await read()).map((workout) => [workout.date, workout.completed_activity_id]));
      expect(after.get(first.date)).toBe(done.body.activity_id);
      expect(after.get(second.date)).toBeNull();
      expect(after.get(third.date)).toBeNull();
    });

    it('shows a completion only to a reader who may read the activity', async () => {
      // Earlier that Tuesday than the run the assistant logged for Leo above: the earliest one counts.
      const done = await call('POST', '/activities', leo, run({ start_time: '2026-03-10T05:00:00Z', plan_instance_id: leoInstance }));
      expect(done.status).toBe(201);
      const mark = async (as: typeof leo) =>
        (await call('GET', `/training/plan-instances/${leoInstance}`, as)).body.data.schedule[0].completed_activity_id;
      expect(await mark(leo)).toBe(done.body.activity_id);
      expect(await mark(headCoach)).toBe(done.body.activity_id);
      const hidden = { share_with_coach: false, share_activity_with_coach: false, share_activity_in_profile: false };
      expect((await call('PUT', '/users/usr_athlete2', leo, { privacy: hidden })).status).toBe(200);
      expect(await mark(headCoach)).toBeNull();
      expect(await mark(leo)).toBe(done.body.activity_id);
    });
  });

  describe('an instance that ends', () => {
    it('keeps its activities linked when the athlete leaves it (instances are never deleted)', async () => {
      const id = (await call('POST', '/activities', leo, run({ plan_instance_id: leoInstance }))).body.activity_id;
      expect((await call('PUT', `/training/plan-instances/${leoInstance}`, leo, { status: 'left' })).status).toBe(200);
      expect((await call('GET', `/activities/${id}`, leo)).body.data.plan_instance_id).toBe(leoInstance);
      // Still one of Leo's instances: an activity may still be linked to it.
      expect((await call('POST', '/activities', leo, run({ plan_instance_id: leoInstance }))).status).toBe(201);
    });
  });
});
