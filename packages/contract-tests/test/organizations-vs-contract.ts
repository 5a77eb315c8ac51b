// (b, continued) Organizations through the sandbox, as the seeded organization's people:
// its head coach, assistant coach and athlete, its API key, an admin, and Maya, who belongs
// to no organization. Every documented status of each operation, checked by the API's own
// answer and by Prism's verdict.
import { describe, expect, it } from 'vitest';
import { signUp } from './accounts-vs-contract.js';
import { emailedToken } from './support/mailbox.js';
import type { CoverageRecorder } from './support/coverage.js';
import { apiExpectation, call } from './support/sandbox.js';

const org = '/organizations/org_alpineclub';
const leo = 'usr_athlete2';
const ines = 'usr_athlete3';
const assistantCoach = 'usr_coach2';
const headCoach = 'usr_coach1';
const huge = 'x'.repeat(1_100_000);

export function organizationsAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  /** A new account, added to the seeded organization as an athlete by the head coach. */
  const newMember = async (label: string) => {
    const user = await signUp(label);
    expect((await call('POST', `${org}/members`, { as: 'coach', body: { user_id: user.userId } })).status).toBe(201);
    return user;
  };

  describe('organizations through the sandbox', () => {
    describe('listOrganizations', () => {
      it('200 (own, none, every one to an admin, paged); 400 on a foreign cursor; 401', async () => {
        const own = await call('GET', '/organizations', { as: 'member' });
        expectApi(own, 'listOrganizations', 200);
        expect(own.body.data.map((o: { org_id: string }) => o.org_id)).toEqual(['org_alpineclub']);
        expectApi(await call('GET', '/organizations', { as: 'athlete' }), 'listOrganizations', 200);
        const first = await call('GET', '/organizations?limit=1', { as: 'admin' });
        expectApi(first, 'listOrganizations', 200);
        if (first.body.metadata.next_cursor) {
          expectApi(
            await call('GET', `/organizations?cursor=${first.body.metadata.next_cursor}`, { as: 'admin' }),
            'listOrganizations',
            200,
          );
        }
        expectApi(await call('GET', '/organizations?cursor=bm9wZQ', { as: 'admin' }), 'listOrganizations', 400, {
          field: 'cursor',
          validRequest: true,
        });
        expectApi(await call('GET', '/organizations', { as: 'none' }), 'listOrganizations', 401, { code: 'UNAUTHORIZED' });
      });
    });

    describe('createOrganization', () => {
      it('201 for a user in no organization, then 409 for them; 422 for a key reused with another body', async () => {
        const user = await signUp('orgcreate');
        const headers = { 'Idempotency-Key': `ct-org-${user.userId}` };
        const created = await call('POST', '/organizations', { bearer: user.token, headers, body: { name: 'Harbour Harriers' } });
        expectApi(created, 'createOrganization', 201);
        expect(created.body.data.head_coach_user_id).toBe(user.userId);
        const replay = await call('POST', '/organizations', { bearer: user.token, headers, body: { name: 'Harbour Harriers' } });
        expectApi(replay, 'createOrganization', 201);
        expect(replay.body.data.org_id).toBe(created.body.data.org_id);
        expectApi(
          await call('POST', '/organizations', { bearer: user.token, headers, body: { name: 'Other' } }),
          'createOrganization',
          422,
          {
            code: 'IDEMPOTENCY_KEY_REUSED',
            validRequest: true,
          },
        );
        expectApi(await call('POST', '/organizations', { as: 'coach', body: { name: 'Second Club' } }), 'createOrganization', 409, {
          code: 'CONFLICT',
          validRequest: true,
        });
      });
      it('400, 401 (no credentials), 403 (an API key), 413, 415', async () => {
        expectApi(await call('POST', '/organizations', { body: {} }), 'createOrganization', 400, {
          code: 'VALIDATION_ERROR',
          field: 'name',
        });
        expectApi(await call('POST', '/organizations', { as: 'none', body: { name: 'X' } }), 'createOrganization', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('POST', '/organizations', { as: 'org', body: { name: 'X' } }), 'createOrganization', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key',
        });
        expectApi(await call('POST', '/organizations', { body: { name: 'X', description: huge } }), 'createOrganization', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', '/organizations', { body: 'name=X', contentType: 'text/plain' }), 'createOrganization', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
    });

    describe('getOrganization and updateOrganization', () => {
      it('200 for every member and the key; 404 for a non-member; 403 for a suspended member', async () => {
        for (const as of ['coach', 'assistant', 'member', 'org', 'admin'] as const)
          expectApi(await call('GET', org, { as }), 'getOrganization', 200);
        expectApi(await call('GET', org, { as: 'athlete' }), 'getOrganization', 404, {
          code: 'NOT_FOUND',
          field: 'org_id',
          validRequest: true,
        });
        const suspended = await newMember('suspended');
        await call('PUT', `${org}/members/${suspended.userId}`, { as: 'coach', body: { status: 'suspended' } });
        expectApi(await call('GET', org, { bearer: suspended.token }), 'getOrganization', 403, { code: 'FORBIDDEN', validRequest: true });
        expectApi(await call('GET', '/organizations/not-an-org'), 'getOrganization', 400, { code: 'VALIDATION_ERROR', field: 'org_id' });
        expectApi(await call('GET', org, { as: 'none' }), 'getOrganization', 401, { code: 'UNAUTHORIZED' });
      });
      it('200 for the head coach; 403 for others in it; 404 outside; 400, 401, 413, 415', async () => {
        const updated = await call('PUT', org, {
          as: 'coach',
          body: { settings: { training_principle: 'Polarized training, 80% easy.' } },
        });
        expectApi(updated, 'updateOrganization', 200);
        expectApi(await call('PUT', org, { as: 'assistant', body: { name: 'Mine' } }), 'updateOrganization', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('PUT', org, { as: 'athlete', body: { name: 'Mine' } }), 'updateOrganization', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(await call('PUT', org, { as: 'coach', body: {} }), 'updateOrganization', 400, { code: 'VALIDATION_ERROR' });
        expectApi(await call('PUT', org, { as: 'none', body: { name: 'X' } }), 'updateOrganization', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('PUT', org, { as: 'coach', body: { description: huge } }), 'updateOrganization', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('PUT', org, { as: 'coach', body: 'x', contentType: 'text/plain' }), 'updateOrganization', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
    });

    describe('members', () => {
      it('listOrganizationMembers: 200 paged and filtered; 400, 401, 403 for an athlete, 404 outside', async () => {
        const first = await call('GET', `${org}/members?role=athlete&limit=1`, { as: 'coach' });
        expectApi(first, 'listOrganizationMembers', 200);
        expect(first.body.metadata.next_cursor).toEqual(expect.any(String));
        const next = await call('GET', `${org}/members?role=athlete&limit=1&cursor=${first.body.metadata.next_cursor}`, { as: 'org' });
        expectApi(next, 'listOrganizationMembers', 200);
        expect(next.body.data[0].user_id > first.body.data[0].user_id).toBe(true);
        const assigned = await call('GET', `${org}/members`, { as: 'assistant' });
        expectApi(assigned, 'listOrganizationMembers', 200);
        expect(assigned.body.data.map((m: { user_id: string }) => m.user_id)).toEqual([leo]);
        expectApi(await call('GET', `${org}/members?limit=500`, { as: 'coach' }), 'listOrganizationMembers', 400, { field: 'limit' });
        expectApi(
          await call('GET', `${org}/members?role=coach&cursor=${first.body.metadata.next_cursor}`, { as: 'coach' }),
          'listOrganizationMembers',
          400,
          {
            field: 'cursor',
            validRequest: true,
          },
        );
        expectApi(await call('GET', `${org}/members`, { as: 'none' }), 'listOrganizationMembers', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', `${org}/members`, { as: 'member' }), 'listOrganizationMembers', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('GET', `${org}/members`, { as: 'athlete' }), 'listOrganizationMembers', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
      });

      it('createOrganizationMember: 201 by email, replayed; 409 for a member; 422; 400, 401, 403, 404, 413, 415', async () => {
        const user = await signUp('memberadd');
        const headers = { 'Idempotency-Key': `ct-member-${user.userId}` };
        const added = await call('POST', `${org}/members`, { as: 'coach', headers, body: { email: user.email, labels: ['@trail'] } });
        expectApi(added, 'createOrganizationMember', 201);
        expect(added.body.data).toMatchObject({ user_id: user.userId, role: 'athlete', labels: ['@trail'] });
        expectApi(
          await call('POST', `${org}/members`, { as: 'coach', headers, body: { email: user.email, labels: ['@trail'] } }),
          'createOrganizationMember',
          201,
        );
        expectApi(
          await call('POST', `${org}/members`, { as: 'coach', headers, body: { email: user.email } }),
          'createOrganizationMember',
          422,
          {
            code: 'IDEMPOTENCY_KEY_REUSED',
            validRequest: true,
          },
        );
        expectApi(await call('POST', `${org}/members`, { as: 'org', body: { user_id: leo } }), 'createOrganizationMember', 409, {
          code: 'CONFLICT',
          field: 'user_id',
          validRequest: true,
        });
        // Neither email nor user_id: the contract refuses it too (MemberCreate's oneOf).
        expectApi(await call('POST', `${org}/members`, { as: 'coach', body: {} }), 'createOrganizationMember', 400, {
          field: 'email',
          validRequest: false,
        });
        expectApi(
          await call('POST', `${org}/members`, { as: 'coach', body: { email: 'x@example.com', labels: ['UPPER'] } }),
          'createOrganizationMember',
          400,
          {
            code: 'VALIDATION_ERROR',
          },
        );
        expectApi(await call('POST', `${org}/members`, { as: 'none', body: { user_id: leo } }), 'createOrganizationMember', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('POST', `${org}/members`, { as: 'assistant', body: { user_id: leo } }), 'createOrganizationMember', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(
          await call('POST', `${org}/members`, { as: 'coach', body: { email: 'nobody.here@example.com' } }),
          'createOrganizationMember',
          404,
          {
            code: 'NOT_FOUND',
            field: 'email',
            validRequest: true,
          },
        );
        expectApi(
          await call('POST', `${org}/members`, { as: 'coach', body: { user_id: leo, coach_notes: huge } }),
          'createOrganizationMember',
          413,
          {
            code: 'PAYLOAD_TOO_LARGE',
          },
        );
        expectApi(
          await call('POST', `${org}/members`, { as: 'coach', body: 'x', contentType: 'text/plain' }),
          'createOrganizationMember',
          415,
          {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          },
        );
      });

      it('createOrganizationMember: 429 with Retry-After past 60 attempts an hour by one caller, found or not', async () => {
        // The head coach of a fresh organization, so the seeded one's callers keep their count.
        const owner = await signUp('memberlimit');
        const own = (await call('POST', '/organizations', { bearer: owner.token, body: { name: 'Member Limit Club' } })).body.data.org_id;
        const probe = (n: number) =>
          call('POST', `/organizations/${own}/members`, { bearer: owner.token, body: { email: `probe${n}.${owner.userId}@example.com` } });
        for (let n = 0; n < 60; n++) expect((await probe(n)).status).toBe(404);
        const refused = await probe(60);
        expectApi(refused, 'createOrganizationMember', 429, { code: 'RATE_LIMITED', field: 'email', validRequest: true });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(refused.headers.get('ratelimit-policy')).toBe('"add_member";q=60;w=3600');
      });

      it('getOrganizationMember: 200 (the athlete without coach-only fields); 400, 401, 403, 404', async () => {
        expectApi(await call('GET', `${org}/members/${leo}`, { as: 'assistant' }), 'getOrganizationMember', 200);
        const own = await call('GET', `${org}/members/${leo}`, { as: 'member' });
        expectApi(own, 'getOrganizationMember', 200);
        expect(own.body.data).not.toHaveProperty('coach_notes');
        expectApi(await call('GET', `${org}/members/bad`, { as: 'coach' }), 'getOrganizationMember', 400, { field: 'user_id' });
        expectApi(await call('GET', `${org}/members/${leo}`, { as: 'none' }), 'getOrganizationMember', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', `${org}/members/${ines}`, { as: 'member' }), 'getOrganizationMember', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('GET', `${org}/members/usr_athlete1`, { as: 'coach' }), 'getOrganizationMember', 404, {
          code: 'NOT_FOUND',
          field: 'user_id',
          validRequest: true,
        });
      });

      it('updateOrganizationMember: 200 by the assigned coach; 400, 401, 403, 404, 413, 415', async () => {
        expectApi(
          await call('PUT', `${org}/members/${leo}`, { as: 'assistant', body: { level: 'advanced' } }),
          'updateOrganizationMember',
          200,
        );
        expectApi(await call('PUT', `${org}/members/${leo}`, { as: 'coach', body: {} }), 'updateOrganizationMember', 400, {
          code: 'VALIDATION_ERROR',
        });
        expectApi(await call('PUT', `${org}/members/${leo}`, { as: 'none', body: { level: 'x' } }), 'updateOrganizationMember', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('PUT', `${org}/members/${ines}`, { as: 'assistant', body: { level: 'x' } }), 'updateOrganizationMember', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(
          await call('PUT', `${org}/members/usr_athlete1`, { as: 'coach', body: { level: 'x' } }),
          'updateOrganizationMember',
          404,
          {
            code: 'NOT_FOUND',
            validRequest: true,
          },
        );
        expectApi(
          await call('PUT', `${org}/members/${leo}`, { as: 'coach', body: { coach_notes: huge } }),
          'updateOrganizationMember',
          413,
          {
            code: 'PAYLOAD_TOO_LARGE',
          },
        );
        expectApi(
          await call('PUT', `${org}/members/${leo}`, { as: 'coach', body: 'x', contentType: 'text/plain' }),
          'updateOrganizationMember',
          415,
          {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          },
        );
      });

      it('deleteOrganizationMember: 200, then 404; 403 for the head coach; 400, 401', async () => {
        const leaving = await newMember('leaving');
        expectApi(await call('DELETE', `${org}/members/${leaving.userId}`, { as: 'org' }), 'deleteOrganizationMember', 200);
        expectApi(await call('DELETE', `${org}/members/${leaving.userId}`, { as: 'coach' }), 'deleteOrganizationMember', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(await call('GET', org, { bearer: leaving.token }), 'getOrganization', 404, { code: 'NOT_FOUND', validRequest: true });
        expectApi(await call('DELETE', `${org}/members/${headCoach}`, { as: 'coach' }), 'deleteOrganizationMember', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('DELETE', `${org}/members/nope`, { as: 'coach' }), 'deleteOrganizationMember', 400, { field: 'user_id' });
        expectApi(await call('DELETE', `${org}/members/${leo}`, { as: 'none' }), 'deleteOrganizationMember', 401, { code: 'UNAUTHORIZED' });
      });

      it('updateOrganizationMemberRole: 200 promote and demote; 400, 401, 403 for the key, 404, 413, 415', async () => {
        const member = await newMember('promoted');
        const path = `${org}/members/${member.userId}/role`;
        expectApi(await call('PUT', path, { as: 'coach', body: { role: 'assistant_coach' } }), 'updateOrganizationMemberRole', 200);
        expectApi(await call('PUT', path, { as: 'admin', body: { role: 'athlete' } }), 'updateOrganizationMemberRole', 200);
        expectApi(await call('PUT', path, { as: 'coach', body: { role: 'head_coach' } }), 'updateOrganizationMemberRole', 400, {
          field: 'role',
        });
        expectApi(await call('PUT', path, { as: 'none', body: { role: 'coach' } }), 'updateOrganizationMemberRole', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('PUT', path, { as: 'org', body: { role: 'coach' } }), 'updateOrganizationMemberRole', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key', // Prism: a scheme the operation does not list
        });
        expectApi(
          await call('PUT', `${org}/members/usr_athlete1/role`, { as: 'coach', body: { role: 'coach' } }),
          'updateOrganizationMemberRole',
          404,
          {
            code: 'NOT_FOUND',
            validRequest: true,
          },
        );
        expectApi(await call('PUT', path, { as: 'coach', body: { role: huge } }), 'updateOrganizationMemberRole', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('PUT', path, { as: 'coach', body: 'x', contentType: 'text/plain' }), 'updateOrganizationMemberRole', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });

      it('updateOrganizationMemberCoach: 200; 400 for a coach_id that coaches no one here; 401, 403, 404, 413, 415', async () => {
        const member = await newMember('coached');
        const path = `${org}/members/${member.userId}/coach`;
        const assigned = await call('PUT', path, { as: 'org', body: { coach_id: assistantCoach } });
        expectApi(assigned, 'updateOrganizationMemberCoach', 200);
        expect(assigned.body.data.coach_id).toBe(assistantCoach);
        expectApi(await call('PUT', path, { as: 'coach', body: { coach_id: ines } }), 'updateOrganizationMemberCoach', 400, {
          field: 'coach_id',
          validRequest: true,
        });
        expectApi(await call('PUT', path, { as: 'none', body: { coach_id: null } }), 'updateOrganizationMemberCoach', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('PUT', path, { as: 'assistant', body: { coach_id: null } }), 'updateOrganizationMemberCoach', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(
          await call('PUT', `${org}/members/usr_athlete1/coach`, { as: 'coach', body: { coach_id: null } }),
          'updateOrganizationMemberCoach',
          404,
          {
            code: 'NOT_FOUND',
            validRequest: true,
          },
        );
        expectApi(await call('PUT', path, { as: 'coach', body: { coach_id: huge } }), 'updateOrganizationMemberCoach', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('PUT', path, { as: 'coach', body: 'x', contentType: 'text/plain' }), 'updateOrganizationMemberCoach', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
    });

    describe('API keys', () => {
      it('create (201, the secret once), list (200, no secret), revoke (200, then the key is a 401 and the id a 404)', async () => {
        const created = await call('POST', `${org}/api-keys`, {
          as: 'coach',
          body: { name: 'Contract key', expires_at: '2099-01-01T00:00:00Z' },
        });
        expectApi(created, 'createOrganizationApiKey', 201);
        const { data, secret } = created.body;
        expect(secret).toMatch(/^astral_live_/);
        const listed = await call('GET', `${org}/api-keys`, { as: 'admin' });
        expectApi(listed, 'listOrganizationApiKeys', 200);
        expect(JSON.stringify(listed.body)).not.toContain(secret);
        expect((await call('GET', `${org}/members`, { headers: { 'X-API-Key': secret }, as: 'none' })).status).toBe(200);
        expectApi(await call('DELETE', `${org}/api-keys/${data.key_id}`, { as: 'coach' }), 'deleteOrganizationApiKey', 200);
        expectApi(await call('GET', org, { as: 'none', headers: { 'X-API-Key': secret } }), 'getOrganization', 401, {
          code: 'UNAUTHORIZED',
          validRequest: true,
        });
        expectApi(await call('DELETE', `${org}/api-keys/${data.key_id}`, { as: 'coach' }), 'deleteOrganizationApiKey', 404, {
          code: 'NOT_FOUND',
          field: 'key_id',
          validRequest: true,
        });
      });
      it('createOrganizationApiKey: 400 (a past expiry, no name), 401, 403 for a key and an assistant, 404 outside, 409 over 50 keys, 413, 415', async () => {
        const path = `${org}/api-keys`;
        expectApi(
          await call('POST', path, { as: 'coach', body: { name: 'Old', expires_at: '2020-01-01T00:00:00Z' } }),
          'createOrganizationApiKey',
          400,
          {
            field: 'expires_at',
            validRequest: true,
          },
        );
        expectApi(await call('POST', path, { as: 'coach', body: {} }), 'createOrganizationApiKey', 400, { field: 'name' });
        expectApi(await call('POST', path, { as: 'none', body: { name: 'X' } }), 'createOrganizationApiKey', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('POST', path, { as: 'org', body: { name: 'X' } }), 'createOrganizationApiKey', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key', // Prism: a scheme the operation does not list
        });
        expectApi(await call('POST', path, { as: 'assistant', body: { name: 'X' } }), 'createOrganizationApiKey', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('POST', path, { as: 'athlete', body: { name: 'X' } }), 'createOrganizationApiKey', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(await call('POST', path, { as: 'coach', body: { name: huge } }), 'createOrganizationApiKey', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', path, { as: 'coach', body: 'x', contentType: 'text/plain' }), 'createOrganizationApiKey', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
        // A fresh organization of its own, filled to the limit, so the seeded one keeps room.
        const owner = await signUp('keylimit');
        const own = (await call('POST', '/organizations', { bearer: owner.token, body: { name: 'Key Limit Club' } })).body.data.org_id;
        const made: string[] = [];
        for (let n = 0; ; n++) {
          const reply = await call('POST', `/organizations/${own}/api-keys`, { bearer: owner.token, body: { name: `Key ${n}` } });
          if (reply.status !== 201) {
            expectApi(reply, 'createOrganizationApiKey', 409, { code: 'CONFLICT', validRequest: true });
            break;
          }
          made.push(reply.body.data.key_id);
          expect(made.length).toBeLessThanOrEqual(50);
        }
        expect(made).toHaveLength(50);
      });
      it('listOrganizationApiKeys and deleteOrganizationApiKey: 400, 401, 403, 404', async () => {
        expectApi(await call('GET', '/organizations/bad/api-keys', { as: 'coach' }), 'listOrganizationApiKeys', 400, { field: 'org_id' });
        expectApi(await call('GET', `${org}/api-keys`, { as: 'none' }), 'listOrganizationApiKeys', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', `${org}/api-keys`, { as: 'org' }), 'listOrganizationApiKeys', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key', // Prism: a scheme the operation does not list
        });
        expectApi(await call('GET', `${org}/api-keys`, { as: 'athlete' }), 'listOrganizationApiKeys', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(await call('DELETE', `${org}/api-keys/bad`, { as: 'coach' }), 'deleteOrganizationApiKey', 400, { field: 'key_id' });
        expectApi(await call('DELETE', `${org}/api-keys/key_devorgkey`, { as: 'none' }), 'deleteOrganizationApiKey', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('DELETE', `${org}/api-keys/key_devorgkey`, { as: 'org' }), 'deleteOrganizationApiKey', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key', // Prism: a scheme the operation does not list
        });
        expectApi(await call('DELETE', `${org}/api-keys/key_devorgkey`, { as: 'member' }), 'deleteOrganizationApiKey', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
      });
    });

    describe('invitations', () => {
      it('a link (201, token once), listed (200, no token), accepted (200), used up (400 INVALID_TOKEN), revoked (200, then 404)', async () => {
        const created = await call('POST', `${org}/invitations`, {
          as: 'coach',
          body: { max_uses: 1, expires_at: '2099-01-01T00:00:00Z', group_id: 'grp_marathon2026' },
        });
        expectApi(created, 'createOrganizationInvitation', 400, { field: 'expires_at', validRequest: true });
        const link = await call('POST', `${org}/invitations`, { as: 'assistant', body: { max_uses: 1, group_id: 'grp_marathon2026' } });
        expectApi(link, 'createOrganizationInvitation', 201);
        const { data, token } = link.body;
        const listed = await call('GET', `${org}/invitations?limit=100`, { as: 'coach' });
        expectApi(listed, 'listOrganizationInvitations', 200);
        expect(JSON.stringify(listed.body)).not.toContain(token);
        const joiner = await signUp('invjoin');
        const joined = await call('POST', '/invitations/accept', { bearer: joiner.token, body: { token } });
        expectApi(joined, 'acceptInvitation', 200);
        expect(joined.body.data).toMatchObject({ user_id: joiner.userId, org_id: 'org_alpineclub', role: 'athlete' });
        const late = await signUp('invlate');
        expectApi(await call('POST', '/invitations/accept', { bearer: late.token, body: { token } }), 'acceptInvitation', 400, {
          code: 'INVALID_TOKEN',
          field: 'token',
          validRequest: true,
        });
        expectApi(await call('DELETE', `${org}/invitations/${data.invitation_id}`, { as: 'org' }), 'deleteOrganizationInvitation', 200);
        expectApi(await call('DELETE', `${org}/invitations/${data.invitation_id}`, { as: 'coach' }), 'deleteOrganizationInvitation', 404, {
          code: 'NOT_FOUND',
          field: 'invitation_id',
          validRequest: true,
        });
      });
      it('an emailed invitation arrives through the mail catcher; another account is a 403, a member a 409', async () => {
        const invitee = await signUp('invmail');
        const created = await call('POST', `${org}/invitations`, { as: 'coach', body: { email: invitee.email } });
        expectApi(created, 'createOrganizationInvitation', 201);
        expect(created.body.token).toBeUndefined();
        const token = await emailedToken(invitee.email, /invited/i);
        const other = await signUp('invother');
        expectApi(await call('POST', '/invitations/accept', { bearer: other.token, body: { token } }), 'acceptInvitation', 403, {
          code: 'FORBIDDEN',
          field: 'token',
          validRequest: true,
        });
        expectApi(await call('POST', '/invitations/accept', { as: 'member', body: { token } }), 'acceptInvitation', 409, {
          code: 'CONFLICT',
          validRequest: true,
        });
        expectApi(await call('POST', '/invitations/accept', { bearer: invitee.token, body: { token } }), 'acceptInvitation', 200);
      });
      it('acceptInvitation: 400 (no token), 401 (no credentials), 403 (an API key), 413, 415', async () => {
        expectApi(await call('POST', '/invitations/accept', { as: 'athlete', body: {} }), 'acceptInvitation', 400, { field: 'token' });
        expectApi(await call('POST', '/invitations/accept', { as: 'none', body: { token: 'inv_nothing1' } }), 'acceptInvitation', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('POST', '/invitations/accept', { as: 'org', body: { token: 'inv_nothing1' } }), 'acceptInvitation', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key',
        });
        expectApi(await call('POST', '/invitations/accept', { as: 'athlete', body: { token: huge } }), 'acceptInvitation', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(
          await call('POST', '/invitations/accept', { as: 'athlete', body: 'x', contentType: 'text/plain' }),
          'acceptInvitation',
          415,
          {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          },
        );
      });
      it('create, list and revoke: 400, 401, 403 for an athlete member, 404 outside (and for a group of nowhere), 413, 415', async () => {
        const path = `${org}/invitations`;
        // A link without max_uses: the contract refuses it too (InvitationCreate's if/else).
        expectApi(await call('POST', path, { as: 'coach', body: {} }), 'createOrganizationInvitation', 400, {
          field: 'max_uses',
          validRequest: false,
        });
        expectApi(await call('POST', path, { as: 'none', body: { max_uses: 2 } }), 'createOrganizationInvitation', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('POST', path, { as: 'member', body: { max_uses: 2 } }), 'createOrganizationInvitation', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('POST', path, { as: 'athlete', body: { max_uses: 2 } }), 'createOrganizationInvitation', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(
          await call('POST', path, { as: 'coach', body: { max_uses: 2, group_id: 'grp_nowhere' } }),
          'createOrganizationInvitation',
          404,
          {
            code: 'NOT_FOUND',
            field: 'group_id',
            validRequest: true,
          },
        );
        expectApi(await call('POST', path, { as: 'coach', body: { max_uses: huge } }), 'createOrganizationInvitation', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', path, { as: 'coach', body: 'x', contentType: 'text/plain' }), 'createOrganizationInvitation', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
        expectApi(await call('GET', '/organizations/bad/invitations', { as: 'coach' }), 'listOrganizationInvitations', 400, {
          field: 'org_id',
        });
        expectApi(await call('GET', path, { as: 'none' }), 'listOrganizationInvitations', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', path, { as: 'member' }), 'listOrganizationInvitations', 403, { code: 'FORBIDDEN', validRequest: true });
        expectApi(await call('GET', path, { as: 'athlete' }), 'listOrganizationInvitations', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(await call('DELETE', `${path}/bad`, { as: 'coach' }), 'deleteOrganizationInvitation', 400, { field: 'invitation_id' });
        expectApi(await call('DELETE', `${path}/inv_devjoinlink`, { as: 'none' }), 'deleteOrganizationInvitation', 401, {
          code: 'UNAUTHORIZED',
        });
        expectApi(await call('DELETE', `${path}/inv_devjoinlink`, { as: 'member' }), 'deleteOrganizationInvitation', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
      });
    });

    describe('groups', () => {
      it('createGroup: 201, replayed, 422; 409 for a taken name; 400, 401, 403, 404, 413, 415', async () => {
        const name = `Contract squad ${Date.now()}`;
        const headers = { 'Idempotency-Key': `ct-group-${Date.now()}` };
        const created = await call('POST', '/groups', { as: 'assistant', headers, body: { name, members: [leo] } });
        expectApi(created, 'createGroup', 201);
        expect(created.body.data).toMatchObject({ owner_id: assistantCoach, members: [leo] });
        expectApi(await call('POST', '/groups', { as: 'assistant', headers, body: { name, members: [leo] } }), 'createGroup', 201);
        expectApi(await call('POST', '/groups', { as: 'assistant', headers, body: { name } }), 'createGroup', 422, {
          code: 'IDEMPOTENCY_KEY_REUSED',
          validRequest: true,
        });
        expectApi(await call('POST', '/groups', { as: 'coach', body: { name: name.toUpperCase() } }), 'createGroup', 409, {
          code: 'CONFLICT',
          field: 'name',
          validRequest: true,
        });
        expectApi(await call('POST', '/groups', { as: 'coach', body: { name: 'X', members: ['usr_athlete1'] } }), 'createGroup', 400, {
          field: 'members',
          validRequest: true,
        });
        expectApi(await call('POST', '/groups', { as: 'coach', body: {} }), 'createGroup', 400, { field: 'name' });
        expectApi(await call('POST', '/groups', { as: 'none', body: { name: 'X' } }), 'createGroup', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('POST', '/groups', { as: 'member', body: { name: 'X' } }), 'createGroup', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('POST', '/groups', { as: 'athlete', body: { name: 'X', org_id: 'org_alpineclub' } }), 'createGroup', 404, {
          code: 'NOT_FOUND',
          field: 'org_id',
          validRequest: true,
        });
        expectApi(await call('POST', '/groups', { as: 'coach', body: { name: 'X', description: huge } }), 'createGroup', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', '/groups', { as: 'coach', body: 'x', contentType: 'text/plain' }), 'createGroup', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
      it('getGroup, listOrganizationGroups: 200; 403 for a private group and a suspended member; 400, 401, 404', async () => {
        const hidden = (await call('POST', '/groups', { as: 'coach', body: { name: `Hidden ${Date.now()}`, privacy: 'private' } })).body
          .data.group_id;
        expectApi(await call('GET', '/groups/grp_marathon2026', { as: 'member' }), 'getGroup', 200);
        expectApi(await call('GET', `/groups/${hidden}`, { as: 'member' }), 'getGroup', 403, { code: 'FORBIDDEN', validRequest: true });
        expectApi(await call('GET', '/groups/bad', { as: 'coach' }), 'getGroup', 400, { field: 'group_id' });
        expectApi(await call('GET', '/groups/grp_marathon2026', { as: 'none' }), 'getGroup', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', '/groups/grp_marathon2026', { as: 'athlete' }), 'getGroup', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        const listed = await call('GET', `${org}/groups?limit=100`, { as: 'member' });
        expectApi(listed, 'listOrganizationGroups', 200);
        expect(listed.body.data.map((g: { group_id: string }) => g.group_id)).not.toContain(hidden);
        expectApi(await call('GET', `${org}/groups?limit=0`, { as: 'coach' }), 'listOrganizationGroups', 400, { field: 'limit' });
        expectApi(await call('GET', `${org}/groups`, { as: 'none' }), 'listOrganizationGroups', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', `${org}/groups`, { as: 'athlete' }), 'listOrganizationGroups', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        const suspended = await newMember('groupsuspended');
        await call('PUT', `${org}/members/${suspended.userId}`, { as: 'coach', body: { status: 'suspended' } });
        expectApi(await call('GET', `${org}/groups`, { bearer: suspended.token }), 'listOrganizationGroups', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
      });
      it('updateGroup and deleteGroup: 200 for the owner; 403 for others; 409 for a taken name; 400, 401, 404, 413, 415', async () => {
        const group = (await call('POST', '/groups', { as: 'assistant', body: { name: `Owned ${Date.now()}` } })).body.data.group_id;
        const path = `/groups/${group}`;
        expectApi(await call('PUT', path, { as: 'assistant', body: { members: [leo, ines] } }), 'updateGroup', 200);
        expectApi(await call('PUT', path, { as: 'member', body: { name: 'Mine' } }), 'updateGroup', 403, {
          code: 'FORBIDDEN',
          validRequest: true,
        });
        expectApi(await call('PUT', path, { as: 'coach', body: { name: 'spring MARATHON squad' } }), 'updateGroup', 409, {
          code: 'CONFLICT',
          validRequest: true,
        });
        expectApi(await call('PUT', path, { as: 'coach', body: {} }), 'updateGroup', 400, { code: 'VALIDATION_ERROR' });
        expectApi(await call('PUT', path, { as: 'none', body: { name: 'X' } }), 'updateGroup', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('PUT', path, { as: 'athlete', body: { name: 'X' } }), 'updateGroup', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
        expectApi(await call('PUT', path, { as: 'coach', body: { description: huge } }), 'updateGroup', 413, { code: 'PAYLOAD_TOO_LARGE' });
        expectApi(await call('PUT', path, { as: 'coach', body: 'x', contentType: 'text/plain' }), 'updateGroup', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
        expectApi(await call('DELETE', path, { as: 'member' }), 'deleteGroup', 403, { code: 'FORBIDDEN', validRequest: true });
        expectApi(await call('DELETE', '/groups/bad', { as: 'coach' }), 'deleteGroup', 400, { field: 'group_id' });
        expectApi(await call('DELETE', path, { as: 'none' }), 'deleteGroup', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('DELETE', path, { as: 'org' }), 'deleteGroup', 200);
        expectApi(await call('DELETE', path, { as: 'coach' }), 'deleteGroup', 404, { code: 'NOT_FOUND', validRequest: true });
      });
    });

    describe('listOrganizationAuditEvents', () => {
      it('200 for the head coach, paged; 400, 401, 403 for the key, 404 outside', async () => {
        const first = await call('GET', `${org}/audit-events?limit=1`, { as: 'coach' });
        expectApi(first, 'listOrganizationAuditEvents', 200);
        expect(first.body.metadata.next_cursor).toEqual(expect.any(String));
        expectApi(
          await call('GET', `${org}/audit-events?cursor=${first.body.metadata.next_cursor}`, { as: 'admin' }),
          'listOrganizationAuditEvents',
          200,
        );
        expectApi(await call('GET', `${org}/audit-events?cursor=bm9wZQ`, { as: 'coach' }), 'listOrganizationAuditEvents', 400, {
          field: 'cursor',
          validRequest: true,
        });
        expectApi(await call('GET', `${org}/audit-events`, { as: 'none' }), 'listOrganizationAuditEvents', 401, { code: 'UNAUTHORIZED' });
        expectApi(await call('GET', `${org}/audit-events`, { as: 'org' }), 'listOrganizationAuditEvents', 403, {
          code: 'FORBIDDEN',
          field: 'X-API-Key', // Prism: a scheme the operation does not list
        });
        expectApi(await call('GET', `${org}/audit-events`, { as: 'athlete' }), 'listOrganizationAuditEvents', 404, {
          code: 'NOT_FOUND',
          validRequest: true,
        });
      });
    });
  });
}
