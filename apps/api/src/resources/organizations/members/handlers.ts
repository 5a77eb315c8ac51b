/** The membership operations: thin adapters from the typed handler context to the service. */
import { rateLimitHeaders, type HandlersForTag } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { MemberService } from './service.js';

/**
 * The membership handlers over a `MemberService`. Errors are answered by the app's one
 * `mapError`, so nothing here catches.
 *
 * @example
 * ```ts
 * const handlers = memberHandlers(new MemberService({ repository, authorize, now }));
 * ```
 */
export function memberHandlers(members: MemberService) {
  return {
    listOrganizationMembers: async ({ params, query, principal }) => {
      const { data, nextCursor, total } = await members.list(principal, params.org_id, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total, next_cursor: nextCursor } } };
    },
    createOrganizationMember: async ({ params, body, principal }) => {
      const { member, rateLimit } = await members.add(principal, params.org_id, body);
      return { status: 201, headers: rateLimitHeaders(rateLimit), body: { status: 'ok', data: member } };
    },
    getOrganizationMember: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await members.get(principal, params.org_id, params.user_id) },
    }),
    updateOrganizationMember: async ({ params, body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await members.update(principal, params.org_id, params.user_id, body) },
    }),
    deleteOrganizationMember: async ({ params, principal }) => {
      await members.remove(principal, params.org_id, params.user_id);
      return { status: 200, body: { status: 'ok', message: 'Member removed' } };
    },
    updateOrganizationMemberRole: async ({ params, body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await members.changeRole(principal, params.org_id, params.user_id, body.role) },
    }),
    updateOrganizationMemberCoach: async ({ params, body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await members.assignCoach(principal, params.org_id, params.user_id, body.coach_id) },
    }),
  } satisfies Partial<HandlersForTag<'Organizations', Principal>>;
}
