// (b, continued) Accounts and users through the sandbox: sign-up by email (the token read
// from the email the API sent over SMTP), login, refresh, logout, password reset, the
// Firebase exchange against a local OpenID Connect issuer, and profiles. Every documented
// status of each operation, checked by the API's own answer and by Prism's verdict.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { CoverageRecorder } from './support/coverage.js';
import { emailedToken, emailsTo } from './support/mailbox.js';
import { signIdToken } from './support/oidc-issuer.js';
import { apiExpectation, call } from './support/sandbox.js';

const run = `${Date.now().toString(36)}${process.pid}`;
let counter = 0;
/** An address no other test (or run) uses. */
const freshEmail = (label: string) => `ct_${label}_${run}_${++counter}@example.com`;
const password = 'Tempo-Run-2025';
const huge = 'x'.repeat(1_100_000);

/** Signs a new user up end to end; their address, token and id. */
export async function signUp(label: string): Promise<{ email: string; token: string; userId: string }> {
  const email = freshEmail(label);
  expect((await call('POST', '/auth/request-verification', { as: 'none', body: { email } })).status).toBe(200);
  const verification = await emailedToken(email, /confirm/i);
  const done = await call('POST', '/auth/complete-signup', { as: 'none', body: { token: verification, password } });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return { email, token: done.body.access_token, userId: done.body.user_id };
}

