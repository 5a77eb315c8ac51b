/**
 * Users: the people who sign in, their canonical profile, and the caller's profile. The types
 * come from the contract (`User`, `UserUpdate`, `PublicProfile`, `UserProfile`); what is
 * here is how they relate: a user's platform role, the principal a token resolves to, and
 * what creating a user takes.
 */
import type { components } from '@astral/openapi';
import type { CallerToken, Principal } from '../../domain/principal.js';

/** The canonical profile (`GET /users/{user_id}`). */
export type User = components['schemas']['User'];
/** The fields of a profile its owner may change (`PUT /users/{user_id}`). */
export type UserUpdate = components['schemas']['UserUpdate'];
/** What every signed-in user may see of a user. */
export type PublicProfile = components['schemas']['PublicProfile'];
/** The caller's profile, as `GET /auth/me` answers it. */
export type UserProfile = components['schemas']['UserProfile'];

/** A user's role as the caller's profile states it: an admin, else the membership role. */
export type PlatformRole = Exclude<UserProfile['role'], 'organization'>;

/** Who a user is, as a principal names them: what adding one takes and what a token resolves to share it. */
interface UserIdentity {
  user_id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: PlatformRole;
  organization_id: string | null;
}

/** What an access token resolves to: the user as a principal needs them, the token's session and when it expires. */
export interface TokenHolder extends UserIdentity {
  session_id: string | null;
  /** RFC 3339; `null`: the token does not expire by itself. */
  expires_at: string | null;
}

/**
 * What adding a user takes: who they are and their role (an admin is a `user` with the
 * `admin` platform role, any other role is the membership role). Every other field of the
 * profile takes a new account's default unless given.
 */
export interface NewUser extends UserIdentity {
  first_name?: string | null;
  last_name?: string | null;
  bio?: string | null;
  profile_image_url?: string | null;
  status?: User['status'];
  is_verified?: boolean;
  preferences?: User['preferences'];
  privacy?: User['privacy'];
  notification_settings?: User['notification_settings'];
  zones?: User['zones'];
  /** The argon2id hash of the password; `null` (the default) for an account without one. */
  password_hash?: string | null;
  /** Default: now. */
  created_at?: string;
  last_login_at?: string | null;
}

/**
 * The platform role of a profile: `admin` when `roles` has it, else the membership role.
 *
 * @example
 * ```ts
 * platformRole({ roles: ['user', 'admin'], membership_role: 'athlete' }); // "admin"
 * ```
 */
export function platformRole(user: Pick<User, 'roles' | 'membership_role'>): PlatformRole {
  return user.roles.includes('admin') ? 'admin' : user.membership_role;
}

/**
 * The membership role and platform roles of a `PlatformRole` (the first release's `role`).
 *
 * @example
 * ```ts
 * rolesOf('admin'); // { membership_role: 'athlete', roles: ['user', 'admin'] }
 * ```
 */
export function rolesOf(role: PlatformRole): Pick<User, 'membership_role' | 'roles'> {
  return role === 'admin' ? { membership_role: 'athlete', roles: ['user', 'admin'] } : { membership_role: role, roles: ['user'] };
}

/**
 * The principal of a user calling with an access token.
 *
 * @example
 * ```ts
 * userPrincipal(holder, { hash, sessionId: holder.session_id }).principal_type; // "user"
 * ```
 */
export function userPrincipal(holder: TokenHolder, token?: CallerToken): Principal {
  const profile: Principal = {
    user_id: holder.user_id,
    principal_type: 'user',
    username: holder.username,
    display_name: holder.display_name,
    email: holder.email,
    role: holder.role,
    organization_id: holder.organization_id,
  };
  return token ? { ...profile, token } : profile;
}

/**
 * The caller's profile as `GET /auth/me` answers it: the contract's fields, nothing else of
 * the principal (its token stays in the server).
 *
 * @example
 * ```ts
 * callerProfile(principal); // { user_id, principal_type, username, display_name, email, role, org_id, organization_id }
 * ```
 */
export function callerProfile(principal: Principal): UserProfile {
  const { user_id, principal_type, username, display_name, email, role, organization_id } = principal;
  return { user_id, principal_type, username, display_name, email, role, org_id: organization_id, organization_id };
}
