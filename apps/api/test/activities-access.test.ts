// Who reads and changes an athlete's activities, on SQLite and PostgreSQL: every privacy flag
// the contract's *Activities and privacy* names against every reader (the athlete, their
// assigned coach, the head coach, another coach of the organization, a coach of another
// organization, a teammate, an athlete of no organization, an admin, the organization's API
// key), on the activity, its streams and the list; logging for an athlete; and a reader who
// may not change. The athlete is the seed's Leo (usr_athlete2), assigned to the assistant coach.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TrackStreams } from '../src/resources/activities/tracks/index.js';
import { devCredentials, seedIds } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp, userMaker, type As } from './helpers.js';

const athlete = seedIds.memberAthlete;
const org = `/organizations/${seedIds.organization}`;
const headCoach = bearer(devCredentials.coachToken);

type Reader = 'self' | 'assignedCoach' | 'headCoach' | 'otherCoach' | 'otherOrgCoach' | 'teammate' | 'outsider' | 'admin' | 'orgKey';
const readers: readonly Reader[] = [
  'self',
  'assignedCoach',
  'headCoach',
  'otherCoach',
  'otherOrgCoach',
  'teammate',
  'outsider',
  'admin',
  'orgKey',
];

/** Every flag the rules read, as the athlete sets them in each scenario. */
interface Flags {
  share_activity_in_profile: boolean;
  share_activity_with_coach: boolean;
  share_with_coach: boolean;
  share_activity_with_public: boolean;
  share_activity_with_group: boolean;
  share_activity_map: boolean;
  share_pace_data: boolean;
  share_training_data: boolean;
}
const defaults: Flags = {
  share_activity_in_profile: true,
  share_activity_with_coach: true,
  share_with_coach: false,
  share_activity_with_public: false,
  share_activity_with_group: false,
  share_activity_map: true,
  share_pace_data: true,
  share_training_data: true,
};

/** What a reader gets: nothing (404), or the activity with these fields withheld. */
type Seen = 'none' | { map: boolean; pace: boolean; training: boolean };
const full: Seen = { map: false, pace: false, training: false };
const coaches: readonly Reader[] = ['assignedCoach', 'headCoach', 'orgKey'];
const everyoneElse: readonly Reader[] = ['otherCoach', 'otherOrgCoach', 'teammate', 'outsider'];

/** The expected view of every reader under `flags` (the contract's rules, written out case by case below). */
function scenario(coachSees: Seen, othersSee: Seen, teammateSees: Seen = othersSee): Record<Reader, Seen> {
  const table = { self: full, admin: full } as Record<Reader, Seen>;
  for (const reader of coaches) table[reader] = coachSees;
  for (const reader of everyoneElse) table[reader] = othersSee;
  table.teammate = teammateSees;
  return table;
}

const scenarios: { name: string; flags: Partial<Flags>; expected: Record<Reader, Seen> }[] = [
  { name: 'the defaults', flags: {}, expected: scenario(full, 'none') },
  { name: 'map off', flags: { share_activity_map: false }, expected: scenario({ ...full, map: true }, 'none') },
  { name: 'pace off', flags: { share_pace_data: false }, expected: scenario({ ...full, pace: true }, 'none') },
  { name: 'training data off', flags: { share_training_data: false }, expected: scenario({ ...full, training: true }, 'none') },
  { name: 'activities hidden from the coach', flags: { share_activity_with_coach: false }, expected: scenario('none', 'none') },
  {
    name: 'the master switch off',
    flags: { share_activity_in_profile: false, share_activity_with_public: true },
    expected: scenario('none', 'none'),
  },
  {
    name: 'share_with_coach over every other flag',
    flags: {
      share_with_coach: true,
      share_activity_in_profile: false,
      share_activity_with_coach: false,
      share_activity_map: false,
      share_pace_data: false,
      share_training_data: false,
    },
    expected: scenario(full, 'none'),
  },
  {
    name: 'public, without the map',
    flags: { share_activity_with_public: true, share_activity_map: false },
    expected: scenario({ ...full, map: true }, { ...full, map: true }),
  },
  {
    name: 'shared with groups (the teammate is in one with the athlete)',
    flags: { share_activity_with_group: true, share_training_data: false },
    expected: scenario({ ...full, training: true }, 'none', { ...full, training: true }),
  },
];

