/** The group operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { GroupService } from './service.js';

/**
 * The group handlers over a `GroupService`.
 *
 * @example
 * ```ts
 * const handlers = groupHandlers(new GroupService({ repository, authorize, now }));
 * ```
 */
export function groupHandlers(groups: GroupService) {
  return {
    listOrganizationGroups: async ({ params, query, principal }) => {
      const { data, nextCursor } = await groups.list(principal, params.org_id, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    createGroup: async ({ body, principal }) => ({ status: 201, body: { status: 'ok', data: await groups.create(principal, body) } }),
    getGroup: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await groups.get(principal, params.group_id) },
    }),
    updateGroup: async ({ params, body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await groups.update(principal, params.group_id, body) },
    }),
    deleteGroup: async ({ params, principal }) => {
      await groups.delete(principal, params.group_id);
      return { status: 200, body: { status: 'ok', message: 'Group deleted' } };
    },
  } satisfies Partial<HandlersForTag<'Organizations', Principal>>;
}
