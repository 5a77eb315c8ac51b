// Accounts over HTTP, on SQLite and PostgreSQL: sign-up by emailed link, login, refresh,
// logout, password reset and the Firebase exchange, with every rule the contract states
// (single-use tokens, the same 401 for every failed sign-in, revocation on the next request,
// rate limits, Idempotency-Key). Emails are read from the outbox, where the app queues them
// in the transaction of the change (no SMTP_URL here, so they stay queued); the clock is the test's.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { newSecret } from '../src/domain/secrets.js';
import type { OutgoingEmail } from '../src/email/index.js';
import { devSignIn, seedIds } from '../src/seed/build.js';
import { describeOnDatabases } from './databases.js';
import { bearer, errorOf, fixedNow, laneApp } from './helpers.js';
import { startLocalIssuer } from './oidc-issuer.js';

const issuer = await startLocalIssuer();
afterAll(() => issuer.close());

const hour = 3600_000;
/** The token of the one link in an email's plain-text part. */
const tokenIn = (email: OutgoingEmail | undefined) => /[?&]token=([A-Za-z0-9_-]+)/.exec(email?.text ?? '')?.[1];

describeOnDatabases('accounts on $name', (lane) => {
  let clock = fixedNow.getTime();
  const { call, repository, close } = laneApp(lane, { now: () => new Date(clock), oidc: issuer.settings });
  afterAll(() => close());
  beforeEach(() => {
    clock = fixedNow.getTime();
  });
  /** The emails queued since the last call: claimed for a year, so no later call sees them again. */
  const newEmails = async (): Promise<OutgoingEmail[]> =>
    repository.outbox.claimDue(new Date(clock + 48 * hour), { limit: 100, leaseMs: 365 * 24 * hour });

  /** Asks for a sign-up email to `email` and returns the token its link carries. */
  const signupToken = async (email: string) => {
    expect((await call('POST', '/auth/request-verification', 'anonymous', { email })).status).toBe(200);
    const emails = await newEmails();
    expect(emails).toHaveLength(1);
    return tokenIn(emails[0])!;
  };
  const login = (email: string, password: string) => call('POST', '/auth/login', 'anonymous', { email, password });
  const me = (token: string) => call('GET', '/auth/me', bearer(token));

  describe('sign-up by email', () => {
    it('emails a link, checks the token without using it, creates a verified athlete signed in, once', async () => {
      const requested = await call('POST', '/auth/request-verification', 'anonymous', { email: 'lena@example.com' });
      expect(requested.status).toBe(200);
      expect(requested.body).toEqual({ message: 'Verification email sent', expires_in: 86400 });
      expect(requested.headers).toMatchObject({ 'ratelimit-policy': '"verification";q=3;w=3600', ratelimit: '"verification";r=2;t=0' });
      const [email] = (await newEmails()) as [OutgoingEmail];
      expect(email).toMatchObject({ to: 'lena@example.com' });
      expect(email.text).toMatch(/http:\/\/127\.0\.0\.1:5173\/signup\?token=astral_ev_[0-9A-Za-z]{46}/);
      const token = tokenIn(email)!;

      for (let i = 0; i < 2; i++) {
        expect((await call('POST', '/auth/verify-token', 'anonymous', { token })).body).toEqual({ valid: true, email: 'lena@example.com' });
      }
      const created = await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025', first_name: 'Lena' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        token_type: 'Bearer',
        expires_at: '2026-03-16T12:00:00Z',
        is_new_user: true,
        credentials: { email: 'lena@example.com', is_verified: true, is_active: true, roles: ['user'] },
        profile: {
          email: 'lena@example.com',
          username: 'lena',
          display_name: 'lena',
          first_name: 'Lena',
          status: 'active',
          membership_role: 'athlete',
          is_verified: true,
          preferences: { timezone: 'UTC', workout_days: ['tuesday', 'thursday', 'saturday'] },
          subscription: { tier: 'free', started_at: '2026-03-15T12:00:00Z' },
          created_at: '2026-03-15T12:00:00Z',
          last_login_at: '2026-03-15T12:00:00Z',
        },
      });
      expect(created.body.user_id).toMatch(/^usr_[A-Za-z0-9]+$/);
      expect(created.body.access_token).toMatch(/^astral_at_[0-9A-Za-z]{46}$/);
      expect((await me(created.body.access_token)).body).toMatchObject({
        user_id: created.body.user_id,
        role: 'athlete',
        username: 'lena',
      });

      // Single use: the token is gone, for both operations.
      expect(errorOf(await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025' }))).toEqual({
        status: 400,
        code: 'INVALID_TOKEN',
        field: 'token',
      });
      expect((await call('POST', '/auth/verify-token', 'anonymous', { token })).body).toMatchObject({ valid: false });
      // The address has an account now: the same answer as for a new address (no probing), and
      // the address's owner gets a note instead of a link.
      const again = await call('POST', '/auth/request-verification', 'anonymous', { email: 'LENA@example.com' });
      expect([again.status, again.body]).toEqual([requested.status, requested.body]);
      const [note] = (await newEmails()) as [OutgoingEmail];
      expect(note).toMatchObject({ to: 'lena@example.com', subject: 'You already have an Astral account' });
      expect(tokenIn(note)).toBeUndefined();
      // And the password signs in.
      expect((await login('Lena@Example.com', 'Tempo-Run-2025')).status).toBe(200);
    });

    it('refuses a weak password on password and a taken username (any case) on username, using nothing up', async () => {
      const token = await signupToken('sam@example.com');
      for (const password of ['short1A', 'alllowercase1', 'ALLUPPERCASE1', 'NoDigitsHere']) {
        expect(errorOf(await call('POST', '/auth/complete-signup', 'anonymous', { token, password }))).toEqual({
          status: 400,
          code: 'VALIDATION_ERROR',
          field: 'password',
        });
      }
      const taken = await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025', username: 'MAYA_RUNS' });
      expect(errorOf(taken)).toEqual({ status: 409, code: 'CONFLICT', field: 'username' });
      expect(taken.body.error).toBe('username already taken');
      expect((await call('POST', '/auth/verify-token', 'anonymous', { token })).body).toEqual({ valid: true, email: 'sam@example.com' });
      const chosen = await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025', username: 'Sam_Runs' });
      expect(chosen.status).toBe(201);
      expect(chosen.body.profile).toMatchObject({ username: 'Sam_Runs', display_name: 'Sam_Runs' });
    });

    it('makes the username from the address, valid and unique: maya.runs → maya_runs2 (maya_runs is taken)', async () => {
      const token = await signupToken('maya.runs@elsewhere.example');
      const created = await call('POST', '/auth/complete-signup', 'anonymous', {
        token,
        password: 'Tempo-Run-2025',
        display_name: 'Maya R.',
      });
      expect(created.body.profile).toMatchObject({ username: 'maya_runs2', display_name: 'Maya R.' });
    });

    it('refuses a token past its 24 hours, and one that was never issued', async () => {
      const token = await signupToken('late@example.com');
      clock += 24 * hour + 1000;
      expect((await call('POST', '/auth/verify-token', 'anonymous', { token })).body).toEqual({ valid: false, error: 'Token has expired' });
      expect(errorOf(await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025' }))).toMatchObject({
        code: 'INVALID_TOKEN',
      });
      const unknown = newSecret('verificationToken');
      expect((await call('POST', '/auth/verify-token', 'anonymous', { token: unknown })).body).toMatchObject({ valid: false });
      // A checksum that does not match: refused as an unknown token, through every operation that takes one.
      const forged = `${unknown.slice(0, -1)}${unknown.endsWith('A') ? 'B' : 'A'}`;
      expect((await call('POST', '/auth/verify-token', 'anonymous', { token: forged })).body).toMatchObject({ valid: false });
      for (const [path, body] of [
        ['/auth/complete-signup', { token: forged, password: 'Tempo-Run-2025' }],
        ['/auth/reset-password', { token: `astral_pr_${forged.slice('astral_ev_'.length)}`, password: 'Tempo-Run-2025' }],
      ] as const) {
        expect(errorOf(await call('POST', path, 'anonymous', body))).toEqual({ status: 400, code: 'INVALID_TOKEN', field: 'token' });
      }
      // An old-style token (before the checksum) does not even match the contract's pattern.
      expect(
        errorOf(await call('POST', '/auth/verify-token', 'anonymous', { token: 'vrf_Jq3t0Vb7c9QmXo2LrNe5Ya8KdUwZ1sTf4HgPiR6jB0M' })),
      ).toMatchObject({
        status: 400,
        field: 'token',
      });
    });

    it('stores emailed tokens and passwords only as hashes', async () => {
      const token = await signupToken('hashed@example.com');
      const created = await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025' });
      const candidate = await repository.users.findByEmail('hashed@example.com');
      expect(candidate?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await repository.users.findByTokenHash(created.body.access_token, new Date(clock).toISOString())).toBeUndefined();
    });
  });

  describe('login', () => {
    it('signs the development athlete in with a new session and records the sign-in', async () => {
      const reply = await login(devSignIn.email, devSignIn.password);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        user_id: seedIds.athlete,
        token_type: 'Bearer',
        expires_at: '2026-03-16T12:00:00Z',
        profile: { user_id: seedIds.athlete, username: 'maya_runs', last_login_at: '2026-03-15T12:00:00Z' },
      });
      expect((await me(reply.body.access_token)).body.user_id).toBe(seedIds.athlete);
    });

    it('answers a wrong password, an unknown address and an inactive account with the same 401', async () => {
      const wrong = await login(devSignIn.email, 'Wrong-Password-1');
      const unknown = await login('nobody@example.com', devSignIn.password);
      const token = await signupToken('gone@example.com');
      const gone = await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025' });
      await repository.users.update(gone.body.user_id, (user) => ({ ...user, status: 'suspended' }));
      const inactive = await login('gone@example.com', 'Tempo-Run-2025');
      for (const reply of [wrong, unknown, inactive]) {
        expect(reply.status).toBe(401);
        expect(reply.body).toEqual({ error: 'Invalid email or password', details: { code: 'UNAUTHORIZED' } });
      }
      // The suspended user's session token stops working too.
      expect((await me(gone.body.access_token)).status).toBe(401);
    });
  });

  describe('refresh and logout', () => {
    it('refresh gives a new token in the same session and refuses the old one on the next request', async () => {
      const first = (await login(devSignIn.email, devSignIn.password)).body.access_token;
      clock += hour;
      const refreshed = await call('POST', '/auth/token/refresh', bearer(first));
      expect(refreshed.status).toBe(200);
      expect(refreshed.body).toEqual({
        access_token: expect.stringMatching(/^astral_at_[0-9A-Za-z]{46}$/),
        token_type: 'Bearer',
        expires_at: '2026-03-16T13:00:00Z',
      });
      expect(refreshed.body.access_token).not.toBe(first);
      expect((await me(first)).status).toBe(401);
      expect(errorOf(await call('POST', '/auth/token/refresh', bearer(first)))).toMatchObject({ status: 401 });
      expect((await me(refreshed.body.access_token)).status).toBe(200);
      // Logging out with the refreshed token ends the session.
      expect((await call('POST', '/auth/logout', bearer(refreshed.body.access_token))).body).toEqual({ message: 'Logged out' });
      expect((await me(refreshed.body.access_token)).status).toBe(401);
    });

    it('refuses an expired token (sign in again)', async () => {
      const token = (await login(devSignIn.email, devSignIn.password)).body.access_token;
      clock += 24 * hour;
      expect(errorOf(await call('POST', '/auth/token/refresh', bearer(token)))).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    });

    it('logout ends only its own session', async () => {
      const one = (await login(devSignIn.email, devSignIn.password)).body.access_token;
      const two = (await login(devSignIn.email, devSignIn.password)).body.access_token;
      expect((await call('POST', '/auth/logout', bearer(one))).status).toBe(200);
      expect((await me(one)).status).toBe(401);
      expect((await call('POST', '/auth/logout', bearer(one))).status).toBe(401);
      expect((await me(two)).status).toBe(200);
    });

    it('cannot refresh or sign out the development tokens, which belong to no session (403)', async () => {
      expect(errorOf(await call('POST', '/auth/token/refresh', 'athlete'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(errorOf(await call('POST', '/auth/logout', 'admin'))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect((await call('GET', '/auth/me', 'athlete')).status).toBe(200);
    });
  });

  describe('password reset', () => {
    it('emails a link for a known address only, with the same answer either way', async () => {
      const unknown = await call('POST', '/auth/request-password-reset', 'anonymous', { email: 'nobody@example.com' });
      expect(await newEmails()).toEqual([]);
      const known = await call('POST', '/auth/request-password-reset', 'anonymous', { email: 'MAYA@example.com' });
      expect([unknown.status, known.status]).toEqual([200, 200]);
      expect(known.body).toEqual(unknown.body);
      expect(known.headers['ratelimit-policy']).toBe('"password_reset";q=3;w=3600');
      const emails = await newEmails();
      expect(emails).toHaveLength(1);
      expect(emails[0]).toMatchObject({ to: devSignIn.email });
      expect(emails[0]!.text).toMatch(/http:\/\/127\.0\.0\.1:5173\/reset-password\?token=astral_pr_[0-9A-Za-z]{46}/);
    });

    it('sets the password, uses the token up and ends every session of the user', async () => {
      const token = await signupToken('reset@example.com');
      const account = await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025' });
      const other = (await login('reset@example.com', 'Tempo-Run-2025')).body.access_token;
      await call('POST', '/auth/request-password-reset', 'anonymous', { email: 'reset@example.com' });
      const resetToken = tokenIn((await newEmails())[0])!;

      const weak = await call('POST', '/auth/reset-password', 'anonymous', { token: resetToken, password: 'weakpass' });
      expect(errorOf(weak)).toEqual({ status: 400, code: 'VALIDATION_ERROR', field: 'password' });
      const reset = await call('POST', '/auth/reset-password', 'anonymous', { token: resetToken, password: 'Long-Run-Sunday-7' });
      expect(reset.body).toEqual({ message: 'Password has been reset. Sign in with the new password.' });
      expect((await me(account.body.access_token)).status).toBe(401);
      expect((await me(other)).status).toBe(401);
      expect((await login('reset@example.com', 'Tempo-Run-2025')).status).toBe(401);
      expect((await login('reset@example.com', 'Long-Run-Sunday-7')).status).toBe(200);
      expect(errorOf(await call('POST', '/auth/reset-password', 'anonymous', { token: resetToken, password: 'Another-Pass-8' }))).toEqual({
        status: 400,
        code: 'INVALID_TOKEN',
        field: 'token',
      });
    });

    it('refuses a reset token after its hour', async () => {
      await call('POST', '/auth/request-password-reset', 'anonymous', { email: devSignIn.email });
      const resetToken = tokenIn((await newEmails())[0])!;
      clock += hour + 1000;
      expect(
        errorOf(await call('POST', '/auth/reset-password', 'anonymous', { token: resetToken, password: 'Another-Pass-8' })),
      ).toMatchObject({
        code: 'INVALID_TOKEN',
      });
      expect((await login(devSignIn.email, devSignIn.password)).status).toBe(200);
    });
  });

  describe('rate limits and Idempotency-Key', () => {
    it('sends at most 3 verification emails per address an hour (any spelling), then 429 with Retry-After', async () => {
      for (let n = 0; n < 3; n++) await signupToken(n === 1 ? 'Busy@Example.com' : 'busy@example.com');
      const refused = await call('POST', '/auth/request-verification', 'anonymous', { email: 'BUSY@example.com' });
      expect(errorOf(refused)).toEqual({ status: 429, code: 'RATE_LIMITED', field: 'email' });
      expect(refused.body.error).toBe('Too many verification emails for this address. Retry after 3600 seconds.');
      expect(refused.headers).toMatchObject({ 'retry-after': '3600', 'ratelimit-policy': '"verification";q=3;w=3600' });
      expect(await newEmails()).toEqual([]);
      // Another address is not affected; the window moves on.
      await signupToken('calm@example.com');
      clock += hour;
      await signupToken('busy@example.com');
    });

    it('refuses every sign-in for an address after 5 failures within 15 minutes, right password or not', async () => {
      const token = await signupToken('guessed@example.com');
      await call('POST', '/auth/complete-signup', 'anonymous', { token, password: 'Tempo-Run-2025' });
      for (let n = 0; n < 5; n++) expect((await login('guessed@example.com', `Wrong-Guess-${n}`)).status).toBe(401);
      const refused = await login('Guessed@Example.com', 'Tempo-Run-2025');
      expect(errorOf(refused)).toEqual({ status: 429, code: 'RATE_LIMITED', field: 'email' });
      expect(refused.headers['retry-after']).toBe('900');
      clock += 15 * 60_000;
      expect((await login('guessed@example.com', 'Tempo-Run-2025')).status).toBe(200);
      // A success clears the failures.
      for (let n = 0; n < 4; n++) await login('guessed@example.com', 'Wrong-Again-1');
      expect((await login('guessed@example.com', 'Tempo-Run-2025')).status).toBe(200);
    });

    it('answers at most 3 password-reset requests per address an hour, known or not', async () => {
      for (let n = 0; n < 3; n++)
        expect((await call('POST', '/auth/request-password-reset', 'anonymous', { email: 'ghost@example.com' })).status).toBe(200);
      expect(errorOf(await call('POST', '/auth/request-password-reset', 'anonymous', { email: 'ghost@example.com' }))).toEqual({
        status: 429,
        code: 'RATE_LIMITED',
        field: 'email',
      });
    });

    it('replays a request-verification retried with the same Idempotency-Key: one email, one count', async () => {
      const key = { 'idempotency-key': '8e03978e-40d5-43e8-bc93-6894a57f9324' };
      const first = await call('POST', '/auth/request-verification', 'anonymous', { email: 'retry@example.com' }, key);
      const retry = await call('POST', '/auth/request-verification', 'anonymous', { email: 'retry@example.com' }, key);
      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await newEmails()).toHaveLength(1);
      expect(errorOf(await call('POST', '/auth/request-verification', 'anonymous', { email: 'other@example.com' }, key))).toMatchObject({
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    });
  });

  describe('Firebase ID token exchange', () => {
    const exchange = (firebase_id_token: string, profile_data?: object) =>
      call('POST', '/auth/signup', 'anonymous', { firebase_id_token, ...(profile_data ? { profile_data } : {}) });

    it('creates an account for a new identity (201), then finds it by its subject (200)', async () => {
      const idToken = await issuer.sign({ sub: 'fb_nina', email: 'nina.k@example.com', name: 'Nina K' }, { now: new Date(clock) });
      const created = await exchange(idToken, { membership_role: 'coach' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        is_new_user: true,
        credentials: { email: 'nina.k@example.com', is_verified: true, is_active: true, roles: ['user'] },
        profile: { username: 'nina_k', display_name: 'Nina K', membership_role: 'coach', is_verified: true },
      });
      expect((await me(created.body.access_token)).body).toMatchObject({ user_id: created.body.user_id, role: 'coach' });
      const again = await exchange(await issuer.sign({ sub: 'fb_nina', email: 'nina.k@example.com' }, { now: new Date(clock) }));
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ user_id: created.body.user_id, is_new_user: false });
    });

    it('links an identity to the account with its verified address, and applies the membership role', async () => {
      const idToken = await issuer.sign({ sub: 'fb_maya', email: 'Maya@Example.com' }, { now: new Date(clock) });
      const linked = await exchange(idToken, { membership_role: 'coach' });
      expect(linked.status).toBe(200);
      expect(linked.body).toMatchObject({ user_id: seedIds.athlete, is_new_user: false, profile: { membership_role: 'coach' } });
      await exchange(idToken, { membership_role: 'athlete' });
      expect((await call('GET', `/users/${seedIds.athlete}`, 'athlete')).body.data.membership_role).toBe('athlete');
    });

    it.each([
      ['another audience', { aud: 'someone-else' }, {}],
      ['another issuer', { iss: 'https://securetoken.google.com/other' }, {}],
      ['an unverified email', { email_verified: false }, {}],
      ['no email', { email: undefined }, {}],
      ['an expired token', {}, { expiresInSeconds: -60 }],
      ['a key the issuer does not publish', {}, { foreignKey: true }],
    ])('refuses %s with 400 INVALID_TOKEN on firebase_id_token', async (_case, claims, options) => {
      const idToken = await issuer.sign({ sub: 'fb_x', email: 'x@example.com', ...claims }, { now: new Date(clock), ...options });
      expect(errorOf(await exchange(idToken))).toEqual({ status: 400, code: 'INVALID_TOKEN', field: 'firebase_id_token' });
    });
  });
});
