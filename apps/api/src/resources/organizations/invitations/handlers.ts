/** The invitation operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { InvitationService } from './service.js';

/**
 * The invitation handlers over an `InvitationService`.
 *
 * @example
 * ```ts
 * const handlers = invitationHandlers(new InvitationService({ repository, authorize, now, appUrl }));
 * ```
 */
export function invitationHandlers(invitations: InvitationService) {
  return {
    listOrganizationInvitations: async ({ params, query, principal }) => {
      const { data, nextCursor } = await invitations.list(principal, params.org_id, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    createOrganizationInvitation: async ({ params, body, principal }) => {
      const { invitation, token } = await invitations.create(principal, params.org_id, body);
      return { status: 201, body: { status: 'ok', data: invitation, ...(token === undefined ? {} : { token }) } };
    },
    deleteOrganizationInvitation: async ({ params, principal }) => {
      await invitations.revoke(principal, params.org_id, params.invitation_id);
      return { status: 200, body: { status: 'ok', message: 'Invitation revoked' } };
    },
    // The token is the authorization (not in the matrix): the caller is in no organization yet.
    acceptInvitation: async ({ body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await invitations.accept(principal, body.token) },
    }),
  } satisfies Partial<HandlersForTag<'Organizations', Principal>>;
}
