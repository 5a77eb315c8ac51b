/**
 * What joining or leaving an organization does beyond the membership row: the member's
 * profile names the organization and a `membership_role` that goes with the role. One place
 * for the joins of the family (creating an organization, adding a member, accepting an
 * invitation) and for leaving it.
 */
import type { UserStorage } from '../../users/storage.js';
import type { OrganizationRole, StoredMember } from '../model.js';
import type { MemberStorage, MemberView } from './storage.js';

/** The account's `membership_role` that goes with a role in an organization. */
const membershipRoleOf = (role: OrganizationRole | null) => (role === null || role === 'athlete' ? 'athlete' : 'coach');

/**
 * Links (or, with `null`, unlinks) the user's profile to the organization, with the matching
 * `membership_role`.
 *
 * @example
 * ```ts
 * await linkProfile(tx.users, { userId: 'usr_a', organizationId: 'org_a', role: 'coach', at });
 * ```
 */
export async function linkProfile(
  users: Pick<UserStorage, 'update'>,
  link: { userId: string; organizationId: string | null; role: OrganizationRole | null; at: string },
): Promise<void> {
  await users.update(link.userId, (user) => ({
    ...user,
    org_id: link.organizationId,
    membership_role: membershipRoleOf(link.role),
    updated_at: link.at,
  }));
}

/**
 * Adds the membership and links the member's profile to it, in the caller's transaction.
 *
 * @example
 * ```ts
 * await join(tx, newMember('usr_a', 'org_a', 'athlete', at));
 * ```
 */
export async function join(
  tx: { organizations: Pick<MemberStorage, 'addMember'>; users: Pick<UserStorage, 'update'> },
  member: StoredMember,
): Promise<void> {
  await tx.organizations.addMember(member);
  await linkProfile(tx.users, { userId: member.user_id, organizationId: member.organization_id, role: member.role, at: member.joined_at });
}

/** The membership as stored, without the display name a read joins. */
export const storedMember = ({ display_name: _name, ...member }: MemberView): StoredMember => member;
