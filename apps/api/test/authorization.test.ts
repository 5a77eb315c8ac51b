// Who may do what, over HTTP: any authenticated caller reads and creates; only the
// creator (user or organization) or an admin changes or removes a race; a refused change
// leaves the race untouched. And GET /auth/me for each kind of credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { seedIds } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { errorOf, laneApp } from './helpers.js';

describeOnDatabases('on $name', (lane) => {
  const { call, close, repository, started } = laneApp(lane);
  const userB = { headers: { authorization: 'Bearer user-b-token' } };
  const otherOrg = { headers: { 'x-api-key': 'other-org-key' } };

  beforeAll(async () => {
    await (await started()).app.ready();
    // A second athlete and a second organization, each with their own credential.
    await repository.users.create({
      user_id: 'usr_userb',
      username: 'ben_trails',
      display_name: 'Ben Trail',
      email: 'ben@example.com',
      role: 'athlete',
      organization_id: seedIds.organization,
    });
    await repository.users.addAccessToken('usr_userb', hashCredential('user-b-token'));
    await repository.organizations.create({ organization_id: 'org_otherclub', username: 'other-club', display_name: 'Other Club' });
    await repository.organizations.addApiKey('org_otherclub', hashCredential('other-org-key'));
  });
  afterAll(() => close());

  let counter = 0;
  const createAs = async (as: Parameters<typeof call>[2]) => {
    counter += 1;
    const reply = await call('POST', '/races', as, {
      race_name: `Ownership Race ${counter}`,
      race_type: 'hike',
      race_subtype: 'trail',
      race_date: '2026-07-01T06:00:00Z',
      race_location: 'Grindelwald, Switzerland',
    });
    expect(reply.status).toBe(201);
    return reply.body.data;
  };
  const read = async (raceId: string) => (await call('GET', `/races/${raceId}`, 'admin')).body.data;

  describe('changing and removing a race', () => {
    it("user B cannot update or delete user A's race: 403 FORBIDDEN, and the race is unchanged", async () => {
      const race = await createAs('athlete');
      expect(race.created_by).toBe(seedIds.athlete);
      const update = await call('PUT', `/races/${race.race_id}`, userB, { race_name: 'Hijacked' });
      expect(errorOf(update)).toEqual({ status: 403, code: 'FORBIDDEN', field: undefined });
      expect(update.body.error).toMatch(/creator of this race or an admin/);
      expect(errorOf(await call('DELETE', `/races/${race.race_id}`, userB))).toEqual({ status: 403, code: 'FORBIDDEN', field: undefined });
      expect(await read(race.race_id)).toEqual(race);
    });

    it('the creator can update and delete their own race', async () => {
      const race = await createAs(userB);
      expect(race.created_by).toBe('usr_userb');
      expect((await call('PUT', `/races/${race.race_id}`, userB, { race_subtype: 'alpine' })).body.data.race_subtype).toBe('alpine');
      expect((await call('DELETE', `/races/${race.race_id}`, userB)).status).toBe(200);
    });

    it("an admin can update and delete anyone's race", async () => {
      const race = await createAs('athlete');
      const updated = await call('PUT', `/races/${race.race_id}`, 'admin', { race_description: 'Checked by an admin' });
      expect(updated.status).toBe(200);
      expect(updated.body.data).toMatchObject({ race_description: 'Checked by an admin', created_by: seedIds.athlete });
      const orgRace = await createAs('organization');
      expect((await call('DELETE', `/races/${orgRace.race_id}`, 'admin')).status).toBe(200);
      expect((await call('DELETE', `/races/${race.race_id}`, 'admin')).status).toBe(200);
    });

    it('an athlete cannot change the catalog races an admin or an organization created', async () => {
      const byAdmin = await read('race_bostonmarathon');
      expect(byAdmin.created_by).toBe(seedIds.admin);
      expect((await call('PUT', '/races/race_bostonmarathon', 'athlete', { race_name: 'Mine now' })).status).toBe(403);
      const byOrg = await read('race_utmbmontblanc');
      expect(byOrg.created_by).toBe(seedIds.organization);
      expect((await call('DELETE', '/races/race_utmbmontblanc', 'athlete')).status).toBe(403);
      expect(await read('race_bostonmarathon')).toEqual(byAdmin);
      expect(await read('race_utmbmontblanc')).toEqual(byOrg);
    });

    it("an organization API key acts for its organization: its races, not users' nor other organizations'", async () => {
      const race = await createAs('organization');
      expect(race.created_by).toBe(seedIds.organization);
      // a seeded race the organization created
      expect(
        (await call('PUT', '/races/race_utmbmontblanc', 'organization', { race_participant_count: 10500 })).body.data
          .race_participant_count,
      ).toBe(10500);
      // another organization's key, and a member of the organization using their own token, may not
      expect((await call('PUT', `/races/${race.race_id}`, otherOrg, { race_name: 'Taken over' })).status).toBe(403);
      expect((await call('DELETE', `/races/${race.race_id}`, userB)).status).toBe(403);
      // the organization may not touch a user's race
      const athleteRace = await createAs('athlete');
      expect((await call('PUT', `/races/${athleteRace.race_id}`, 'organization', { race_name: 'Club race now' })).status).toBe(403);
      expect(await read(athleteRace.race_id)).toEqual(athleteRace);
      expect((await call('DELETE', `/races/${race.race_id}`, 'organization')).status).toBe(200);
    });

    it('checks existence before ownership: a missing race is 404 for everyone', async () => {
      expect(errorOf(await call('DELETE', '/races/race_nothere', userB))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'race_id' });
    });
  });

  describe('GET /auth/me', () => {
    it('returns the athlete, at the top level', async () => {
      const reply = await call('GET', '/auth/me', 'athlete');
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        user_id: seedIds.athlete,
        principal_type: 'user',
        username: 'maya_runs',
        display_name: 'Maya Okafor',
        email: 'maya@example.com',
        role: 'athlete',
        organization_id: null,
        org_id: null,
      });
    });

    it('returns the admin', async () => {
      expect((await call('GET', '/auth/me', 'admin')).body).toMatchObject({
        user_id: seedIds.admin,
        principal_type: 'user',
        role: 'admin',
      });
    });

    it('returns the organization for an API key', async () => {
      expect((await call('GET', '/auth/me', 'organization')).body).toEqual({
        user_id: seedIds.organization,
        principal_type: 'organization',
        username: 'alpine-running-club',
        display_name: 'Alpine Running Club',
        email: null,
        role: 'organization',
        organization_id: seedIds.organization,
        org_id: seedIds.organization,
      });
    });

    it('returns a user who belongs to an organization with its id', async () => {
      expect((await call('GET', '/auth/me', userB)).body).toMatchObject({
        user_id: 'usr_userb',
        organization_id: seedIds.organization,
        org_id: seedIds.organization,
        role: 'athlete',
      });
    });

    it('answers missing, unknown and expired credentials with 401 and WWW-Authenticate', async () => {
      const missing = await call('GET', '/auth/me', 'anonymous');
      expect(errorOf(missing)).toEqual({ status: 401, code: 'UNAUTHORIZED', field: undefined });
      expect(missing.headers['www-authenticate']).toMatch(/Bearer/);
      expect(errorOf(await call('GET', '/auth/me', { headers: { authorization: 'Bearer dev-athlete-token-x' } }))).toMatchObject({
        status: 401,
      });
      await repository.users.addAccessToken(seedIds.athlete, hashCredential('expired-token'), '2026-01-01T00:00:00Z');
      expect(errorOf(await call('GET', '/auth/me', { headers: { authorization: 'Bearer expired-token' } }))).toMatchObject({
        status: 401,
        code: 'UNAUTHORIZED',
      });
    });

    it('lets a Bearer token decide alone when both headers are sent', async () => {
      const both = { headers: { authorization: 'Bearer dev-admin-token', 'x-api-key': 'dev-org-key' } };
      expect((await call('GET', '/auth/me', both)).body.user_id).toBe(seedIds.admin);
      const badBearer = { headers: { authorization: 'Bearer wrong', 'x-api-key': 'dev-org-key' } };
      expect((await call('GET', '/auth/me', badBearer)).status).toBe(401);
    });
  });
});
