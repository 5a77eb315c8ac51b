/**
 * Who may read and change an athlete's activities, and what the athlete's privacy flags
 * withhold from them (the contract's *Activities and privacy*): pure rules over the facts
 * the storage reads, so every reader and flag is decided in one place.
 */
import type { Principal } from '../../domain/principal.js';
import type { PrivacySettings } from './model.js';

/** What the rules need to know of the athlete whose activities are asked for. */
export interface AthleteFacts {
  userId: string;
  privacy: PrivacySettings;
  /** The athlete's organization, `null` outside any. */
  organizationId: string | null;
  /** The coach the athlete is assigned to in it, if any. */
  coachId: string | null;
}

/** The caller's standing in their organization (users only; an API key's is its organization). */
export interface ViewerFacts {
  organizationId: string | null;
  role: 'head_coach' | 'assistant_coach' | 'coach' | 'athlete' | null;
  suspended: boolean;
}

/** Which fields and streams the flags withhold from a reader. */
export interface Withheld {
  map: boolean;
  pace: boolean;
  training: boolean;
}

/** A reader's access: none, or read (and perhaps change) with some fields withheld. */
export type Access = { read: false } | { read: true; write: boolean; withheld: Withheld };

/** How the caller stands to the athlete before any flag is read. */
export type Relation = 'self' | 'admin' | 'coach' | 'other';

const nothingWithheld: Withheld = { map: false, pace: false, training: false };

/**
 * The caller's relation to the athlete: themselves, an admin, one of their coaches (the head
 * coach of their organization, the coach they are assigned to, the organization's API key),
 * or anyone else. A suspended member coaches nobody.
 *
 * @example
 * ```ts
 * relationTo(coach, { ...athlete, coachId: coach.user_id }, { organizationId: 'org_a', role: 'assistant_coach', suspended: false }); // "coach"
 * ```
 */
export function relationTo(principal: Principal, athlete: Omit<AthleteFacts, 'privacy'>, viewer: ViewerFacts): Relation {
  if (principal.principal_type === 'organization') {
    return athlete.organizationId !== null && principal.organization_id === athlete.organizationId ? 'coach' : 'other';
  }
  if (principal.user_id === athlete.userId) return 'self';
  if (principal.role === 'admin') return 'admin';
  if (athlete.organizationId === null || viewer.organizationId !== athlete.organizationId || viewer.suspended) return 'other';
  if (viewer.role === 'head_coach') return 'coach';
  if ((viewer.role === 'assistant_coach' || viewer.role === 'coach') && athlete.coachId === principal.user_id) return 'coach';
  return 'other';
}

/**
 * Whether a reader who is not a coach needs to know if they share a group with the athlete:
 * only when the flags would let a group member read.
 */
export function dependsOnGroup(relation: Relation, privacy: PrivacySettings): boolean {
  return (
    relation === 'other' && privacy.share_activity_in_profile && !privacy.share_activity_with_public && privacy.share_activity_with_group
  );
}

/**
 * The access the flags give: the athlete and admins everything; a coach everything under
 * `share_with_coach`, else a filtered read (and the right to log and change) when
 * `share_activity_in_profile` and `share_activity_with_coach` are on; anyone else a
 * filtered, read-only view when the master switch is on and the activities are public or
 * shared with a group they are in.
 *
 * @example
 * ```ts
 * accessFor('coach', { ...defaults, share_activity_map: false }, false); // { read: true, write: true, withheld: { map: true, ... } }
 * ```
 */
export function accessFor(relation: Relation, privacy: PrivacySettings, inGroupWithAthlete: boolean): Access {
  if (relation === 'self' || relation === 'admin') return { read: true, write: true, withheld: nothingWithheld };
  const withheld: Withheld = {
    map: !privacy.share_activity_map,
    pace: !privacy.share_pace_data,
    training: !privacy.share_training_data,
  };
  if (relation === 'coach') {
    if (privacy.share_with_coach) return { read: true, write: true, withheld: nothingWithheld };
    if (privacy.share_activity_in_profile && privacy.share_activity_with_coach) return { read: true, write: true, withheld };
    return { read: false };
  }
  if (!privacy.share_activity_in_profile) return { read: false };
  if (privacy.share_activity_with_public || (privacy.share_activity_with_group && inGroupWithAthlete)) {
    return { read: true, write: false, withheld };
  }
  return { read: false };
}
