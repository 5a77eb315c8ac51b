/**
 * A new account, as both sign-ups make it (by email, by a Firebase ID token): its free
 * username, its defaults, its display name, and the answer that signs it in.
 */
import type { components } from '@astral/openapi';
import { randomId } from '../../../domain/ids.js';
import { formatInstant } from '../../../domain/time.js';
import type { NewUser, User } from '../../users/model.js';
import type { UserStorage } from '../../users/storage.js';
import { freeUsername, usernameBase } from '../../users/usernames.js';
import type { AccessToken } from './sessions.js';

export type SignupResult = components['schemas']['SignupResult'];

/** A free username made from an address (`maya.runs@...` → `maya_runs`, else `maya_runs2`...). */
export async function freeUsernameFor(users: UserStorage, email: string): Promise<string> {
  const base = usernameBase(email);
  // Suffixes of up to 6 digits keep at least this much of the base.
  return freeUsername(base, await users.usernamesStartingWith(base.slice(0, 24)));
}

/** A verified athlete account for an address, signed in now. */
export function newAccount(nowMs: number, account: { email: string; username: string; displayName: string | undefined }): NewUser {
  const at = formatInstant(nowMs);
  return {
    user_id: randomId('usr'),
    username: account.username,
    display_name: account.displayName ?? account.username,
    email: account.email,
    role: 'athlete',
    organization_id: null,
    is_verified: true,
    created_at: at,
    last_login_at: at,
  };
}

/** A display name the contract accepts (1 to 50 characters, one line) made from a token's `name`, if any is left. */
export const displayNameFrom = (name: string | undefined): string | undefined => {
  const cleaned = name
    ?.replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, 50)
    .trim();
  return cleaned ? cleaned : undefined;
};

/** The answer of a sign-up or a Firebase exchange. */
export function signupResult(profile: User, email: string, access: AccessToken, isNewUser: boolean): SignupResult {
  return {
    user_id: profile.user_id,
    ...access,
    is_new_user: isNewUser,
    credentials: {
      user_id: profile.user_id,
      email,
      is_verified: profile.is_verified,
      is_active: profile.status === 'active',
      roles: profile.roles,
    },
    profile,
  };
}
