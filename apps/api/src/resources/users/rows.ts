/**
 * How a user is laid out in the `users` table, and the mapping both ways. The nested parts of
 * the profile (preferences, privacy, notification settings, zones, subscription,
 * integrations) and `roles` are JSON text: they are read and written whole with the profile
 * and never filtered on, a new field in the contract needs no migration, and JSON text reads
 * the same on SQLite and PostgreSQL. `username_key` and `email_key` are the lowercased
 * forms their unique indexes hold (case-insensitive uniqueness, the same on every database).
 */
import { caseKey, type StorageDialect } from '../../storage/dialect.js';
import { newAccountSettings } from './defaults.js';
import { rolesOf, type NewUser, type User } from './model.js';

/** A row of `users` (migration 2 gave the first release's table these columns). */
export interface UserRow {
  user_id: string;
  username: string;
  username_key: string;
  display_name: string;
  email: string | null;
  email_key: string | null;
  first_name: string | null;
  last_name: string | null;
  bio: string | null;
  profile_image_url: string | null;
  status: User['status'];
  membership_role: User['membership_role'];
  /** JSON: `["user"]` or `["user","admin"]`. */
  roles: string;
  is_verified: number | boolean;
  organization_id: string | null;
  preferences: string;
  privacy: string;
  notification_settings: string;
  zones: string;
  subscription: string;
  integrations: string;
  password_hash: string | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

/** Every column but the password hash: what a profile is read from. */
export const profileColumns = [
  'user_id',
  'username',
  'display_name',
  'email',
  'first_name',
  'last_name',
  'bio',
  'profile_image_url',
  'status',
  'membership_role',
  'roles',
  'is_verified',
  'organization_id',
  'preferences',
  'privacy',
  'notification_settings',
  'zones',
  'subscription',
  'integrations',
  'created_at',
  'updated_at',
  'last_login_at',
] as const satisfies ReadonlyArray<keyof UserRow>;

/** The columns an insert writes. */
export const userColumns = [...profileColumns, 'username_key', 'email_key', 'password_hash'] as const satisfies ReadonlyArray<
  keyof UserRow
>;

export type ProfileRow = Pick<UserRow, (typeof profileColumns)[number]>;

/** The lowercased email an account is found (and kept unique) by; `null` without one. */
export const emailKey = (email: string | null): string | null => (email === null ? null : caseKey(email.trim()));

/**
 * The profile a row holds.
 *
 * @example
 * ```ts
 * fromRow(row, dialect).preferences.timezone; // "Asia/Taipei"
 * ```
 */
export function fromRow(row: ProfileRow, dialect: StorageDialect): User {
  return {
    user_id: row.user_id,
    email: row.email,
    username: row.username,
    display_name: row.display_name,
    first_name: row.first_name,
    last_name: row.last_name,
    bio: row.bio,
    profile_image_url: row.profile_image_url,
    status: row.status,
    membership_role: row.membership_role,
    roles: JSON.parse(row.roles) as User['roles'],
    is_verified: dialect.fromBoolean(row.is_verified),
    org_id: row.organization_id,
    preferences: JSON.parse(row.preferences) as User['preferences'],
    privacy: JSON.parse(row.privacy) as User['privacy'],
    notification_settings: JSON.parse(row.notification_settings) as User['notification_settings'],
    zones: JSON.parse(row.zones) as User['zones'],
    subscription: JSON.parse(row.subscription) as User['subscription'],
    integrations: JSON.parse(row.integrations) as User['integrations'],
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_login_at: row.last_login_at,
  };
}

/**
 * The columns of a profile (everything but the password hash), keys included.
 *
 * @example
 * ```ts
 * profileToRow(user, dialect).username_key; // "maya_runs"
 * ```
 */
export function profileToRow(user: User, dialect: StorageDialect): Omit<UserRow, 'password_hash'> {
  return {
    user_id: user.user_id,
    username: user.username,
    username_key: caseKey(user.username),
    display_name: user.display_name,
    email: user.email,
    email_key: emailKey(user.email),
    first_name: user.first_name,
    last_name: user.last_name,
    bio: user.bio,
    profile_image_url: user.profile_image_url,
    status: user.status,
    membership_role: user.membership_role,
    roles: JSON.stringify(user.roles),
    is_verified: dialect.toBoolean(user.is_verified),
    organization_id: user.org_id,
    preferences: JSON.stringify(user.preferences),
    privacy: JSON.stringify(user.privacy),
    notification_settings: JSON.stringify(user.notification_settings),
    zones: JSON.stringify(user.zones),
    subscription: JSON.stringify(user.subscription),
    integrations: JSON.stringify(user.integrations),
    created_at: user.created_at,
    updated_at: user.updated_at,
    last_login_at: user.last_login_at,
  };
}

/**
 * The full profile of a new user: what was given, a new account's defaults for the rest.
 *
 * @example
 * ```ts
 * newProfile({ user_id: 'usr_x', username: 'x_1', display_name: 'X', email: null, role: 'coach', organization_id: null }, now).membership_role; // "coach"
 * ```
 */
export function newProfile(user: NewUser, now: string): User {
  const createdAt = user.created_at ?? now;
  const settings = newAccountSettings(createdAt);
  return {
    user_id: user.user_id,
    email: user.email,
    username: user.username,
    display_name: user.display_name,
    first_name: user.first_name ?? null,
    last_name: user.last_name ?? null,
    bio: user.bio ?? null,
    profile_image_url: user.profile_image_url ?? null,
    status: user.status ?? 'active',
    ...rolesOf(user.role),
    is_verified: user.is_verified ?? false,
    org_id: user.organization_id,
    preferences: user.preferences ?? settings.preferences,
    privacy: user.privacy ?? settings.privacy,
    notification_settings: user.notification_settings ?? settings.notification_settings,
    zones: user.zones ?? settings.zones,
    subscription: settings.subscription,
    integrations: settings.integrations,
    created_at: createdAt,
    updated_at: createdAt,
    last_login_at: user.last_login_at ?? null,
  };
}
