/**
 * Users: the people who sign in with a Bearer token, and the callers' profile. The `users`
 * table behind the tokens is the model the Users resource exposes; `Principal` is the
 * contract's `UserProfile`, which `GET /auth/me` returns as is.
 */
import type { components } from '@astral/openapi';

/**
 * Who is calling: a user (Bearer token) or an organization (API key), as the contract's
 * `UserProfile` describes it.
 */
export type Principal = components['schemas']['UserProfile'];

/** A user as stored. */
export interface UserRecord {
  user_id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: 'athlete' | 'coach' | 'admin';
  organization_id: string | null;
}

/**
 * The profile of a user calling with a token.
 *
 * @example
 * ```ts
 * userPrincipal(user).principal_type; // "user"
 * ```
 */
export function userPrincipal(user: UserRecord): Principal {
  return { ...user, principal_type: 'user' };
}
