// Invitations over HTTP, on SQLite and PostgreSQL: a multi-use link (token once, uses counted,
// never more than max_uses under concurrent accepts), a single-use invitation emailed through
// the outbox and received over real SMTP, revocation, expiry, one organization per user,
// the group an accepter joins, the audit log, and the matrix's rows for coaches and athletes.
import { afterAll, expect, it } from 'vitest';
import { newSecret } from '../src/domain/secrets.js';
import { startEmailDelivery } from '../src/email/delivery.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { devCredentials, devInvitation, seedIds } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, fixedNow, laneApp, userMaker, type As } from './helpers.js';
import { startSmtpServer } from './smtp.js';

const coach = bearer(devCredentials.coachToken);
const assistant = bearer(devCredentials.assistantToken);
const member = bearer(devCredentials.memberToken);
const org = `/organizations/${seedIds.organization}`;
const day = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(fixedNow.getTime() + days * day).toISOString().replace(/\.\d{3}Z$/, 'Z');

describeOnDatabases('invitations on $name', (lane) => {
  const { call, repository, started, close } = laneApp(lane);
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await close();
  });

  const newUser = userMaker(repository, 'inv');
  const link = async (body: Record<string, unknown>, as: As = coach) => {
    const created = await call('POST', `${org}/invitations`, as, body);
    expect(created.status).toBe(201);
    return created.body as { data: { invitation_id: string; uses: number }; token: string };
  };

  it('a link: the token once, joins the group, uses counted, used up at max_uses', async () => {
    const { data, token } = await link({ max_uses: 2, group_id: 'grp_marathon2026' });
    expect(data).toMatchObject({ kind: 'link', max_uses: 2, uses: 0, email: null, created_by: seedIds.headCoach, expires_at: inDays(7) });
    expect(token).toMatch(/^astral_it_[0-9A-Za-z]{46}$/);
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const joined = await call('POST', '/invitations/accept', a.as, { token });
    expect(joined.status).toBe(200);
    expect(joined.body.data).toMatchObject({ user_id: a.id, org_id: seedIds.organization, role: 'athlete', status: 'active' });
    expect(joined.body.data.coach_notes).toBeUndefined();
    expect((await call('GET', '/groups/grp_marathon2026', coach)).body.data.members).toContain(a.id);
    expect((await call('POST', '/invitations/accept', b.as, { token })).status).toBe(200);
    expect(errorOf(await call('POST', '/invitations/accept', c.as, { token }))).toEqual({
      status: 400,
      code: 'INVALID_TOKEN',
      field: 'token',
    });
    const listed = await call('GET', `${org}/invitations?limit=100`, coach);
    expect(listed.body.data.find((i: { invitation_id: string }) => i.invitation_id === data.invitation_id)).toMatchObject({ uses: 2 });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const audit = await call('GET', `${org}/audit-events?limit=100`, coach);
    expect(audit.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'invitation_accepted', user_id: a.id, actor_id: a.id, to_value: data.invitation_id }),
        expect.objectContaining({ action: 'group_member_added', user_id: a.id, to_value: 'grp_marathon2026' }),
      ]),
    );
  });

  it('the seeded open link (dev-join-token) lets a new user join the organization and the spring squad', async () => {
    const user = await newUser();
    const joined = await call('POST', '/invitations/accept', user.as, { token: devInvitation.token });
    expect(joined.body.data).toMatchObject({ user_id: user.id, org_id: seedIds.organization });
    expect((await call('GET', '/groups/grp_marathon2026', coach)).body.data.members).toContain(user.id);
  });

  it('concurrent accepts never exceed max_uses', async () => {
    const { token } = await link({ max_uses: 3 });
    const people = await Promise.all(Array.from({ length: 8 }, () => newUser()));
    const answers = await Promise.all(people.map((p) => call('POST', '/invitations/accept', p.as, { token })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 400 && r.body.details.code === 'INVALID_TOKEN')).toHaveLength(5);
  });

  it('an emailed invitation arrives over SMTP and is accepted once, by that address only', async () => {
    const app = await started();
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    const invitee = await newUser();
    const created = await call('POST', `${org}/invitations`, assistant, { email: invitee.email });
    expect(created.status).toBe(201);
    expect(created.body.token).toBeUndefined();
    expect(created.body.data).toMatchObject({ kind: 'email', email: invitee.email, max_uses: 1, created_by: seedIds.assistantCoach });
    const delivery = startEmailDelivery({
      outbox: app.repository.outbox,
      smtpUrl: smtp.url,
      from: 'Astral <no-reply@astral.local>',
      pollMs: 0,
      now: () => fixedNow,
      logger: { info: () => undefined, warn: () => undefined },
    });
    cleanups.push(() => delivery.stop());
    expect(await delivery.deliverDue()).toBeGreaterThanOrEqual(1);
    const message = smtp.received.find((m) => m.to.includes(invitee.email));
    expect(message?.subject).toBe('You are invited to join Alpine Running Club on Astral');
    // The body is quoted-printable: soft line breaks and `=3D` for `=`.
    const body = message!.body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const token = /token=(astral_it_[0-9A-Za-z]+)/.exec(body)?.[1];
    expect(token, body).toBeDefined();
    const other = await newUser();
    expect(errorOf(await call('POST', '/invitations/accept', other.as, { token }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      field: 'token',
    });
    expect((await call('POST', '/invitations/accept', invitee.as, { token })).status).toBe(200);
    expect(errorOf(await call('POST', '/invitations/accept', invitee.as, { token }))).toMatchObject({ status: 400, code: 'INVALID_TOKEN' });
  });

  it('a member of an organization cannot accept (409) and the invitation keeps its use', async () => {
    const { data, token } = await link({ max_uses: 1 });
    expect(errorOf(await call('POST', '/invitations/accept', member, { token }))).toMatchObject({ status: 409, code: 'CONFLICT' });
    const listed = await call('GET', `${org}/invitations?limit=100`, coach);
    expect(listed.body.data.find((i: { invitation_id: string }) => i.invitation_id === data.invitation_id)).toMatchObject({ uses: 0 });
    expect((await call('POST', '/invitations/accept', (await newUser()).as, { token })).status).toBe(200);
  });

  it('revoked: accepting is INVALID_TOKEN, the revocation audited, a second revoke a 404', async () => {
    const { data, token } = await link({ max_uses: 5 });
    const revoked = await call('DELETE', `${org}/invitations/${data.invitation_id}`, coach);
    expect(revoked.body).toEqual({ status: 'ok', message: 'Invitation revoked' });
    expect(errorOf(await call('POST', '/invitations/accept', (await newUser()).as, { token }))).toEqual({
      status: 400,
      code: 'INVALID_TOKEN',
      field: 'token',
    });
    expect(errorOf(await call('DELETE', `${org}/invitations/${data.invitation_id}`, coach))).toMatchObject({
      status: 404,
      field: 'invitation_id',
    });
    const audit = await call('GET', `${org}/audit-events?limit=100`, coach);
    expect(audit.body.data).toContainEqual(
      expect.objectContaining({ action: 'invitation_revoked', user_id: seedIds.headCoach, from_value: data.invitation_id }),
    );
  });

  it('rules of creation: expiry in the future and within 90 days, max_uses for a link, a group of the organization', async () => {
    expect(errorOf(await call('POST', `${org}/invitations`, coach, { max_uses: 2, expires_at: inDays(-1) }))).toMatchObject({
      status: 400,
      field: 'expires_at',
    });
    expect(errorOf(await call('POST', `${org}/invitations`, coach, { max_uses: 2, expires_at: inDays(91) }))).toMatchObject({
      status: 400,
      field: 'expires_at',
    });
    expect(errorOf(await call('POST', `${org}/invitations`, coach, {}))).toMatchObject({ status: 400, field: 'max_uses' });
    expect(errorOf(await call('POST', `${org}/invitations`, coach, { email: 'x@example.com', max_uses: 3 }))).toMatchObject({
      status: 400,
      field: 'max_uses',
    });
    expect(errorOf(await call('POST', `${org}/invitations`, coach, { max_uses: 2, group_id: 'grp_nope' }))).toMatchObject({
      status: 404,
      field: 'group_id',
    });
  });

  it('an expired invitation is INVALID_TOKEN', async () => {
    const expiredToken = newSecret('invitationToken');
    // Below the API: an invitation that expired a minute before the app's clock.
    await repository.organizations.addInvitation(
      {
        invitation_id: 'inv_expired1',
        organization_id: seedIds.organization,
        kind: 'link',
        email: null,
        group_id: null,
        max_uses: 5,
        uses: 0,
        created_by: seedIds.headCoach,
        created_at: inDays(-8),
        expires_at: new Date(fixedNow.getTime() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        revoked_at: null,
      },
      hashCredential(expiredToken),
    );
    // A token whose checksum does not match gets the same answer, without a lookup.
    const forged = `${expiredToken.slice(0, -1)}${expiredToken.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [expiredToken, forged]) {
      expect(errorOf(await call('POST', '/invitations/accept', (await newUser()).as, { token }))).toEqual({
        status: 400,
        code: 'INVALID_TOKEN',
        field: 'token',
      });
    }
  });

  it('the matrix: athletes 403, outsiders 404, the organization key allowed; pages by cursor', async () => {
    expect(errorOf(await call('POST', `${org}/invitations`, member, { max_uses: 2 }))).toMatchObject({ status: 403 });
    expect(errorOf(await call('GET', `${org}/invitations`, member))).toMatchObject({ status: 403 });
    const outsider = await newUser();
    expect(errorOf(await call('GET', `${org}/invitations`, outsider.as))).toMatchObject({ status: 404, field: 'org_id' });
    expect((await call('POST', `${org}/invitations`, 'organization', { max_uses: 2 })).status).toBe(201);
    expect(errorOf(await call('POST', '/invitations/accept', 'organization', { token: newSecret('invitationToken') }))).toMatchObject({
      status: 403,
      field: 'X-API-Key',
    });
    const first = await call('GET', `${org}/invitations?limit=1`, coach);
    expect(first.body.data).toHaveLength(1);
    const second = await call('GET', `${org}/invitations?limit=1&cursor=${first.body.metadata.next_cursor}`, coach);
    expect(second.body.data[0].invitation_id > first.body.data[0].invitation_id).toBe(true);
    expect(errorOf(await call('GET', `${org}/invitations?cursor=bm9wZQ`, coach))).toMatchObject({ status: 400, field: 'cursor' });
  });
});
