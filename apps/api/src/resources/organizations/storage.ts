/**
 * The Organizations storage, `repository.organizations`: one storage per concept, each with
 * its own tables and its queries compiled once (organization/, members/, groups/, api-keys/,
 * invitations/, audit/), opened together because the family's changes write several of them
 * in one transaction (a member who leaves leaves their groups, and the log records both).
 * Services receive the storages they need as `Transactional<OrganizationStorages>`
 * (parts.ts), never the app's registry.
 */
import type { OutboxStorage } from '../../email/outbox.js';
import type { RateLimitStorage } from '../../rate-limits/index.js';
import type { AnyTables, StorageContext } from '../../storage/context.js';
import type { UserStorage } from '../users/storage.js';
import { openApiKeyStorage, type ApiKeyStorage } from './api-keys/storage.js';
import { openAuditStorage, type AuditStorage } from './audit/storage.js';
import { openGroupStorage, type GroupStorage } from './groups/storage.js';
import { openInvitationStorage, type InvitationStorage } from './invitations/storage.js';
import { openMemberStorage, type MemberStorage } from './members/storage.js';
import { openOrganizationRecordStorage, type OrganizationRecordStorage } from './organization/storage.js';

export type { KeyHolder } from './api-keys/storage.js';
export type { MemberView } from './members/storage.js';

/** Every storage of the organization family, as one object. */
export type OrganizationStorage = OrganizationRecordStorage &
  MemberStorage &
  GroupStorage &
  ApiKeyStorage &
  InvitationStorage &
  AuditStorage;

/**
 * The organization family's storages on one database context (or one transaction).
 *
 * @example
 * ```ts
 * const organizations = openOrganizationStorage(context);
 * await organizations.details('org_alpineclub');
 * ```
 */
export function openOrganizationStorage(context: StorageContext<AnyTables>): OrganizationStorage {
  // Each concept's storage declares its own tables of the one database, as a module's `storage` does (module.ts).
  const open = <Storage>(opener: (on: StorageContext<AnyTables>) => Storage): Storage => opener(context);
  return {
    ...open(openOrganizationRecordStorage),
    ...open(openMemberStorage),
    ...open(openGroupStorage),
    ...open(openApiKeyStorage),
    ...open(openInvitationStorage),
    ...open(openAuditStorage),
  };
}

/** The storages the organization services write through, in one transaction when a change needs it. */
export interface OrganizationStorages {
  organizations: OrganizationStorage;
  /** Members' profiles are linked to their organization. */
  users: UserStorage;
  /** Invitation emails are queued with the invitation. */
  outbox: OutboxStorage;
  /** Adding members is limited per caller (members/service.ts). */
  rateLimits: RateLimitStorage;
}
