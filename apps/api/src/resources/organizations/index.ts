/**
 * The Organizations resource: clubs and coaching teams, their members and roles, the audit
 * log of membership and role changes, and the API keys an organization's integrations call
 * with. Who may do what is the contract's permission matrix, enforced in `permissions.ts`.
 */
import type { Transactional } from '../../storage/transactional.js';
import { defineResource, type ResourceContext } from '../module.js';
import { organizationHandlers, type OrganizationHandlers } from './handlers.js';
import { createAuthorizer } from './permissions.js';
import type { OrganizationStorages } from './invitations.js';
import { OrganizationService } from './service.js';
import { openOrganizationStorage } from './storage.js';

export const organizations = defineResource({
  name: 'organizations',
  storage: openOrganizationStorage,
  handlers: ({ repository, now, accounts }: ResourceContext<Transactional<OrganizationStorages>>): OrganizationHandlers =>
    organizationHandlers(new OrganizationService({ repository, now, appUrl: accounts.appUrl }), createAuthorizer(repository.organizations)),
});
