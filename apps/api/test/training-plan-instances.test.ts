// Plan instances over HTTP (in-process), on SQLite and PostgreSQL: assigning a plan to
// athletes or a group (its members at that moment only), who may assign to whom (the head
// coach anyone in the organization, an assistant coach their own athletes), reading
// instances (an athlete their own, a coach their athletes', another organization a 404), the
// schedule on calendar dates in the athlete's time zone across a daylight-saving change, and
// pausing, resuming and leaving (final).
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp, userMaker, type As } from './helpers.js';
import { devCredentials } from '../src/seed/build.js';

const headCoach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const leo = bearer(devCredentials.memberToken);

const workout = (name: string) => ({
  workout_name: name,
  workout_type: 'run',
  blocks: [{ type: 'run', block_length_target: 'duration', block_duration_in_seconds: 1800, block_pace: 'z2' }],
});
const twoWeeks = {
  training_plan_name: 'Two weeks',
  training_plan_type: 'run',
  level: 'basic',
  visibility: 'org',
  weeks: [
    { week_number: 1, days: { tuesday: workout('W1 Tue'), sunday: workout('W1 Sun') } },
    { week_number: 2, days: { tuesday: workout('W2 Tue') } },
  ],
};

describeOnDatabases('plan instances on $name', (lane) => {
  // "Now" is 2026-03-15T12:00Z (helpers' fixedNow), a Sunday.
  const { call, close, repository } = laneApp(lane);
  const newUser = userMaker(repository, 'pi');
  afterAll(() => close());
  let planId: string;
  let ines: { id: string; as: As };
  beforeAll(async () => {
    planId = (await call('POST', '/training/plans', headCoach, twoWeeks)).body.training_plan_id;
    // Leo (usr_athlete2) is the assistant's athlete; Ines (usr_athlete3) is nobody's. Leo lives in Berlin.
    expect((await call('PUT', '/users/usr_athlete2', leo, { preferences: { timezone: 'Europe/Berlin' } })).status).toBe(200);
    ines = { id: 'usr_athlete3', as: bearer('unused') };
  });
  const assign = (as: As, body: unknown, id = planId) => call('POST', `/training/plans/${id}/assign`, as, body);

  describe('assigning', () => {
    it('makes one instance per athlete, dated in their time zone across the change to summer time', async () => {
      const reply = await assign(assistant, { athlete_ids: ['usr_athlete2'], start_date: '2026-03-23' });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      expect(reply.body.message).toBe('Training plan assigned to 1 athlete');
      const [made] = reply.body.data;
      expect(made).toMatchObject({
        training_plan_id: planId,
        athlete_id: 'usr_athlete2',
        org_id: 'org_alpineclub',
        assigned_by: 'usr_coach2',
        start_date: '2026-03-23',
        end_date: '2026-04-05',
        time_zone: 'Europe/Berlin',
        status: 'active',
        current_week: null,
      });
      const read = await call('GET', `/training/plan-instances/${made.plan_instance_id}`, leo);
      expect(read.status).toBe(200);
      // Berlin moves to summer time on Sunday 29 March: the dates keep their weekdays, and the day's start moves an hour.
      expect(
        read.body.data.schedule.map((s: { date: string; starts_at: string; day_of_week: string }) => [s.day_of_week, s.date, s.starts_at]),
      ).toEqual([
        ['tuesday', '2026-03-24', '2026-03-23T23:00:00Z'],
        ['sunday', '2026-03-29', '2026-03-28T23:00:00Z'],
        ['tuesday', '2026-03-31', '2026-03-30T22:00:00Z'],
      ]);
      expect(read.body.data.schedule[2].workout.workout_name).toBe('W2 Tue');

      // The same dates in the calendar feed, read back by a second library.
      const feed = await call('GET', `/training/plan-instances/${made.plan_instance_id}/calendar.ics`, leo);
      expect(feed.status).toBe(200);
      expect(String(feed.headers['content-type'])).toMatch(/^text\/calendar/);
      const events = new ICAL.Component(ICAL.parse(feed.text)).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
      expect(events.map((e) => [e.startDate.toString(), e.summary])).toEqual([
        ['2026-03-24', 'W1 Tue'],
        ['2026-03-29', 'W1 Sun'],
        ['2026-03-31', 'W2 Tue'],
      ]);
      expect(events[0]!.description).toBe('run: 1800 s at z2');
      expect(new Set(events.map((e) => e.uid)).size).toBe(3);
      expect((await call('GET', `/training/plan-instances/${made.plan_instance_id}/calendar.ics`, 'athlete')).status).toBe(404);
    });

    it('lets the head coach assign anyone in the organization; an assistant only their athletes; athletes nobody', async () => {
      expect((await assign(headCoach, { athlete_ids: ['usr_athlete3'], start_date: '2026-03-16' })).status).toBe(201);
      expect(errorOf(await assign(assistant, { athlete_ids: ['usr_athlete3'], start_date: '2026-03-16' }))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(errorOf(await assign(leo, { athlete_ids: ['usr_athlete2'], start_date: '2026-03-16' }))).toMatchObject({ status: 403 });
      expect(errorOf(await assign(headCoach, { athlete_ids: ['usr_athlete1'], start_date: '2026-03-16' }))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'athlete_ids[0]',
      });
    });

    it('refuses a start that is not a Monday, both targets or neither, and a plan the caller may not read', async () => {
      expect(errorOf(await assign(headCoach, { athlete_ids: ['usr_athlete2'], start_date: '2026-03-24' }))).toMatchObject({
        status: 400,
        field: 'start_date',
      });
      expect(errorOf(await assign(headCoach, { start_date: '2026-03-23' }))).toMatchObject({ status: 400, field: 'athlete_ids' });
      expect(
        errorOf(await assign(headCoach, { athlete_ids: ['usr_athlete2'], group_id: 'grp_x', start_date: '2026-03-23' })),
      ).toMatchObject({
        status: 400,
        field: 'athlete_ids',
      });
      const other = await newUser('boss');
      expect((await call('POST', '/organizations', other.as, { name: `Rivals ${lane.name}` })).status).toBe(201);
      expect(errorOf(await assign(other.as, { athlete_ids: ['usr_athlete2'], start_date: '2026-03-23' }))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'training_plan_id',
      });
    });

    it('enrolls the members a group has at that moment, not those who join later', async () => {
      const group = await call('POST', '/groups', headCoach, { name: `Tuesday squad ${lane.name}`, members: ['usr_athlete3'] });
      expect(group.status, JSON.stringify(group.body)).toBe(201);
      const groupId = group.body.data.group_id as string;
      const reply = await assign(headCoach, { group_id: groupId, start_date: '2026-03-30' });
      expect(reply.body.data.map((i: { athlete_id: string; group_id: string }) => [i.athlete_id, i.group_id])).toEqual([
        ['usr_athlete3', groupId],
      ]);
      expect((await call('PUT', `/groups/${groupId}`, headCoach, { members: ['usr_athlete3', 'usr_athlete2'] })).status).toBe(200);
      const ofGroup = await call('GET', `/training/plan-instances?training_plan_id=${planId}&athlete_id=usr_athlete2`, headCoach);
      expect(ofGroup.body.data.filter((i: { group_id: string | null }) => i.group_id === groupId)).toEqual([]);
    });
  });

  describe('reading and changing', () => {
    let leosInstance: string;
    beforeAll(async () => {
      leosInstance = (await assign(headCoach, { athlete_ids: ['usr_athlete2'], start_date: '2026-03-09' })).body.data[0].plan_instance_id;
    });

    it('shows the current week in the athlete time zone', async () => {
      // Sunday 15 March is the last day of week 1 of a plan from Monday 9 March.
      expect((await call('GET', `/training/plan-instances/${leosInstance}`, leo)).body.data.current_week).toBe(1);
    });

    it('lists an athlete their own, an assistant their athletes, the head coach all of the organization', async () => {
      const athletes = async (as: As, query = '') =>
        new Set(
          ((await call('GET', `/training/plan-instances${query}`, as)).body.data as Array<{ athlete_id: string }>).map((i) => i.athlete_id),
        );
      expect(await athletes(leo)).toEqual(new Set(['usr_athlete2']));
      expect(await athletes(leo, '?athlete_id=usr_athlete3')).toEqual(new Set());
      expect(await athletes(assistant)).toEqual(new Set(['usr_athlete2']));
      expect(await athletes(headCoach)).toEqual(new Set(['usr_athlete2', 'usr_athlete3']));
      expect(await athletes('organization', '?status=active')).toEqual(new Set(['usr_athlete2', 'usr_athlete3']));
      // The development athlete's seeded instance (of a system plan, outside any organization).
      expect(await athletes('athlete')).toEqual(new Set(['usr_athlete1']));
      const paged = await call('GET', '/training/plan-instances?limit=1', headCoach);
      expect(paged.body.data).toHaveLength(1);
      expect(paged.body.metadata.next_cursor).toEqual(expect.any(String));
    });

    it('hides an instance from those who may not read it with a 404', async () => {
      const inesInstance = (await assign(headCoach, { athlete_ids: ['usr_athlete3'], start_date: '2026-03-09' })).body.data[0]
        .plan_instance_id;
      expect(errorOf(await call('GET', `/training/plan-instances/${inesInstance}`, leo))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'plan_instance_id',
      });
      expect((await call('GET', `/training/plan-instances/${inesInstance}`, assistant)).status).toBe(404);
      expect((await call('GET', `/training/plan-instances/${inesInstance}`, 'athlete')).status).toBe(404);
      expect((await call('GET', `/training/plan-instances/${inesInstance}`, headCoach)).status).toBe(200);
      expect(ines.id).toBe('usr_athlete3');
    });

    it('lets the athlete pause, resume and leave; leaving is final', async () => {
      const path = `/training/plan-instances/${leosInstance}`;
      expect((await call('PUT', path, leo, { status: 'paused' })).body.data.status).toBe('paused');
      expect(
        (await call('GET', `/training/plan-instances?status=paused`, leo)).body.data.map(
          (i: { plan_instance_id: string }) => i.plan_instance_id,
        ),
      ).toEqual([leosInstance]);
      expect((await call('PUT', path, assistant, { status: 'active' })).body.data.status).toBe('active');
      expect((await call('PUT', path, leo, { status: 'left' })).body.data.status).toBe('left');
      expect(errorOf(await call('PUT', path, leo, { status: 'active' }))).toMatchObject({ status: 409, code: 'CONFLICT' });
      expect(errorOf(await call('PUT', path, leo, { status: 'completed' }))).toMatchObject({ status: 400, field: 'status' });
    });
  });
});
