/**
 * The operations on organizations themselves: thin adapters from the typed handler context
 * to the service. The path's `org_id` (the contract's spelling) is the service's `organizationId`.
 */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { OrganizationService } from './service.js';

/**
 * The organization handlers over an `OrganizationService`. Errors are answered by the app's
 * one `mapError`, so nothing here catches.
 *
 * @example
 * ```ts
 * const handlers = organizationHandlers(new OrganizationService({ repository, authorize, now }));
 * ```
 */
export function organizationHandlers(organizations: OrganizationService) {
  return {
    // No organization in the path: what the caller sees is `visibleOrganizations` (permissions.ts).
    listOrganizations: async ({ query, principal }) => {
      const { data, nextCursor } = await organizations.list(principal, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    // Any signed-in user may create one (the contract's row): the rules are the service's.
    createOrganization: async ({ body, principal }) => ({
      status: 201,
      body: { status: 'ok', data: await organizations.create(principal, body) },
    }),
    getOrganization: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await organizations.get(principal, params.org_id) },
    }),
    updateOrganization: async ({ params, body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await organizations.update(principal, params.org_id, body) },
    }),
  } satisfies Partial<HandlersForTag<'Organizations', Principal>>;
}
