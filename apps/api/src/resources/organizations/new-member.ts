/**
 * The membership a user gets on joining an organization, before anyone gives it attributes:
 * one shape for the API's joins (create, add, accept) and the development seed.
 */
import type { OrganizationRole, StoredMember } from './model.js';

/** A new membership with no attributes yet. */
export function newMember(userId: string, organizationId: string, role: OrganizationRole, at: string): StoredMember {
  return {
    user_id: userId,
    organization_id: organizationId,
    role,
    status: 'active',
    nickname: null,
    level: null,
    labels: [],
    coach_labels: [],
    coach_notes: null,
    coach_id: null,
    joined_at: at,
    updated_at: at,
  };
}
