/**
 * The Organizations resource (the contract's `Organizations` tag): clubs and coaching teams
 * (organization/), their members and roles (members/), groups (groups/), the API keys their
 * integrations call with (api-keys/), invitations (invitations/) and the audit log of
 * membership and role changes (audit/), each with its handlers, service and storage. Who may
 * do what is the contract's permission matrix, enforced in `permissions.ts` by the one
 * authorizer every service is given.
 */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { Transactional } from '../../storage/transactional.js';
import { defineResource, type ResourceContext } from '../module.js';
import { apiKeyHandlers } from './api-keys/handlers.js';
import { ApiKeyService } from './api-keys/service.js';
import { auditHandlers } from './audit/handlers.js';
import { AuditService } from './audit/service.js';
import { groupHandlers } from './groups/handlers.js';
import { GroupService } from './groups/service.js';
import { invitationHandlers } from './invitations/handlers.js';
import { InvitationService } from './invitations/service.js';
import { memberHandlers } from './members/handlers.js';
import { MemberService } from './members/service.js';
import { organizationHandlers } from './organization/handlers.js';
import { OrganizationService } from './organization/service.js';
import type { OrganizationParts } from './parts.js';
import { createAuthorizer } from './permissions.js';
import { openOrganizationStorage, type OrganizationStorages } from './storage.js';

/** One handler per operation of the contract's `Organizations` tag. */
export type OrganizationHandlers = HandlersForTag<'Organizations', Principal>;

export const organizations = defineResource({
  name: 'organizations',
  storage: openOrganizationStorage,
  handlers: ({ repository, now, accounts }: ResourceContext<Transactional<OrganizationStorages>>): OrganizationHandlers => {
    const parts: OrganizationParts = { repository, authorize: createAuthorizer(repository.organizations), now };
    return {
      ...organizationHandlers(new OrganizationService(parts)),
      ...memberHandlers(new MemberService(parts)),
      ...groupHandlers(new GroupService(parts)),
      ...apiKeyHandlers(new ApiKeyService(parts)),
      ...invitationHandlers(new InvitationService({ ...parts, appUrl: accounts.appUrl })),
      ...auditHandlers(new AuditService({ audit: repository.organizations, authorize: parts.authorize })),
    };
  },
});