/** A run with every field and three recorded points, stored below the API. */
const recorded = {
  activity_id: 'act_leotempo',
  user_id: athlete,
  title: 'Tempo by the lake',
  description: null,
  activity_type: 'run' as const,
  status: 'completed' as const,
  source: 'garmin' as const,
  start_time: '2026-03-10T07:00:00Z',
  start_ms: Date.parse('2026-03-10T07:00:00Z'),
  duration_seconds: 1800,
  distance_meters: 5000,
  moving_time_seconds: 1750,
  elevation_gain_meters: 40,
  average_heart_rate: 150,
  max_heart_rate: 170,
  average_cadence: 170,
  plan_instance_id: null,
  polyline: '_p~iF~ps|U_ulLnnqC',
  stream_points: 3,
  summary_title: 'Steady 5 km run',
  summary: '5.00 km in 30:00, at 5:50 /km.',
  created_by: athlete,
  created_at: '2026-03-10T08:00:00Z',
  updated_at: '2026-03-10T08:00:00Z',
};
const streams: TrackStreams = {
  time: [0, 900, 1800],
  latlng: [
    [46.2, 6.1],
    [46.21, 6.12],
    [46.2, 6.1],
  ],
  altitude: [372, 390, 372],
  distance: [0, 2500, 5000],
  heartrate: [120, 155, 160],
  cadence: [165, 172, 171],
  pace: [null, 350, 350],
};

