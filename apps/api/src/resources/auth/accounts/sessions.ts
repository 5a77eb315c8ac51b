/**
 * Sessions and their access tokens: opening one at sign-in, refreshing its token, ending it.
 * Access tokens are opaque secrets in the one format of `domain/secrets.ts` (`astral_at_`),
 * stored as SHA-256 hashes, 24 hours, each in a session.
 */
import type { components } from '@astral/openapi';
import { ForbiddenError, UnauthorizedError } from '../../../domain/errors.js';
import { randomId } from '../../../domain/ids.js';
import type { Principal } from '../../../domain/principal.js';
import { formatInstant } from '../../../domain/time.js';
import type { UserStorage } from '../../users/storage.js';
import { hashCredential, newSecret } from '../credentials.js';
import { storedInstant, tokenLifetimes, type AccountContext } from './context.js';

export type AccessToken = components['schemas']['AccessToken'];

const noSession = (action: string) =>
  new ForbiddenError(`This token belongs to no session (a development or admin-issued token): it cannot be ${action}`);

/** Starts a session for a user, with its first token. */
export async function openSession(users: UserStorage, userId: string, nowMs: number): Promise<AccessToken> {
  const sessionId = randomId('ses', 24);
  await users.startSession({ session_id: sessionId, user_id: userId, created_at: storedInstant(nowMs) });
  return issueToken(users, userId, sessionId, nowMs);
}

/** A new access token (24 hours) in a session; only its hash is stored. */
async function issueToken(users: UserStorage, userId: string, sessionId: string, nowMs: number): Promise<AccessToken> {
  const token = newSecret('accessToken');
  const expiresMs = nowMs + tokenLifetimes.access * 1000;
  await users.addSessionToken({
    token_hash: hashCredential(token),
    user_id: userId,
    session_id: sessionId,
    expires_at: storedInstant(expiresMs),
  });
  return { access_token: token, token_type: 'Bearer', expires_at: formatInstant(expiresMs) };
}

/** A new token in the caller's session; the caller's token is revoked at once. */
export async function refresh({ repository, now }: AccountContext, principal: Principal): Promise<AccessToken> {
  const { token } = principal;
  if (!token?.sessionId) throw noSession('refreshed');
  const sessionId = token.sessionId;
  return repository.transaction(async (tx) => {
    const nowMs = now().getTime();
    // A token refreshed once cannot be refreshed again (two refreshes racing: one wins).
    if (!(await tx.users.revokeAccessToken(token.hash, storedInstant(nowMs)))) {
      throw new UnauthorizedError('The credentials are invalid, expired or revoked');
    }
    return issueToken(tx.users, principal.user_id, sessionId, nowMs);
  });
}

/** Ends the caller's session: every token of it is refused from the next request on. */
export async function logout({ repository, now }: AccountContext, principal: Principal): Promise<void> {
  if (!principal.token?.sessionId) throw noSession('signed out');
  await repository.users.endSession(principal.token.sessionId, storedInstant(now().getTime()));
}
