/**
 * Signing in with a password (argon2id hashes), and resetting a forgotten one by email
 * (`astral_pr_`, single-use, 1 hour, stored hashed).
 */
import type { components } from '@astral/openapi';
import type { RateLimitState } from '@astral/server';
import { InvalidTokenError, RateLimitedError, UnauthorizedError } from '../../../domain/errors.js';
import { isWellFormedSecret } from '../../../domain/secrets.js';
import { formatInstant } from '../../../domain/time.js';
import { hashCredential, newSecret } from '../credentials.js';
import { accountLimits } from '../limits.js';
import { passwordResetEmail } from '../mail.js';
import { checkPasswordRules, hashPassword, passwordMatches } from '../passwords.js';
import { consume, storedInstant, tokenLifetimes, usable, type AccountContext } from './context.js';
import { openSession } from './sessions.js';

export type Session = components['schemas']['Session'];
export type LoginRequest = components['schemas']['LoginRequest'];
export type ResetPasswordRequest = components['schemas']['ResetPasswordRequest'];

/**
 * Signs in with a password: a new session. A wrong password, an unknown address and an
 * inactive account are the same refusal, in the same time. After 5 failures for an address
 * within 15 minutes, every attempt for it is refused until the window moves on.
 */
export async function login({ repository, now }: AccountContext, request: LoginRequest): Promise<Session> {
  const { rateLimits, users } = repository;
  const { login } = accountLimits;
  // Past the failures allowed, every attempt is refused, right or wrong, until the window moves on.
  const failures = await rateLimits.check(login, request.email, now());
  if (failures.remaining === 0) throw new RateLimitedError(failures, 'email', 'Too many failed sign-ins for this address');
  const candidate = await users.findByEmail(request.email);
  const matches = await passwordMatches(candidate?.passwordHash ?? null, request.password);
  if (!candidate || !matches || candidate.user.status !== 'active') {
    await rateLimits.hit(login, request.email, now());
    throw new UnauthorizedError('Invalid email or password');
  }
  await rateLimits.reset(login, request.email);
  const userId = candidate.user.user_id;
  return repository.transaction(async (tx) => {
    const nowMs = now().getTime();
    const profile = await tx.users.update(userId, (current) => ({ ...current, last_login_at: formatInstant(nowMs) }));
    if (!profile) throw new UnauthorizedError('Invalid email or password');
    const access = await openSession(tx.users, userId, nowMs);
    return { user_id: userId, ...access, profile };
  });
}

/**
 * Emails a password-reset link (1 hour) if the address has an active account; the same
 * answer either way. Counted against the `password_reset` limit first.
 */
export async function requestPasswordReset(context: AccountContext, email: string): Promise<{ rateLimit: RateLimitState }> {
  const { repository, appUrl, now } = context;
  const rateLimit = await consume(context, accountLimits.passwordReset, email, 'Too many password reset requests for this address');
  await repository.transaction(async (tx) => {
    const found = await tx.users.findByEmail(email);
    if (!found || found.user.status !== 'active' || found.user.email === null) return;
    const token = newSecret('resetToken');
    await tx.auth.addEmailToken({
      token_hash: hashCredential(token),
      purpose: 'password_reset',
      email: found.user.email,
      user_id: found.user.user_id,
      expires_at: storedInstant(now().getTime() + tokenLifetimes.passwordReset * 1000),
    });
    await tx.outbox.enqueue(passwordResetEmail({ to: found.user.email, token, appUrl }), now());
  });
  return { rateLimit };
}

/** Sets the password with a reset token, uses the token up and ends every session of the user. */
export async function resetPassword({ repository, now }: AccountContext, request: ResetPasswordRequest): Promise<void> {
  checkPasswordRules(request.password);
  // A malformed token is refused as an unknown one is, before the hashing and the lookup.
  if (!isWellFormedSecret(request.token, 'resetToken')) throw new InvalidTokenError('token');
  const passwordHash = await hashPassword(request.password);
  const tokenHash = hashCredential(request.token);
  await repository.transaction(async (tx) => {
    const nowMs = now().getTime();
    const token = await tx.auth.findEmailTokenForUse(tokenHash, 'password_reset');
    if (!usable(token, nowMs) || token.user_id === null) throw new InvalidTokenError('token');
    const user = await tx.users.get(token.user_id);
    if (!user || user.status !== 'active' || !(await tx.auth.useEmailToken(tokenHash, storedInstant(nowMs)))) {
      throw new InvalidTokenError('token');
    }
    await tx.users.setPasswordHash(user.user_id, passwordHash, formatInstant(nowMs));
    await tx.users.endSessions(user.user_id, storedInstant(nowMs));
  });
}