export function accountsAgainstContract(recorder: CoverageRecorder): void {
  const expectApi = apiExpectation(recorder);

  describe('accounts behind the validating proxy', () => {
    describe('requestVerification', () => {
      it('200 with the rate-limit headers, and the email carries a usable token', async () => {
        const email = freshEmail('verify');
        const sent = await call('POST', '/auth/request-verification', { as: 'none', body: { email } });
        expectApi(sent, 'requestVerification', 200);
        expect(sent.body).toEqual({ message: expect.any(String), expires_in: 86400 });
        expect(sent.headers.get('ratelimit-policy')).toBe('"verification";q=3;w=3600');
        expect(sent.headers.get('ratelimit')).toBe('"verification";r=2;t=0');
        const token = await emailedToken(email, /confirm/i);
        expectApi(await call('POST', '/auth/verify-token', { as: 'none', body: { token } }), 'verifyToken', 200);
      });
      it('the same 200 for an address that has an account (the description: no account probing)', async () => {
        const { email } = await signUp('taken');
        const again = await call('POST', '/auth/request-verification', { as: 'none', body: { email: email.toUpperCase() } });
        expectApi(again, 'requestVerification', 200);
        expect(again.body).toEqual({ message: expect.any(String), expires_in: 86400 });
      });
      it('429 on the fourth request for one address within the hour; other addresses are not affected', async () => {
        const email = freshEmail('limit');
        for (let i = 0; i < 3; i++)
          expect((await call('POST', '/auth/request-verification', { as: 'none', body: { email } })).status).toBe(200);
        const fourth = await call('POST', '/auth/request-verification', { as: 'none', body: { email } });
        expectApi(fourth, 'requestVerification', 429, { code: 'RATE_LIMITED', validRequest: true });
        expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(fourth.headers.get('ratelimit')).toMatch(/^"verification";r=0;t=\d+$/);
        const other = await call('POST', '/auth/request-verification', { as: 'none', body: { email: freshEmail('other') } });
        expect(other.status).toBe(200);
        expect(await emailsTo(email, 3)).toBe(3);
      });
      it('the same Idempotency-Key replays the answer (one email); with another body it is a 422', async () => {
        const email = freshEmail('idem');
        const headers = { 'Idempotency-Key': `ct-${run}-verification` };
        const first = await call('POST', '/auth/request-verification', { as: 'none', body: { email }, headers });
        const retry = await call('POST', '/auth/request-verification', { as: 'none', body: { email }, headers });
        expect([first.status, retry.status]).toEqual([200, 200]);
        expect(retry.body).toEqual(first.body);
        await emailedToken(email, /confirm/i);
        expect(await emailsTo(email, 1)).toBe(1);
        const other = await call('POST', '/auth/request-verification', { as: 'none', body: { email: freshEmail('idem2') }, headers });
        expectApi(other, 'requestVerification', 422, { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key', validRequest: true });
      });
      it('400 on a malformed address and on bad JSON, 413, 415', async () => {
        const path = '/auth/request-verification';
        expectApi(await call('POST', path, { as: 'none', body: { email: 'not-an-email' } }), 'requestVerification', 400, {
          code: 'VALIDATION_ERROR',
          field: 'email',
        });
        expectApi(await call('POST', path, { as: 'none', body: '{"email":' }), 'requestVerification', 400, { code: 'INVALID_JSON' });
        expectApi(await call('POST', path, { as: 'none', body: { email: `${huge}@example.com` } }), 'requestVerification', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', path, { as: 'none', body: 'email=x', contentType: 'text/plain' }), 'requestVerification', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
    });

    describe('verifyToken and completeSignup', () => {
      it('the emailed token is valid until used; a used token is reported invalid and refused', async () => {
        const email = freshEmail('signup');
        await call('POST', '/auth/request-verification', { as: 'none', body: { email } });
        const token = await emailedToken(email, /confirm/i);
        const check = await call('POST', '/auth/verify-token', { as: 'none', body: { token } });
        expectApi(check, 'verifyToken', 200);
        expect(check.body).toEqual({ valid: true, email });
        const created = await call('POST', '/auth/complete-signup', {
          as: 'none',
          body: { token, password, display_name: 'Contract Runner' },
        });
        expectApi(created, 'completeSignup', 201);
        expect(created.body).toMatchObject({ token_type: 'Bearer', is_new_user: true, credentials: { email, is_verified: true } });
        expect(created.body.profile.display_name).toBe('Contract Runner');
        const me = await call('GET', '/auth/me', { bearer: created.body.access_token });
        expect(me.body.user_id).toBe(created.body.user_id);
        const used = await call('POST', '/auth/verify-token', { as: 'none', body: { token } });
        expect(used.body).toMatchObject({ valid: false, error: expect.any(String) });
        const again = await call('POST', '/auth/complete-signup', { as: 'none', body: { token, password } });
        expectApi(again, 'completeSignup', 400, { code: 'INVALID_TOKEN', field: 'token', validRequest: true });
      });
      it('400 on a weak password (naming password) and a malformed token; 409 on a taken username', async () => {
        const email = freshEmail('weak');
        await call('POST', '/auth/request-verification', { as: 'none', body: { email } });
        const token = await emailedToken(email, /confirm/i);
        expectApi(
          await call('POST', '/auth/complete-signup', { as: 'none', body: { token, password: 'alllowercase1' } }),
          'completeSignup',
          400,
          {
            code: 'VALIDATION_ERROR',
            field: 'password',
          },
        );
        expectApi(await call('POST', '/auth/verify-token', { as: 'none', body: { token: 'x' } }), 'verifyToken', 400, {
          code: 'VALIDATION_ERROR',
          field: 'token',
        });
        const taken = await call('GET', '/users/usr_athlete1');
        const clash = await call('POST', '/auth/complete-signup', {
          as: 'none',
          body: { token, password, username: String(taken.body.data.username).toUpperCase() },
        });
        expectApi(clash, 'completeSignup', 409, { code: 'CONFLICT', field: 'username', validRequest: true });
      });
      it('413 and 415 on both', async () => {
        for (const [operationId, path] of [
          ['verifyToken', '/auth/verify-token'],
          ['completeSignup', '/auth/complete-signup'],
        ] as const) {
          expectApi(await call('POST', path, { as: 'none', body: { token: huge, password } }), operationId, 413, {
            code: 'PAYLOAD_TOO_LARGE',
          });
          expectApi(await call('POST', path, { as: 'none', body: 'token=x', contentType: 'text/plain' }), operationId, 415, {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          });
        }
      });
    });

    describe('login, refreshToken and logout', () => {
      it('login 200; refresh replaces the token at once; logout ends the session at once', async () => {
        const { email } = await signUp('session');
        const login = await call('POST', '/auth/login', { as: 'none', body: { email, password } });
        expectApi(login, 'login', 200);
        const first = login.body.access_token as string;
        const refreshed = await call('POST', '/auth/token/refresh', { bearer: first });
        expectApi(refreshed, 'refreshToken', 200);
        expect(refreshed.body.token_type).toBe('Bearer');
        expectApi(await call('GET', '/auth/me', { bearer: first }), 'getMe', 401, { code: 'UNAUTHORIZED', validRequest: true });
        const second = refreshed.body.access_token as string;
        expectApi(await call('POST', '/auth/logout', { bearer: second }), 'logout', 200);
        expectApi(await call('POST', '/auth/logout', { bearer: second }), 'logout', 401, { code: 'UNAUTHORIZED', validRequest: true });
        expectApi(await call('POST', '/auth/token/refresh', { bearer: second }), 'refreshToken', 401, {
          code: 'UNAUTHORIZED',
          validRequest: true,
        });
      });
      it('a wrong password and an unknown address get the same 401', async () => {
        const { email } = await signUp('wrong');
        const wrong = await call('POST', '/auth/login', { as: 'none', body: { email, password: 'Wrong-Pass-1' } });
        const unknown = await call('POST', '/auth/login', { as: 'none', body: { email: freshEmail('nobody'), password } });
        expectApi(wrong, 'login', 401, { code: 'UNAUTHORIZED', validRequest: true });
        expectApi(unknown, 'login', 401, { code: 'UNAUTHORIZED', validRequest: true });
        expect(unknown.body).toEqual(wrong.body);
      });
      it('429 after five failed attempts for one address, even with the right password', async () => {
        const { email } = await signUp('throttle');
        for (let i = 0; i < 5; i++) {
          expect((await call('POST', '/auth/login', { as: 'none', body: { email, password: `Wrong-Pass-${i}` } })).status).toBe(401);
        }
        const blocked = await call('POST', '/auth/login', { as: 'none', body: { email, password } });
        expectApi(blocked, 'login', 429, { code: 'RATE_LIMITED', validRequest: true });
        expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      });
      it('400, 413, 415 on login; 403 refreshing or ending a development token', async () => {
        expectApi(await call('POST', '/auth/login', { as: 'none', body: { email: 'maya@example.com' } }), 'login', 400, {
          code: 'VALIDATION_ERROR',
          field: 'password',
        });
        expectApi(await call('POST', '/auth/login', { as: 'none', body: { email: 'a@example.com', password: huge } }), 'login', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', '/auth/login', { as: 'none', body: 'x', contentType: 'text/plain' }), 'login', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
        expectApi(await call('POST', '/auth/token/refresh'), 'refreshToken', 403, { code: 'FORBIDDEN', validRequest: true });
        expectApi(await call('POST', '/auth/logout'), 'logout', 403, { code: 'FORBIDDEN', validRequest: true });
        expect((await call('GET', '/auth/me')).status).toBe(200);
      });
    });

    describe('requestPasswordReset and resetPassword', () => {
      it('the same 200 for known and unknown addresses; the emailed token sets the password and ends every session', async () => {
        const { email, token: session } = await signUp('reset');
        const known = await call('POST', '/auth/request-password-reset', { as: 'none', body: { email } });
        const unknown = await call('POST', '/auth/request-password-reset', { as: 'none', body: { email: freshEmail('ghost') } });
        expectApi(known, 'requestPasswordReset', 200);
        expectApi(unknown, 'requestPasswordReset', 200);
        expect(unknown.body).toEqual(known.body);
        const token = await emailedToken(email, /reset/i);
        const newPassword = 'Long-Run-Sunday-7';
        expectApi(await call('POST', '/auth/reset-password', { as: 'none', body: { token, password: newPassword } }), 'resetPassword', 200);
        expect((await call('GET', '/auth/me', { bearer: session })).status).toBe(401);
        expect((await call('POST', '/auth/login', { as: 'none', body: { email, password: newPassword } })).status).toBe(200);
        const reused = await call('POST', '/auth/reset-password', { as: 'none', body: { token, password: newPassword } });
        expectApi(reused, 'resetPassword', 400, { code: 'INVALID_TOKEN', field: 'token', validRequest: true });
      });
      it('429 on the fourth request for one address; 422 for a reused Idempotency-Key', async () => {
        const email = freshEmail('reset_limit');
        for (let i = 0; i < 3; i++)
          expect((await call('POST', '/auth/request-password-reset', { as: 'none', body: { email } })).status).toBe(200);
        expectApi(await call('POST', '/auth/request-password-reset', { as: 'none', body: { email } }), 'requestPasswordReset', 429, {
          code: 'RATE_LIMITED',
          validRequest: true,
        });
        const headers = { 'Idempotency-Key': `ct-${run}-reset` };
        await call('POST', '/auth/request-password-reset', { as: 'none', body: { email: freshEmail('r1') }, headers });
        expectApi(
          await call('POST', '/auth/request-password-reset', { as: 'none', body: { email: freshEmail('r2') }, headers }),
          'requestPasswordReset',
          422,
          {
            code: 'IDEMPOTENCY_KEY_REUSED',
            validRequest: true,
          },
        );
      });
      it('400, 413, 415 on both', async () => {
        for (const [operationId, path, body] of [
          ['requestPasswordReset', '/auth/request-password-reset', { email: 'nope' }],
          [
            'resetPassword',
            '/auth/reset-password',
            { token: 'astral_pr_0d5sDIakY7nS36mnVukhzYbJzryLmm5TKRVY1wze0aExcb', password: 'short' },
          ],
        ] as const) {
          const field = operationId === 'resetPassword' ? 'password' : 'email';
          expectApi(await call('POST', path, { as: 'none', body }), operationId, 400, { code: 'VALIDATION_ERROR', field });
          expectApi(await call('POST', path, { as: 'none', body: { email: huge } }), operationId, 413, { code: 'PAYLOAD_TOO_LARGE' });
          expectApi(await call('POST', path, { as: 'none', body: 'x', contentType: 'text/plain' }), operationId, 415, {
            code: 'UNSUPPORTED_MEDIA_TYPE',
          });
        }
      });
    });

    describe('exchangeFirebaseToken', () => {
      const oidc = () => inject('oidc');
      it('201 creates the user, 200 finds them again; the token works', async () => {
        const email = freshEmail('firebase');
        const idToken = await signIdToken(oidc(), `fb_${run}`, { email, email_verified: true });
        const created = await call('POST', '/auth/signup', { as: 'none', body: { firebase_id_token: idToken } });
        expectApi(created, 'exchangeFirebaseToken', 201);
        expect(created.body.is_new_user).toBe(true);
        const again = await call('POST', '/auth/signup', {
          as: 'none',
          body: { firebase_id_token: idToken, profile_data: { membership_role: 'coach' } },
        });
        expectApi(again, 'exchangeFirebaseToken', 200);
        expect(again.body).toMatchObject({ is_new_user: false, user_id: created.body.user_id, profile: { membership_role: 'coach' } });
        expect((await call('GET', '/auth/me', { bearer: again.body.access_token })).status).toBe(200);
      });
      it('400 INVALID_TOKEN for a token from another issuer or without a verified email; 413, 415', async () => {
        const unverified = await signIdToken(oidc(), `fb_u_${run}`, { email: freshEmail('unverified'), email_verified: false });
        expectApi(
          await call('POST', '/auth/signup', { as: 'none', body: { firebase_id_token: unverified } }),
          'exchangeFirebaseToken',
          400,
          {
            code: 'INVALID_TOKEN',
            field: 'firebase_id_token',
            validRequest: true,
          },
        );
        const forged = await signIdToken({ ...oidc(), issuer: 'https://evil.example.com' }, 'fb_x', {
          email: 'x@example.com',
          email_verified: true,
        });
        expectApi(await call('POST', '/auth/signup', { as: 'none', body: { firebase_id_token: forged } }), 'exchangeFirebaseToken', 400, {
          code: 'INVALID_TOKEN',
          field: 'firebase_id_token',
          validRequest: true,
        });
        expectApi(await call('POST', '/auth/signup', { as: 'none', body: { firebase_id_token: huge } }), 'exchangeFirebaseToken', 413, {
          code: 'PAYLOAD_TOO_LARGE',
        });
        expectApi(await call('POST', '/auth/signup', { as: 'none', body: 'x', contentType: 'text/plain' }), 'exchangeFirebaseToken', 415, {
          code: 'UNSUPPORTED_MEDIA_TYPE',
        });
      });
    });
  });

  describe('users behind the validating proxy', () => {
    let user: { email: string; token: string; userId: string };
    beforeAll(async () => {
      user = await signUp('profile');
    });

    it('getUser: 200 for yourself and for an admin, 403 for anyone else (existing or not), 404 for an admin on an unknown id', async () => {
      const own = await call('GET', `/users/${user.userId}`, { bearer: user.token });
      expectApi(own, 'getUser', 200);
      expect(own.body.data).toMatchObject({ user_id: user.userId, email: user.email, is_verified: true, roles: ['user'] });
      expectApi(await call('GET', `/users/${user.userId}`, { as: 'admin' }), 'getUser', 200);
      expectApi(await call('GET', `/users/${user.userId}`), 'getUser', 403, { code: 'FORBIDDEN', validRequest: true });
      expectApi(await call('GET', '/users/usr_doesnotexist'), 'getUser', 403, { code: 'FORBIDDEN', validRequest: true });
      expectApi(await call('GET', '/users/usr_doesnotexist', { as: 'admin' }), 'getUser', 404, { code: 'NOT_FOUND', validRequest: true });
      expectApi(await call('GET', '/users/not-a-user'), 'getUser', 400, { code: 'VALIDATION_ERROR', field: 'user_id' });
      expectApi(await call('GET', `/users/${user.userId}`, { as: 'none' }), 'getUser', 401, { code: 'UNAUTHORIZED' });
    });

    it('updateUser: a partial merge kept; 403 for someone else with nothing changed; 409 on a taken username', async () => {
      const updated = await call('PUT', `/users/${user.userId}`, {
        bearer: user.token,
        body: { display_name: 'Renamed Runner', preferences: { unit_system: 'imperial' }, privacy: { share_profile_info: false } },
      });
      expectApi(updated, 'updateUser', 200);
      expect(updated.body.data.preferences).toMatchObject({ unit_system: 'imperial', language: 'en' });
      expect(updated.body.data.privacy).toMatchObject({ share_profile_info: false, share_pb: true });
      const before = await call('GET', `/users/${user.userId}`, { bearer: user.token });
      expectApi(await call('PUT', `/users/${user.userId}`, { as: 'admin', body: { display_name: 'Hijacked' } }), 'updateUser', 403, {
        code: 'FORBIDDEN',
        validRequest: true,
      });
      expect((await call('GET', `/users/${user.userId}`, { bearer: user.token })).body).toEqual(before.body);
      const athlete = await call('GET', '/users/usr_athlete1');
      expectApi(
        await call('PUT', `/users/${user.userId}`, { bearer: user.token, body: { username: athlete.body.data.username } }),
        'updateUser',
        409,
        {
          code: 'CONFLICT',
          field: 'username',
          validRequest: true,
        },
      );
    });

    it('updateUser: 400 on an unknown or read-only field, 401, 413, 415', async () => {
      const path = `/users/${user.userId}`;
      expectApi(await call('PUT', path, { bearer: user.token, body: { email: 'new@example.com' } }), 'updateUser', 400, {
        code: 'VALIDATION_ERROR',
        field: 'email',
      });
      expectApi(await call('PUT', path, { as: 'none', body: { bio: 'x' } }), 'updateUser', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('PUT', path, { bearer: user.token, body: { bio: huge } }), 'updateUser', 413, { code: 'PAYLOAD_TOO_LARGE' });
      expectApi(await call('PUT', path, { bearer: user.token, body: 'x', contentType: 'text/plain' }), 'updateUser', 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
      });
    });

    it('getUserPublicProfile: 200 filtered by the privacy flags, 404 for an unknown user, 400, 401, 403 for an API key', async () => {
      const card = await call('GET', `/users/${user.userId}/public`);
      expectApi(card, 'getUserPublicProfile', 200);
      expect(card.body.data).toMatchObject({ user_id: user.userId, bio: null, profile_image_url: null });
      expect(card.body.data).not.toHaveProperty('email');
      expectApi(await call('GET', '/users/usr_doesnotexist/public'), 'getUserPublicProfile', 404, {
        code: 'NOT_FOUND',
        validRequest: true,
      });
      expectApi(await call('GET', '/users/bad/public'), 'getUserPublicProfile', 400, { code: 'VALIDATION_ERROR', field: 'user_id' });
      expectApi(await call('GET', `/users/${user.userId}/public`, { as: 'none' }), 'getUserPublicProfile', 401, { code: 'UNAUTHORIZED' });
      expectApi(await call('GET', `/users/${user.userId}/public`, { as: 'org' }), 'getUserPublicProfile', 403, {
        code: 'FORBIDDEN',
        field: 'X-API-Key',
      });
    });
  });
}
