/** Organizations: clubs and companies that call with an API key. */
import type { Principal } from '../users/model.js';

/** An organization as stored. */
export interface OrganizationRecord {
  organization_id: string;
  username: string;
  display_name: string;
}

/**
 * The profile of an organization calling with one of its API keys: it acts as itself
 * (its id is the `user_id`, its role `organization`).
 *
 * @example
 * ```ts
 * organizationPrincipal({ organization_id: 'org_x', username: 'x', display_name: 'X' }).role; // "organization"
 * ```
 */
export function organizationPrincipal(organization: OrganizationRecord): Principal {
  return {
    user_id: organization.organization_id,
    principal_type: 'organization',
    username: organization.username,
    display_name: organization.display_name,
    email: null,
    role: 'organization',
    organization_id: organization.organization_id,
  };
}
