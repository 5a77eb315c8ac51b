// Organizations over HTTP, on SQLite and PostgreSQL: creating one makes the caller head
// coach, the permission matrix of the contract (every role, the API key, an admin, an
// outsider), object-level authorization (another organization is a 404, never data), the
// coach-only fields an athlete never sees, an assistant coach limited to their athletes,
// members paged and filtered, role and coach changes, removal, and the audit log.
import { afterAll, describe, expect, it } from 'vitest';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { devCredentials, seedIds } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, fixedNow, laneApp, userMaker } from './helpers.js';

const coach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const member = bearer(devCredentials.memberToken);
const org = `/organizations/${seedIds.organization}`;

describeOnDatabases('organizations on $name', (lane) => {
  const { call, repository, close } = laneApp(lane);
  afterAll(() => close());

  /** A new user in no organization, with a token of their own. */
  const newUser = userMaker(repository);
  /** A new athlete of the seeded organization, assigned to `coachId` if given. */
  const newAthlete = async (coachId?: string) => {
    const user = await newUser('ath');
    expect((await call('POST', `${org}/members`, coach, { user_id: user.id })).status).toBe(201);
    if (coachId) expect((await call('PUT', `${org}/members/${user.id}/coach`, coach, { coach_id: coachId })).status).toBe(200);
    return user;
  };

  describe('POST /organizations', () => {
    it('makes the caller head coach of a new organization, linked on their profile', async () => {
      const user = await newUser();
      const created = await call('POST', '/organizations', user.as, {
        name: 'Harbour Harriers',
        settings: { training_principle: 'Threshold twice a week' },
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        org_id: expect.stringMatching(/^org_/),
        name: 'Harbour Harriers',
        description: null,
        head_coach_user_id: user.id,
        settings: { training_principle: 'Threshold twice a week', logo_url: null },
      });
      const id = created.body.data.org_id;
      expect((await call('GET', `/users/${user.id}`, user.as)).body.data).toMatchObject({ org_id: id, membership_role: 'coach' });
      expect((await call('GET', `/organizations/${id}/members/${user.id}`, user.as)).body.data.role).toBe('head_coach');
      const log = await call('GET', `/organizations/${id}/audit-events`, user.as);
      expect(log.body.data).toEqual([
        expect.objectContaining({ action: 'organization_created', actor_id: user.id, to_value: 'head_coach' }),
      ]);
    });

    it('refuses a caller already in an organization (409) and an API key (403: known, but not allowed)', async () => {
      expect(errorOf(await call('POST', '/organizations', coach, { name: 'Second Club' }))).toMatchObject({
        status: 409,
        code: 'CONFLICT',
      });
      expect(errorOf(await call('POST', '/organizations', 'organization', { name: 'Key Club' }))).toMatchObject({
        status: 403,
        field: 'X-API-Key',
      });
    });
  });

  describe('GET /organizations', () => {
    it("lists a member's and a key's own organization, every one to an admin (paged), none to a user in none", async () => {
      for (const as of [coach, assistant, member, 'organization'] as const) {
        expect((await call('GET', '/organizations', as)).body.data.map((o: { org_id: string }) => o.org_id)).toEqual([
          seedIds.organization,
        ]);
      }
      const outsider = await newUser();
      expect((await call('GET', '/organizations', outsider.as)).body).toMatchObject({
        data: [],
        metadata: { total: 0, next_cursor: null },
      });
      await call('POST', '/organizations', outsider.as, { name: 'Listed Club' });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: any } = await call('GET', `/organizations?limit=1${cursor ? `&cursor=${cursor}` : ''}`, 'admin');
        seen.push(...page.body.data.map((o: { org_id: string }) => o.org_id));
        cursor = page.body.metadata.next_cursor;
      } while (cursor);
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen).toEqual([...seen].sort());
      expect(seen).toContain(seedIds.organization);
      expect(errorOf(await call('GET', '/organizations?cursor=bm9wZQ', 'admin'))).toMatchObject({ status: 400, field: 'cursor' });
    });
  });

  describe('the permission matrix', () => {
    it('lets every member, the key and an admin read the organization; an outsider gets 404', async () => {
      for (const as of [coach, assistant, member, 'organization', 'admin'] as const) {
        expect((await call('GET', org, as)).body.data).toMatchObject({
          org_id: seedIds.organization,
          head_coach_user_id: seedIds.headCoach,
        });
      }
      expect(errorOf(await call('GET', org, 'athlete'))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'org_id' });
      expect(errorOf(await call('GET', '/organizations/org_nosuch', 'admin'))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'org_id' });
    });

    it('lets only the head coach and an admin update it; settings merge', async () => {
      for (const as of [assistant, member, 'organization'] as const) {
        expect(errorOf(await call('PUT', org, as, { name: 'Taken Over' }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
      expect(errorOf(await call('PUT', org, 'athlete', { name: 'Taken Over' }))).toMatchObject({ status: 404 });
      const updated = await call('PUT', org, coach, { settings: { logo_url: 'https://images.nexrex.ai/orgs/alpine.png' } });
      expect(updated.body.data.settings).toEqual({
        training_principle: 'Polarized training, 80% easy.',
        logo_url: 'https://images.nexrex.ai/orgs/alpine.png',
      });
      expect(updated.body.data.name).toBe('Alpine Running Club');
      expect((await call('PUT', org, 'admin', { description: null })).body.data.description).toBeNull();
    });

    it('never answers an id of another organization with its data (404), whatever the role', async () => {
      const outsider = await newUser();
      const other = (await call('POST', '/organizations', outsider.as, { name: 'Other Club' })).body.data.org_id;
      for (const as of [coach, assistant, member, 'organization'] as const) {
        for (const [method, url] of [
          ['GET', `/organizations/${other}`],
          ['GET', `/organizations/${other}/members`],
          ['GET', `/organizations/${other}/members/${outsider.id}`],
          ['DELETE', `/organizations/${other}/members/${outsider.id}`],
          ['GET', `/organizations/${other}/audit-events`],
        ] as const) {
          const reply = await call(method, url, as);
          // A key on an operation keys may not call is a 403 before any organization is read.
          const keyRefused = as === 'organization' && url.endsWith('/audit-events');
          expect(errorOf(reply), `${method} ${url}`).toEqual(
            keyRefused ? { status: 403, code: 'FORBIDDEN', field: 'X-API-Key' } : { status: 404, code: 'NOT_FOUND', field: 'org_id' },
          );
          expect(JSON.stringify(reply.body)).not.toContain('Other Club');
        }
      }
      // A member of another organization, asked for in one's own, is not a member here.
      expect(errorOf(await call('GET', `${org}/members/${outsider.id}`, coach))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'user_id',
      });
    });
  });

  describe('members', () => {
    it('hides coach-only labels and notes from the athlete, and other members from them', async () => {
      const own = await call('GET', `${org}/members/${seedIds.memberAthlete}`, member);
      expect(own.status).toBe(200);
      expect(own.body.data).toMatchObject({ nickname: 'Leo', labels: ['@marathon'], coach_id: seedIds.assistantCoach });
      expect(own.body.data).not.toHaveProperty('coach_notes');
      expect(own.body.data).not.toHaveProperty('coach_labels');
      expect(JSON.stringify(own.body)).not.toContain('Achilles');
      expect(errorOf(await call('GET', `${org}/members/${seedIds.unassignedAthlete}`, member))).toMatchObject({ status: 403 });
      expect(errorOf(await call('GET', `${org}/members`, member))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      const asCoach = await call('GET', `${org}/members/${seedIds.memberAthlete}`, coach);
      expect(asCoach.body.data).toMatchObject({ coach_labels: ['injury-watch'], coach_notes: expect.stringContaining('Achilles') });
    });

    it('limits an assistant coach to the athletes assigned to them', async () => {
      const listed = await call('GET', `${org}/members`, assistant);
      expect(listed.status).toBe(200);
      expect(listed.body.data.length).toBeGreaterThan(0);
      expect(listed.body.data.every((m: { coach_id: string }) => m.coach_id === seedIds.assistantCoach)).toBe(true);
      expect((await call('PUT', `${org}/members/${seedIds.memberAthlete}`, assistant, { level: 'advanced' })).body.data.level).toBe(
        'advanced',
      );
      expect(errorOf(await call('PUT', `${org}/members/${seedIds.unassignedAthlete}`, assistant, { level: 'x' }))).toMatchObject({
        status: 403,
      });
      expect(errorOf(await call('GET', `${org}/members/${seedIds.unassignedAthlete}`, assistant))).toMatchObject({ status: 403 });
      expect(errorOf(await call('POST', `${org}/members`, assistant, { email: 'nobody@example.com' }))).toMatchObject({ status: 403 });
      expect(errorOf(await call('PUT', `${org}/members/${seedIds.memberAthlete}/coach`, assistant, { coach_id: null }))).toMatchObject({
        status: 403,
      });
    });

    it('adds by email or user id; refuses both, neither, unknown users and members of an organization', async () => {
      const byEmail = await newUser();
      const added = await call('POST', `${org}/members`, coach, {
        email: byEmail.email.toUpperCase(),
        labels: ['@trail'],
        coach_notes: 'New',
      });
      expect(added.status).toBe(201);
      expect(added.body.data).toMatchObject({
        user_id: byEmail.id,
        role: 'athlete',
        status: 'active',
        labels: ['@trail'],
        coach_notes: 'New',
      });
      expect((await call('GET', `/users/${byEmail.id}`, byEmail.as)).body.data.org_id).toBe(seedIds.organization);
      const byId = await newUser();
      expect((await call('POST', `${org}/members`, 'organization', { user_id: byId.id })).status).toBe(201);
      expect(errorOf(await call('POST', `${org}/members`, coach, { user_id: byId.id }))).toEqual({
        status: 409,
        code: 'CONFLICT',
        field: 'user_id',
      });
      expect(errorOf(await call('POST', `${org}/members`, coach, {}))).toMatchObject({ status: 400, field: 'email' });
      expect(errorOf(await call('POST', `${org}/members`, coach, { email: byEmail.email, user_id: byEmail.id }))).toMatchObject({
        status: 400,
      });
      expect(errorOf(await call('POST', `${org}/members`, coach, { email: 'ghost@example.com' }))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'email',
      });
      expect(errorOf(await call('POST', `${org}/members`, coach, { user_id: 'usr_ghost' }))).toMatchObject({
        status: 404,
        field: 'user_id',
      });
      expect(errorOf(await call('POST', `${org}/members`, coach, { email: 'x@example.com', labels: ['Upper'] }))).toMatchObject({
        status: 400,
        field: 'labels[0]',
      });
    });

    it('pages by user_id with a cursor, filters by role, status and label, and refuses a cursor for other filters', async () => {
      await newAthlete();
      await newAthlete();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: any } = await call('GET', `${org}/members?role=athlete&limit=2${cursor ? `&cursor=${cursor}` : ''}`, coach);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        expect(page.body.metadata.total).toBe(page.body.data.length);
        seen.push(...page.body.data.map((m: { user_id: string; role: string }) => (expect(m.role).toBe('athlete'), m.user_id)));
        cursor = page.body.metadata.next_cursor;
      } while (cursor);
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(seedIds.memberAthlete);
      const first = await call('GET', `${org}/members?role=athlete&limit=1`, coach);
      expect(errorOf(await call('GET', `${org}/members?role=head_coach&cursor=${first.body.metadata.next_cursor}`, coach))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'cursor',
      });
      expect(errorOf(await call('GET', `${org}/members?cursor=bm9wZQ`, coach))).toMatchObject({ status: 400, field: 'cursor' });
      const marathon = await call('GET', `${org}/members?label=@marathon`, coach);
      expect(marathon.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([seedIds.memberAthlete]);
      const coachLabel = await call('GET', `${org}/members?label=injury-watch`, coach);
      expect(coachLabel.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([seedIds.memberAthlete]);
      const heads = await call('GET', `${org}/members?role=head_coach&status=active`, 'organization');
      expect(heads.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([seedIds.headCoach]);
    });

    it('promotes and demotes (head coach only), assigns coaches, and audits each change', async () => {
      const athlete = await newAthlete(seedIds.assistantCoach);
      const trainee = await newAthlete();
      for (const as of [assistant, 'organization'] as const) {
        expect(errorOf(await call('PUT', `${org}/members/${athlete.id}/role`, as, { role: 'assistant_coach' }))).toMatchObject({
          status: 403,
        });
      }
      const promoted = await call('PUT', `${org}/members/${athlete.id}/role`, coach, { role: 'assistant_coach' });
      expect(promoted.body.data).toMatchObject({ role: 'assistant_coach', coach_id: null });
      expect((await call('GET', `/users/${athlete.id}`, athlete.as)).body.data.membership_role).toBe('coach');
      expect((await call('PUT', `${org}/members/${trainee.id}/coach`, coach, { coach_id: athlete.id })).body.data.coach_id).toBe(
        athlete.id,
      );
      // The new assistant coach manages their athlete at once.
      expect((await call('GET', `${org}/members`, athlete.as)).body.data.map((m: { user_id: string }) => m.user_id)).toEqual([trainee.id]);
      expect(errorOf(await call('PUT', `${org}/members/${athlete.id}/coach`, coach, { coach_id: seedIds.headCoach }))).toMatchObject({
        status: 400,
        field: 'user_id',
      });
      expect(
        errorOf(await call('PUT', `${org}/members/${trainee.id}/coach`, coach, { coach_id: seedIds.unassignedAthlete })),
      ).toMatchObject({
        status: 400,
        field: 'coach_id',
      });
      // Demoted, their athletes are unassigned and they lose access to them.
      expect((await call('PUT', `${org}/members/${athlete.id}/role`, 'admin', { role: 'athlete' })).body.data.role).toBe('athlete');
      expect((await call('GET', `${org}/members/${trainee.id}`, coach)).body.data.coach_id).toBeNull();
      expect(errorOf(await call('GET', `${org}/members/${trainee.id}`, athlete.as))).toMatchObject({ status: 403 });
      expect(errorOf(await call('PUT', `${org}/members/${seedIds.headCoach}/role`, coach, { role: 'athlete' }))).toMatchObject({
        status: 403,
      });
      const log = (await call('GET', `${org}/audit-events?limit=100`, coach)).body.data as Array<Record<string, unknown>>;
      const about = log
        .filter((e) => e.user_id === athlete.id || e.user_id === trainee.id)
        .map((e) => [e.action, e.from_value, e.to_value]);
      expect(about).toEqual([
        ['role_changed', 'assistant_coach', 'athlete'],
        ['coach_assigned', athlete.id, null],
        ['coach_assigned', null, athlete.id],
        ['role_changed', 'athlete', 'assistant_coach'],
        ['member_added', null, 'athlete'],
        ['coach_assigned', null, seedIds.assistantCoach],
        ['member_added', null, 'athlete'],
      ]);
      expect(log.find((e) => e.to_value === 'athlete' && e.user_id === athlete.id)?.actor_id).toBe(seedIds.admin);
    });

    it('removes members (not the head coach); an athlete may leave; the removed lose access on the next request', async () => {
      const leaver = await newAthlete();
      expect(errorOf(await call('DELETE', `${org}/members/${seedIds.unassignedAthlete}`, leaver.as))).toMatchObject({ status: 403 });
      expect((await call('DELETE', `${org}/members/${leaver.id}`, leaver.as)).status).toBe(200);
      expect(errorOf(await call('GET', org, leaver.as))).toMatchObject({ status: 404 });
      expect((await call('GET', `/users/${leaver.id}`, leaver.as)).body.data).toMatchObject({ org_id: null, membership_role: 'athlete' });
      const removed = await newAthlete();
      expect((await call('GET', org, removed.as)).status).toBe(200);
      expect((await call('DELETE', `${org}/members/${removed.id}`, 'organization')).status).toBe(200);
      expect(errorOf(await call('GET', org, removed.as))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'org_id' });
      expect(errorOf(await call('DELETE', `${org}/members/${removed.id}`, coach))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'user_id',
      });
      expect(errorOf(await call('DELETE', `${org}/members/${seedIds.headCoach}`, 'admin'))).toMatchObject({ status: 403 });
      const log = (await call('GET', `${org}/audit-events`, coach)).body.data as Array<Record<string, unknown>>;
      expect(log[0]).toMatchObject({
        action: 'member_removed',
        user_id: removed.id,
        actor_id: seedIds.organization,
        from_value: 'athlete',
      });
    });

    it('suspends a member: their status is audited and they lose access to the organization', async () => {
      const athlete = await newAthlete();
      expect((await call('PUT', `${org}/members/${athlete.id}`, coach, { status: 'suspended', nickname: 'Sus' })).body.data.status).toBe(
        'suspended',
      );
      expect(errorOf(await call('GET', org, athlete.as))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect((await call('GET', `${org}/audit-events?limit=1`, coach)).body.data[0]).toMatchObject({
        action: 'member_status_changed',
        from_value: 'active',
        to_value: 'suspended',
      });
    });
  });

  describe('API keys', () => {
    it('shows the secret once (astral_live_), stores only its hash, lists without it, and acts for the organization', async () => {
      const created = await call('POST', `${org}/api-keys`, coach, { name: 'Dashboard', expires_at: '2099-01-01T00:00:00Z' });
      expect(created.status).toBe(201);
      const { data, secret } = created.body;
      expect(secret).toMatch(/^astral_live_[0-9A-Za-z]{46}$/);
      expect(data).toMatchObject({
        org_id: seedIds.organization,
        name: 'Dashboard',
        prefix: secret.slice(0, 16),
        created_by: seedIds.headCoach,
      });
      expect(data.expires_at).toBe('2099-01-01T00:00:00Z');
      const listed = await call('GET', `${org}/api-keys`, coach);
      expect(listed.body.data.map((k: { key_id: string }) => k.key_id)).toEqual(expect.arrayContaining([data.key_id, 'key_devorgkey']));
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(await repository.organizations.findByApiKeyHash(hashCredential(secret))).toMatchObject({
        organization_id: seedIds.organization,
      });
      expect(await repository.organizations.findByApiKeyHash(secret)).toBeUndefined();
      const key = { headers: { 'x-api-key': secret } };
      expect((await call('GET', '/auth/me', key)).body).toMatchObject({
        principal_type: 'organization',
        organization_id: seedIds.organization,
      });
      expect((await call('GET', `${org}/members`, key)).status).toBe(200);
      // A key cannot mint, list or revoke keys, nor raise anyone's role.
      expect(errorOf(await call('POST', `${org}/api-keys`, key, { name: 'Escalate' }))).toMatchObject({ status: 403 });
      expect(errorOf(await call('GET', `${org}/api-keys`, key))).toMatchObject({ status: 403 });
      expect(errorOf(await call('PUT', `${org}/members/${seedIds.memberAthlete}/role`, key, { role: 'coach' }))).toMatchObject({
        status: 403,
      });
    });

    it('fails a revoked key on the very next request; 404 for a key already revoked or of another organization', async () => {
      const { data, secret } = (await call('POST', `${org}/api-keys`, 'admin', { name: 'Short lived' })).body;
      const key = { headers: { 'x-api-key': secret } };
      expect((await call('GET', org, key)).status).toBe(200);
      expect((await call('DELETE', `${org}/api-keys/${data.key_id}`, coach)).status).toBe(200);
      expect(errorOf(await call('GET', org, key))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
      expect(errorOf(await call('DELETE', `${org}/api-keys/${data.key_id}`, coach))).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        field: 'key_id',
      });
      expect((await call('GET', `${org}/api-keys`, coach)).body.data.map((k: { key_id: string }) => k.key_id)).not.toContain(data.key_id);
      const outsider = await newUser();
      const other = (await call('POST', '/organizations', outsider.as, { name: 'Key Club' })).body.data.org_id;
      const foreign = (await call('POST', `/organizations/${other}/api-keys`, outsider.as, { name: 'Theirs' })).body.data.key_id;
      expect(errorOf(await call('DELETE', `${org}/api-keys/${foreign}`, coach))).toMatchObject({ status: 404, field: 'key_id' });
      expect(errorOf(await call('DELETE', `/organizations/${other}/api-keys/${foreign}`, coach))).toMatchObject({
        status: 404,
        field: 'org_id',
      });
    });

    it('refuses an expiry in the past, and an expired key; only the head coach and admins manage keys', async () => {
      expect(errorOf(await call('POST', `${org}/api-keys`, coach, { name: 'Old', expires_at: '2020-01-01T00:00:00Z' }))).toEqual({
        status: 400,
        code: 'VALIDATION_ERROR',
        field: 'expires_at',
      });
      // fixedNow is the clock: a key that expires one second later already works, then not once past it.
      const soon = new Date(fixedNow.getTime() + 1000).toISOString();
      const { secret } = (await call('POST', `${org}/api-keys`, coach, { name: 'Soon', expires_at: soon })).body;
      expect(await repository.organizations.findByApiKeyHash(hashCredential(secret), fixedNow.getTime())).toBeDefined();
      expect(await repository.organizations.findByApiKeyHash(hashCredential(secret), fixedNow.getTime() + 1000)).toBeUndefined();
      for (const as of [assistant, member] as const) {
        expect(errorOf(await call('POST', `${org}/api-keys`, as, { name: 'Mine' }))).toMatchObject({ status: 403 });
        expect(errorOf(await call('GET', `${org}/api-keys`, as))).toMatchObject({ status: 403 });
      }
      expect(errorOf(await call('GET', `${org}/api-keys`, 'athlete'))).toMatchObject({ status: 404 });
    });
  });

  describe('groups', () => {
    const squad = '/groups/grp_marathon2026';
    it("creates a group in the caller's organization, owned by them, a name unique in any case (409), members of it only (400)", async () => {
      const created = await call('POST', '/groups', assistant, {
        name: 'Tempo Tuesday',
        members: [seedIds.memberAthlete],
        privacy: 'private',
      });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({
        group_id: expect.stringMatching(/^grp_/),
        org_id: seedIds.organization,
        owner_id: seedIds.assistantCoach,
        members: [seedIds.memberAthlete],
        privacy: 'private',
      });
      expect(errorOf(await call('POST', '/groups', coach, { name: 'TEMPO tuesday' }))).toEqual({
        status: 409,
        code: 'CONFLICT',
        field: 'name',
      });
      const outsider = await newUser();
      expect(errorOf(await call('POST', '/groups', coach, { name: 'Strangers', members: [outsider.id] }))).toMatchObject({
        status: 400,
        field: 'members',
      });
      expect(errorOf(await call('POST', '/groups', member, { name: 'Mine' }))).toMatchObject({ status: 403 });
      expect(errorOf(await call('POST', '/groups', outsider.as, { name: 'Nowhere' }))).toMatchObject({ status: 400, field: 'org_id' });
      expect(errorOf(await call('POST', '/groups', outsider.as, { name: 'Theirs', org_id: seedIds.organization }))).toMatchObject({
        status: 404,
        field: 'org_id',
      });
      expect(errorOf(await call('POST', '/groups', 'admin', { name: 'Admin squad' }))).toMatchObject({ status: 400, field: 'org_id' });
      expect((await call('POST', '/groups', 'organization', { name: 'Key squad' })).body.data.owner_id).toBeNull();
    });

    it('shows a private group only to its members, its owner, the head coach, the key and admins; lists what each may see', async () => {
      const hidden = (await call('POST', '/groups', assistant, { name: 'Private squad', privacy: 'private' })).body.data.group_id;
      for (const as of [assistant, coach, 'organization', 'admin'] as const)
        expect((await call('GET', `/groups/${hidden}`, as)).status).toBe(200);
      expect(errorOf(await call('GET', `/groups/${hidden}`, member))).toMatchObject({ status: 403, field: 'group_id' });
      expect((await call('GET', squad, member)).body.data.members).toEqual([seedIds.memberAthlete]);
      expect(errorOf(await call('GET', squad, 'athlete'))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'group_id' });
      expect(errorOf(await call('GET', '/groups/grp_nosuch', 'admin'))).toMatchObject({ status: 404, field: 'group_id' });
      const seen = (await call('GET', `${org}/groups?limit=100`, member)).body.data.map((g: { group_id: string }) => g.group_id);
      expect(seen).toContain('grp_marathon2026');
      expect(seen).not.toContain(hidden);
      expect((await call('GET', `${org}/groups?limit=100`, coach)).body.data.map((g: { group_id: string }) => g.group_id)).toContain(
        hidden,
      );
      const first = await call('GET', `${org}/groups?limit=1`, coach);
      expect(first.body.metadata.next_cursor).toEqual(expect.any(String));
      const next = await call('GET', `${org}/groups?limit=1&cursor=${first.body.metadata.next_cursor}`, coach);
      expect(next.body.data[0].group_id > first.body.data[0].group_id).toBe(true);
      expect(errorOf(await call('GET', `${org}/groups`, 'athlete'))).toMatchObject({ status: 404, field: 'org_id' });
    });

    it('changes a group (owner, head coach, key), replaces members with each change audited, and deletes it', async () => {
      const athlete = await newAthlete();
      const group = (await call('POST', '/groups', assistant, { name: 'Hill repeats', members: [seedIds.memberAthlete] })).body.data
        .group_id;
      expect(errorOf(await call('PUT', `/groups/${group}`, member, { name: 'Mine' }))).toMatchObject({ status: 403 });
      const other = (await call('POST', '/groups', coach, { name: 'Head squad' })).body.data.group_id;
      expect(errorOf(await call('PUT', `/groups/${other}`, assistant, { name: 'Taken over' }))).toMatchObject({
        status: 403,
        field: 'group_id',
      });
      const updated = await call('PUT', `/groups/${group}`, assistant, { members: [athlete.id], description: 'Uphill' });
      expect(updated.body.data).toMatchObject({ members: [athlete.id], description: 'Uphill', name: 'Hill repeats' });
      expect(errorOf(await call('PUT', `/groups/${group}`, coach, { name: 'head squad' }))).toMatchObject({ status: 409, field: 'name' });
      const log = (await call('GET', `${org}/audit-events?limit=100`, coach)).body.data as Array<Record<string, unknown>>;
      expect(
        log
          .filter((e) => e.action?.toString().startsWith('group_member') && (e.from_value === group || e.to_value === group))
          .map((e) => [e.action, e.user_id]),
      ).toEqual([
        ['group_member_removed', seedIds.memberAthlete],
        ['group_member_added', athlete.id],
        ['group_member_added', seedIds.memberAthlete],
      ]);
      // Leaving the organization leaves its groups.
      expect((await call('DELETE', `${org}/members/${athlete.id}`, 'organization')).status).toBe(200);
      expect((await call('GET', `/groups/${group}`, coach)).body.data.members).toEqual([]);
      expect((await call('DELETE', `/groups/${group}`, 'organization')).status).toBe(200);
      expect(errorOf(await call('GET', `/groups/${group}`, coach))).toMatchObject({ status: 404, field: 'group_id' });
    });
  });

  describe('the audit log', () => {
    it('is read by the head coach and admins only, newest first, paged', async () => {
      for (const as of [assistant, member, 'organization'] as const) {
        expect(errorOf(await call('GET', `${org}/audit-events`, as))).toMatchObject({ status: 403 });
      }
      const all = (await call('GET', `${org}/audit-events?limit=100`, 'admin')).body.data as Array<{
        event_id: string;
        occurred_at: string;
      }>;
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: any } = await call('GET', `${org}/audit-events?limit=3${cursor ? `&cursor=${cursor}` : ''}`, coach);
        paged.push(...page.body.data.map((e: { event_id: string }) => e.event_id));
        cursor = page.body.metadata.next_cursor;
      } while (cursor);
      expect(paged).toEqual(all.map((e) => e.event_id));
      expect(errorOf(await call('GET', `${org}/audit-events?cursor=bm9wZQ`, coach))).toMatchObject({ status: 400, field: 'cursor' });
    });
  });
});
