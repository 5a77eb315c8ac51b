// The Users resource over HTTP, on SQLite and PostgreSQL: who may read and change a profile
// (403s change nothing), the partial-update merge, the checks a schema cannot make, a taken
// username (any case, also when two requests race for it), and the public profile filtered
// by the privacy flags.
import { afterAll, describe, expect, it } from 'vitest';
import { newSecret } from '../src/domain/secrets.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { seedIds } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, laneApp } from './helpers.js';

describeOnDatabases('users on $name', (lane) => {
  const { call, repository, close } = laneApp(lane);
  afterAll(() => close());

  /** A new athlete with a token of their own. */
  const newUser = async (id: string) => {
    await repository.users.create({
      user_id: id,
      username: id.slice(4),
      display_name: id,
      email: `${id}@example.com`,
      role: 'athlete',
      organization_id: null,
    });
    const token = newSecret('accessToken');
    await repository.users.addAccessToken(id, hashCredential(token));
    return bearer(token);
  };
  const profile = async (id: string) => (await call('GET', `/users/${id}`, 'admin')).body.data;

  describe('GET /users/{user_id}', () => {
    it('returns your own full profile', async () => {
      const reply = await call('GET', `/users/${seedIds.athlete}`, 'athlete');
      expect(reply.status).toBe(200);
      expect(reply.body.data).toMatchObject({
        user_id: seedIds.athlete,
        email: 'maya@example.com',
        username: 'maya_runs',
        display_name: 'Maya Okafor',
        first_name: 'Maya',
        last_name: 'Okafor',
        status: 'active',
        membership_role: 'athlete',
        roles: ['user'],
        is_verified: true,
        org_id: null,
        preferences: { timezone: 'Asia/Taipei', unit_system: 'metric' },
        zones: { heart_rate: { z3: { min: 141, max: 155 } }, pace: null },
        subscription: { tier: 'free', status: 'active', expires_at: null },
      });
      expect(reply.body.data).not.toHaveProperty('password_hash');
    });

    it("lets an admin read anyone's, and answers an unknown user 404 to an admin only", async () => {
      expect((await call('GET', `/users/${seedIds.athlete}`, 'admin')).body.data.user_id).toBe(seedIds.athlete);
      expect(errorOf(await call('GET', '/users/usr_nobody', 'admin'))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'user_id' });
      expect((await call('GET', '/users/usr_nobody', 'admin')).body.error).toBe('User not found');
    });

    it('refuses anyone else 403, whether or not the user exists; an API key is not a user (403)', async () => {
      expect(errorOf(await call('GET', `/users/${seedIds.admin}`, 'athlete'))).toEqual({
        status: 403,
        code: 'FORBIDDEN',
        field: 'user_id',
      });
      expect(errorOf(await call('GET', '/users/usr_nobody', 'athlete'))).toEqual({ status: 403, code: 'FORBIDDEN', field: 'user_id' });
      expect(errorOf(await call('GET', `/users/${seedIds.athlete}`, 'organization'))).toMatchObject({ status: 403, field: 'X-API-Key' });
    });
  });

  describe('PUT /users/{user_id}', () => {
    it('changes only what is sent: nested objects field by field, workout_days and zone sets whole, null clears', async () => {
      const maya = await newUser('usr_merge1');
      const before = await profile('usr_merge1');
      const pace = {
        z1: { min: 390, max: 450 },
        z2: { min: 345, max: 389 },
        z3: { min: 315, max: 344 },
        z4: { min: 290, max: 314 },
        z5: { min: 265, max: 289 },
        z6: { min: 200, max: 264 },
      };
      const heartRate = {
        z1: { min: 100, max: 120 },
        z2: { min: 121, max: 140 },
        z3: { min: 141, max: 155 },
        z4: { min: 156, max: 168 },
        z5: { min: 169, max: 180 },
        z6: { min: 181, max: 195 },
      };
      const first = await call('PUT', '/users/usr_merge1', maya, {
        display_name: 'Merge O.',
        bio: 'Trail runner.',
        preferences: { unit_system: 'imperial', workout_days: ['monday'] },
        privacy: { share_activity_with_public: true },
        zones: { heart_rate: heartRate },
      });
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({
        display_name: 'Merge O.',
        bio: 'Trail runner.',
        preferences: { ...before.preferences, unit_system: 'imperial', workout_days: ['monday'] },
        privacy: { ...before.privacy, share_activity_with_public: true },
        notification_settings: before.notification_settings,
        zones: { heart_rate: heartRate, pace: null },
      });
      expect(Date.parse(first.body.data.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));

      const second = await call('PUT', '/users/usr_merge1', maya, {
        bio: null,
        preferences: { workout_days: ['tuesday', 'friday'] },
        notification_settings: { new_follower: false },
        zones: { pace, heart_rate: null },
      });
      expect(second.body.data).toMatchObject({
        display_name: 'Merge O.',
        bio: null,
        preferences: { unit_system: 'imperial', workout_days: ['tuesday', 'friday'] },
        privacy: { share_activity_with_public: true },
        notification_settings: { ...before.notification_settings, new_follower: false },
        zones: { heart_rate: null, pace },
      });
      expect(await profile('usr_merge1')).toEqual(second.body.data);
    });

    it('refuses an unknown time zone on preferences.timezone and a zone with min over max on its name, changing nothing', async () => {
      const user = await newUser('usr_check1');
      const before = await profile('usr_check1');
      expect(errorOf(await call('PUT', '/users/usr_check1', user, { preferences: { timezone: 'Mars/Olympus_Mons' } }))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'preferences.timezone',
      });
      const zones = {
        z1: { min: 100, max: 120 },
        z2: { min: 121, max: 140 },
        z3: { min: 160, max: 150 },
        z4: { min: 156, max: 168 },
        z5: { min: 169, max: 180 },
        z6: { min: 181, max: 195 },
      };
      expect(errorOf(await call('PUT', '/users/usr_check1', user, { display_name: 'X', zones: { heart_rate: zones } }))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'zones.heart_rate.z3',
      });
      expect(errorOf(await call('PUT', '/users/usr_check1', user, { email: 'new@example.com' }))).toMatchObject({
        status: 400,
        field: 'email',
      });
      expect(await profile('usr_check1')).toEqual(before);
      for (const timezone of ['UTC', 'America/Chicago', 'Asia/Taipei']) {
        expect((await call('PUT', '/users/usr_check1', user, { preferences: { timezone } })).body.data.preferences.timezone).toBe(timezone);
      }
    });

    it('answers a username another user has, in any case, 409 on username; your own in another case is fine', async () => {
      const user = await newUser('usr_name1');
      const taken = await call('PUT', '/users/usr_name1', user, { username: 'MAYA_RUNS', display_name: 'Not Applied' });
      expect(errorOf(taken)).toEqual({ status: 409, code: 'CONFLICT', field: 'username' });
      expect(taken.body.error).toBe('username already taken');
      expect((await profile('usr_name1')).display_name).toBe('usr_name1');
      expect((await call('PUT', '/users/usr_name1', user, { username: 'NAME1' })).body.data.username).toBe('NAME1');
    });

    it('gives one of two requests racing for a username the name, the other 409', async () => {
      const one = await newUser('usr_race1');
      const two = await newUser('usr_race2');
      const replies = await Promise.all([
        call('PUT', '/users/usr_race1', one, { username: 'fast_feet' }),
        call('PUT', '/users/usr_race2', two, { username: 'Fast_Feet' }),
      ]);
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    });

    it("refuses anyone's but your own, even an admin's change, 403 and nothing changes", async () => {
      const before = await profile(seedIds.athlete);
      for (const as of ['admin', await newUser('usr_other1')] as const) {
        expect(errorOf(await call('PUT', `/users/${seedIds.athlete}`, as, { display_name: 'Hacked' }))).toEqual({
          status: 403,
          code: 'FORBIDDEN',
          field: 'user_id',
        });
      }
      expect(errorOf(await call('PUT', '/users/usr_nobody', 'athlete', { display_name: 'Hacked' }))).toMatchObject({ status: 403 });
      expect(await profile(seedIds.athlete)).toEqual(before);
    });
  });

  describe('GET /users/{user_id}/public', () => {
    it("shows what the user's privacy flags allow", async () => {
      expect((await call('GET', `/users/${seedIds.athlete}/public`, 'admin')).body.data).toEqual({
        user_id: seedIds.athlete,
        username: 'maya_runs',
        display_name: 'Maya Okafor',
        membership_role: 'athlete',
        bio: 'Chasing a sub-3 marathon. Trail runner at heart.',
        profile_image_url: 'https://images.nexrex.ai/avatars/usr_athlete1.jpg',
        shares: {
          activities: false,
          pace_data: true,
          activity_map: true,
          race_history: true,
          pb: true,
          race_goal: true,
          training_data: true,
        },
      });
      // The admin hides their photo, bio and pace.
      expect((await call('GET', `/users/${seedIds.admin}/public`, 'athlete')).body.data).toMatchObject({
        bio: null,
        profile_image_url: null,
        shares: { pace_data: false, race_history: true },
      });
    });

    it('shows activities only when both the master switch and public sharing are on', async () => {
      const user = await newUser('usr_public1');
      await call('PUT', '/users/usr_public1', user, { privacy: { share_activity_with_public: true } });
      expect((await call('GET', '/users/usr_public1/public', 'athlete')).body.data.shares.activities).toBe(true);
      await call('PUT', '/users/usr_public1', user, { privacy: { share_activity_in_profile: false } });
      expect((await call('GET', '/users/usr_public1/public', 'athlete')).body.data.shares.activities).toBe(false);
    });

    it('answers an unknown or inactive user 404', async () => {
      expect(errorOf(await call('GET', '/users/usr_nobody/public', 'athlete'))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'user_id',
      });
      await newUser('usr_gone1');
      await repository.users.update('usr_gone1', (user) => ({ ...user, status: 'deactivated' }));
      expect(errorOf(await call('GET', '/users/usr_gone1/public', 'athlete'))).toMatchObject({ status: 404 });
    });
  });
});