describeOnDatabases('activity access on $name', (lane) => {
  const { call, repository, close } = laneApp(lane);
  afterAll(() => close());
  const newUser = userMaker(repository, 'acc');
  const as = {} as Record<Reader, As>;

  beforeAll(async () => {
    as.self = bearer(devCredentials.memberToken);
    as.assignedCoach = bearer(devCredentials.assistantToken);
    as.headCoach = headCoach;
    as.admin = 'admin';
    as.orgKey = 'organization';
    as.outsider = 'athlete';
    const otherCoach = await newUser();
    expect((await call('POST', `${org}/members`, headCoach, { user_id: otherCoach.id })).status).toBe(201);
    expect((await call('PUT', `${org}/members/${otherCoach.id}/role`, headCoach, { role: 'coach' })).status).toBe(200);
    as.otherCoach = otherCoach.as;
    const otherOrgCoach = await newUser();
    expect((await call('POST', '/organizations', otherOrgCoach.as, { name: 'Other Harriers' })).status).toBe(201);
    as.otherOrgCoach = otherOrgCoach.as;
    const teammate = await newUser();
    expect((await call('POST', `${org}/members`, headCoach, { user_id: teammate.id })).status).toBe(201);
    expect((await call('POST', '/groups', headCoach, { name: 'Lake runners', members: [athlete, teammate.id] })).status).toBe(201);
    as.teammate = teammate.as;
    await repository.activities.insert(recorded, streams);
  });

  for (const { name, flags, expected } of scenarios) {
    it(`with ${name}: each reader sees what the flags allow, on the activity, its streams and the list`, async () => {
      const privacy = { ...defaults, ...flags };
      expect((await call('PUT', `/users/${athlete}`, as.self, { privacy })).status).toBe(200);
      expect(readers.length).toBe(9);
      for (const reader of readers) {
        const seen = expected[reader];
        const label = `${reader} with ${name}`;
        const one = await call('GET', `/activities/${recorded.activity_id}`, as[reader]);
        const stream = await call(
          'GET',
          `/activities/${recorded.activity_id}/streams?types=latlng,pace&types=heartrate,altitude,time`,
          as[reader],
        );
        // The seed's activities of the athlete start at 06:30; this window holds only the one above.
        const list = await call(
          'GET',
          `/activities?user_id=${athlete}&start_date=${recorded.start_time}&end_date=${recorded.start_time}`,
          as[reader],
        );
        if (seen === 'none') {
          expect(errorOf(one), label).toEqual({ status: 404, code: 'NOT_FOUND', field: 'activity_id' });
          expect(errorOf(stream), label).toEqual({ status: 404, code: 'NOT_FOUND', field: 'activity_id' });
          expect(errorOf(list), label).toEqual({ status: 403, code: 'FORBIDDEN', field: 'user_id' });
          continue;
        }
        expect(one.status, label).toBe(200);
        const anyWithheld = seen.map || seen.pace || seen.training;
        expect(one.body.data, label).toMatchObject({
          title: 'Tempo by the lake',
          distance_meters: 5000,
          polyline: seen.map ? null : recorded.polyline,
          average_pace_seconds_per_km: seen.pace ? null : 350,
          average_heart_rate: seen.training ? null : 150,
          max_heart_rate: seen.training ? null : 170,
          elevation_gain_meters: seen.training ? null : 40,
          summary: anyWithheld ? null : recorded.summary,
          summary_title: anyWithheld ? null : recorded.summary_title,
        });
        expect(list.body.data, label).toEqual([one.body.data]);
        const withheld = [
          ...(seen.map ? ['latlng'] : []),
          ...(seen.training ? ['altitude', 'heartrate'] : []),
          ...(seen.pace ? ['pace'] : []),
        ];
        expect(stream.body.data.withheld.sort(), label).toEqual(withheld.sort());
        expect(Object.keys(stream.body.data.streams).sort(), label).toEqual(
          ['time', 'latlng', 'altitude', 'heartrate', 'pace'].filter((type) => !withheld.includes(type)).sort(),
        );
      }
    });
  }

  it('lets the athlete, their coaches, the key and admins change an activity; a reader who may only read gets 403, nobody else learns it exists', async () => {
    expect((await call('PUT', `/users/${athlete}`, as.self, { privacy: { ...defaults, share_activity_with_public: true } })).status).toBe(
      200,
    );
    const writers: Reader[] = ['self', 'assignedCoach', 'headCoach', 'orgKey', 'admin'];
    for (const reader of writers) {
      const changed = await call('PUT', `/activities/${recorded.activity_id}`, as[reader], { title: `Changed by ${reader}` });
      expect(changed.status, reader).toBe(200);
    }
    for (const reader of everyoneElse) {
      expect(errorOf(await call('PUT', `/activities/${recorded.activity_id}`, as[reader], { title: 'Mine now' })), reader).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
      expect(errorOf(await call('DELETE', `/activities/${recorded.activity_id}`, as[reader])), reader).toMatchObject({ status: 403 });
    }
    expect((await call('PUT', `/users/${athlete}`, as.self, { privacy: defaults })).status).toBe(200);
    for (const reader of everyoneElse) {
      expect(errorOf(await call('DELETE', `/activities/${recorded.activity_id}`, as[reader])), reader).toMatchObject({ status: 404 });
    }
    expect((await call('GET', `/activities/${recorded.activity_id}`, as.self)).body.data.title).toBe('Changed by admin');
  });

  it('logs activities for a coached athlete (coach, key) and refuses anyone else on user_id', async () => {
    const body = { user_id: athlete, title: 'Easy jog', activity_type: 'run', start_time: '2026-03-12T07:00:00Z', duration_seconds: 1200 };
    const byCoach = await call('POST', '/activities', as.assignedCoach, body);
    expect(byCoach.status).toBe(201);
    expect(byCoach.body.data).toMatchObject({ user_id: athlete, created_by: seedIds.assistantCoach });
    const byKey = await call('POST', '/activities', as.orgKey, body);
    expect(byKey.body.data).toMatchObject({ user_id: athlete, created_by: seedIds.organization });
    for (const reader of everyoneElse) {
      expect(errorOf(await call('POST', '/activities', as[reader], body)), reader).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        field: 'user_id',
      });
    }
    // An unknown user is refused the same way (no probing); an admin is told it does not exist.
    expect(errorOf(await call('POST', '/activities', as.assignedCoach, { ...body, user_id: 'usr_nobody' }))).toMatchObject({ status: 403 });
    expect(errorOf(await call('GET', '/activities?user_id=usr_nobody', as.assignedCoach))).toMatchObject({ status: 403, field: 'user_id' });
    expect(errorOf(await call('POST', '/activities', 'admin', { ...body, user_id: 'usr_nobody' }))).toMatchObject({
      status: 404,
      field: 'user_id',
    });
  });

  it('downsamples streams to the points asked for, first and last kept, and answers empty streams for a hand-logged activity', async () => {
    const two = await call('GET', `/activities/${recorded.activity_id}/streams?points=2&types=time,distance`, as.self);
    expect(two.body.data).toEqual({
      activity_id: recorded.activity_id,
      point_count: 3,
      points: 2,
      streams: { time: [0, 1800], distance: [0, 5000] },
      withheld: [],
    });
    const all = await call('GET', `/activities/${recorded.activity_id}/streams?points=500`, as.self);
    expect(all.body.data).toMatchObject({ point_count: 3, points: 3, streams });
    const manual = await call('POST', '/activities', as.self, {
      title: 'Gym',
      activity_type: 'workout',
      start_time: '2026-03-11T18:00:00Z',
      duration_seconds: 3600,
    });
    const empty = await call('GET', `/activities/${manual.body.activity_id}/streams?types=time`, as.self);
    expect(empty.body.data).toEqual({
      activity_id: manual.body.activity_id,
      point_count: 0,
      points: 0,
      streams: { time: [] },
      withheld: [],
    });
  });
});
