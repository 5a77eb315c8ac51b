/**
 * Organizations: clubs and coaching teams, their members and the audit log of membership
 * and role changes. The API's shapes come from the contract (`Organization`, `Member`,
 * `AuditEvent`); what is here is how they are stored and who an API key acts as.
 */
import type { components } from '@astral/openapi';
import type { Principal } from '../../domain/principal.js';

export type Organization = components['schemas']['Organization'];
export type OrganizationCreate = components['schemas']['OrganizationCreate'];
export type OrganizationUpdate = components['schemas']['OrganizationUpdate'];
export type Member = components['schemas']['Member'];
export type MemberCreate = components['schemas']['MemberCreate'];
export type MemberUpdate = components['schemas']['MemberUpdate'];
export type OrganizationRole = components['schemas']['OrganizationRole'];
export type MemberStatus = components['schemas']['MemberStatus'];
export type AuditEvent = components['schemas']['AuditEvent'];
export type AuditAction = AuditEvent['action'];
export type ApiKey = components['schemas']['ApiKey'];
export type Group = components['schemas']['Group'];
export type GroupCreate = components['schemas']['GroupCreate'];
export type GroupUpdate = components['schemas']['GroupUpdate'];
export type ApiKeyCreate = components['schemas']['ApiKeyCreate'];

/** What storing an API key takes beyond its hash (keys of the seed and the admin CLI take the defaults). */
export interface NewApiKey {
  key_id?: string;
  name?: string;
  prefix?: string | null;
  created_by?: string | null;
  created_at?: string;
  expires_at?: string | null;
}

/** An organization as an API key's principal needs it. */
export interface OrganizationRecord {
  organization_id: string;
  username: string;
  display_name: string;
}

/** What creating an organization stores beyond its principal's fields (the seed's older organizations may omit them). */
export interface NewOrganization extends OrganizationRecord {
  description?: string | null;
  head_coach_user_id?: string | null;
  settings?: Organization['settings'];
  created_at?: string;
  updated_at?: string;
}

/** A membership as stored (labels as arrays; the storage keeps their JSON and search keys). */
export interface StoredMember {
  user_id: string;
  organization_id: string;
  role: OrganizationRole;
  status: MemberStatus;
  nickname: string | null;
  level: string | null;
  labels: string[];
  coach_labels: string[];
  coach_notes: string | null;
  coach_id: string | null;
  joined_at: string;
  updated_at: string;
}

/** Roles that coach athletes (an athlete may be assigned to any of them). */
export const coachingRoles: readonly OrganizationRole[] = ['head_coach', 'assistant_coach', 'coach'];

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
