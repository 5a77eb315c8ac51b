/**
 * Sign-up by email: a verification link (`astral_ev_`, single-use, 24 hours, stored hashed)
 * to the address, a check of that link, then the account with a password, signed in.
 */
import type { components } from '@astral/openapi';
import type { RateLimitState } from '@astral/server';
import { ConflictError, InvalidTokenError } from '../../../domain/errors.js';
import { isWellFormedSecret } from '../../../domain/secrets.js';
import { hashCredential, newSecret } from '../credentials.js';
import { accountLimits } from '../limits.js';
import { accountExistsEmail, verificationEmail } from '../mail.js';
import { checkPasswordRules, hashPassword } from '../passwords.js';
import { consume, retryingConflicts, storedInstant, tokenLifetimes, usable, type AccountContext } from './context.js';
import { freeUsernameFor, newAccount, signupResult, type SignupResult } from './new-account.js';
import { openSession } from './sessions.js';

export type TokenCheck = components['schemas']['TokenCheck'];
export type CompleteSignupRequest = components['schemas']['CompleteSignupRequest'];

/**
 * Emails a sign-up link (24 hours) to an address that has no account yet, and a note that it
 * has one (no link) to an address that has: the same answer either way, so the answer does
 * not tell whether an address is registered (the description's *Account probing*). Counted
 * against the `verification` limit first.
 */
export async function requestVerification(
  context: AccountContext,
  email: string,
): Promise<{ expiresIn: number; rateLimit: RateLimitState }> {
  const { repository, appUrl, now } = context;
  const rateLimit = await consume(context, accountLimits.verification, email, 'Too many verification emails for this address');
  const token = newSecret('verificationToken');
  const nowMs = now().getTime();
  await repository.transaction(async (tx) => {
    const to = email.trim();
    const found = await tx.users.findByEmail(email);
    if (found) {
      await tx.outbox.enqueue(accountExistsEmail({ to: found.user.email ?? to, appUrl }), now());
      return;
    }
    await tx.auth.addEmailToken({
      token_hash: hashCredential(token),
      purpose: 'verification',
      email: to,
      user_id: null,
      expires_at: storedInstant(nowMs + tokenLifetimes.verification * 1000),
    });
    await tx.outbox.enqueue(verificationEmail({ to, token, appUrl }), now());
  });
  return { expiresIn: tokenLifetimes.verification, rateLimit };
}

/** Whether a sign-up token can still be used, and for which address; uses nothing up. */
export async function checkSignupToken({ repository, now }: AccountContext, token: string): Promise<TokenCheck> {
  // A malformed token is refused as an unknown one is, without a lookup.
  if (!isWellFormedSecret(token, 'verificationToken')) return { valid: false, error: 'Token is invalid or already used' };
  const row = await repository.auth.findEmailToken(hashCredential(token), 'verification');
  if (!row || row.used_at !== null) return { valid: false, error: 'Token is invalid or already used' };
  if (!usable(row, now().getTime())) return { valid: false, error: 'Token has expired' };
  if (await repository.users.findByEmail(row.email)) return { valid: false, error: 'An account with this email already exists' };
  return { valid: true, email: row.email };
}

/**
 * Creates the account of a sign-up token's address, signed in: the user, their session and
 * token, the sign-up token deleted, all at once. The username is the one sent (a conflict
 * if taken) or one made from the address.
 */
export async function completeSignup({ repository, now }: AccountContext, request: CompleteSignupRequest): Promise<SignupResult> {
  checkPasswordRules(request.password);
  // A malformed token is refused as an unknown one is, before the hashing and the lookup.
  if (!isWellFormedSecret(request.token, 'verificationToken')) throw new InvalidTokenError('token');
  const passwordHash = await hashPassword(request.password);
  const tokenHash = hashCredential(request.token);
  return retryingConflicts(() =>
    repository.transaction(async (tx) => {
      const nowMs = now().getTime();
      const token = await tx.auth.findEmailTokenForUse(tokenHash, 'verification');
      if (!usable(token, nowMs)) throw new InvalidTokenError('token');
      if (await tx.users.findByEmail(token.email)) throw new ConflictError('An account with this email already exists', 'email');
      if (request.username !== undefined && (await tx.users.usernameTaken(request.username))) {
        throw new ConflictError('username already taken', 'username');
      }
      const username = request.username ?? (await freeUsernameFor(tx.users, token.email));
      const profile = await tx.users.create({
        ...newAccount(nowMs, { email: token.email, username, displayName: request.display_name }),
        first_name: request.first_name ?? null,
        last_name: request.last_name ?? null,
        password_hash: passwordHash,
      });
      await tx.auth.deleteEmailToken(tokenHash);
      const access = await openSession(tx.users, profile.user_id, nowMs);
      return signupResult(profile, token.email, access, true);
    }),
  );
}
