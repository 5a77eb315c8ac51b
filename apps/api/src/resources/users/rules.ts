/**
 * The Users rules a schema cannot say: who may read or change a profile, how a partial update
 * merges, which time zones exist, that a zone's `min` does not exceed its `max`, and what a
 * public profile shows.
 */
import { InvalidError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { PublicProfile, User, UserUpdate } from './model.js';

/**
 * Whether `principal` may read `userId`'s full profile: the user themself or an admin.
 *
 * @example
 * ```ts
 * mayReadProfile(admin, 'usr_someone'); // true
 * ```
 */
export function mayReadProfile(principal: Principal, userId: string): boolean {
  return principal.user_id === userId || (principal.principal_type === 'user' && principal.role === 'admin');
}

let knownTimeZones: ReadonlySet<string> | undefined;

/**
 * Whether the runtime knows the IANA time zone, spelled as it is (`Asia/Taipei`, `UTC`).
 *
 * @example
 * ```ts
 * isKnownTimeZone('Asia/Taipei'); // true
 * isKnownTimeZone('Mars/Olympus_Mons'); // false
 * ```
 */
export function isKnownTimeZone(timeZone: string): boolean {
  knownTimeZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownTimeZones.has(timeZone)) return true;
  // Names outside the canonical list that ICU still resolves to themselves (`UTC`, `Etc/GMT+5`).
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone === timeZone;
  } catch {
    return false;
  }
}

type ZoneSet = Record<string, { min: number; max: number }>;

/**
 * Refuses what the schema cannot: an unknown time zone (`preferences.timezone`) and a zone
 * whose `min` exceeds its `max` (`zones.heart_rate.z3`).
 *
 * @example
 * ```ts
 * checkProfileUpdate({ preferences: { timezone: 'Europe/Vienna' } }); // fine
 * ```
 */
export function checkProfileUpdate(update: UserUpdate): void {
  const timeZone = update.preferences?.timezone;
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
    throw new InvalidError('preferences.timezone', `preferences.timezone must be an IANA time zone name, got "${timeZone}"`);
  }
  for (const kind of ['heart_rate', 'pace'] as const) {
    const zones = update.zones?.[kind] as ZoneSet | null | undefined;
    for (const [name, zone] of Object.entries(zones ?? {})) {
      if (zone.min > zone.max) throw new InvalidError(`zones.${kind}.${name}`, `zones.${kind}.${name}: min must not exceed max`);
    }
  }
}

/** The fields of `update` that were sent (`undefined` is not sent; `null` is). */
const sent = <T extends object>(update: T): Partial<T> =>
  Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * The profile after a partial update: the fields sent replace theirs (`null` clears a
 * nullable one), nested objects merge field by field, and `workout_days` and each zone set
 * are replaced whole.
 *
 * @example
 * ```ts
 * mergeProfile(user, { preferences: { unit_system: 'imperial' } }).preferences.timezone; // unchanged
 * ```
 */
export function mergeProfile(current: User, update: UserUpdate): User {
  const { preferences, privacy, notification_settings, zones, ...scalars } = update;
  return {
    ...current,
    ...sent(scalars),
    preferences: { ...current.preferences, ...sent(preferences ?? {}) },
    privacy: { ...current.privacy, ...sent(privacy ?? {}) },
    notification_settings: { ...current.notification_settings, ...sent(notification_settings ?? {}) },
    zones: { ...current.zones, ...sent(zones ?? {}) },
  };
}

/**
 * What every signed-in user sees of `user`, by their privacy flags: the photo and bio only
 * with `share_profile_info`; activities only with both `share_activity_in_profile` and
 * `share_activity_with_public`; every other item by its own flag.
 *
 * @example
 * ```ts
 * publicProfile(user).shares.activities; // false unless both flags are on
 * ```
 */
export function publicProfile(user: User): PublicProfile {
  const { privacy } = user;
  return {
    user_id: user.user_id,
    username: user.username,
    display_name: user.display_name,
    membership_role: user.membership_role,
    bio: privacy.share_profile_info ? user.bio : null,
    profile_image_url: privacy.share_profile_info ? user.profile_image_url : null,
    shares: {
      activities: privacy.share_activity_in_profile && privacy.share_activity_with_public,
      pace_data: privacy.share_pace_data,
      activity_map: privacy.share_activity_map,
      race_history: privacy.share_race_history,
      pb: privacy.share_pb,
      race_goal: privacy.share_race_goal,
      training_data: privacy.share_training_data,
    },
  };
}
