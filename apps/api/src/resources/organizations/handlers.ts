/**
 * The Organizations operations: each one authorized by the one `authorize` (the contract's
 * permission matrix, permissions.ts) with the path's organization and member, then handed to
 * the service. Errors are answered by the app's one `mapError`, so nothing here catches.
 */
import type { Handlers } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { Authorize } from './permissions.js';
import type { OrganizationService } from './service.js';

export type OrganizationHandlers = Pick<
  Handlers<Principal>,
  | 'listOrganizations'
  | 'createOrganization'
  | 'getOrganization'
  | 'updateOrganization'
  | 'listOrganizationMembers'
  | 'createOrganizationMember'
  | 'getOrganizationMember'
  | 'updateOrganizationMember'
  | 'deleteOrganizationMember'
  | 'updateOrganizationMemberRole'
  | 'updateOrganizationMemberCoach'
  | 'listOrganizationAuditEvents'
  | 'listOrganizationApiKeys'
  | 'createOrganizationApiKey'
  | 'deleteOrganizationApiKey'
  | 'listOrganizationInvitations'
  | 'createOrganizationInvitation'
  | 'deleteOrganizationInvitation'
  | 'acceptInvitation'
  | 'listOrganizationGroups'
  | 'createGroup'
  | 'getGroup'
  | 'updateGroup'
  | 'deleteGroup'
>;

/**
 * The Organizations handlers over an `OrganizationService` and the authorizer.
 *
 * @example
 * ```ts
 * const handlers = organizationHandlers(new OrganizationService({ repository }), createAuthorizer(repository.organizations));
 * ```
 */
export function organizationHandlers(organizations: OrganizationService, authorize: Authorize): OrganizationHandlers {
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
    getOrganization: async ({ params, principal }) => {
      const access = await authorize('getOrganization', principal, params.org_id);
      return { status: 200, body: { status: 'ok', data: await organizations.get(access) } };
    },
    updateOrganization: async ({ params, body, principal }) => {
      const access = await authorize('updateOrganization', principal, params.org_id);
      return { status: 200, body: { status: 'ok', data: await organizations.update(access, body) } };
    },
    listOrganizationMembers: async ({ params, query, principal }) => {
      const access = await authorize('listOrganizationMembers', principal, params.org_id);
      const { data, nextCursor } = await organizations.listMembers(access, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    createOrganizationMember: async ({ params, body, principal }) => {
      const access = await authorize('createOrganizationMember', principal, params.org_id);
      return { status: 201, body: { status: 'ok', data: await organizations.addMember(access, body) } };
    },
    getOrganizationMember: async ({ params, principal }) => {
      const access = await authorize('getOrganizationMember', principal, params.org_id, params.user_id);
      return { status: 200, body: { status: 'ok', data: organizations.getMember(access) } };
    },
    updateOrganizationMember: async ({ params, body, principal }) => {
      const access = await authorize('updateOrganizationMember', principal, params.org_id, params.user_id);
      return { status: 200, body: { status: 'ok', data: await organizations.updateMember(access, body) } };
    },
    deleteOrganizationMember: async ({ params, principal }) => {
      const access = await authorize('deleteOrganizationMember', principal, params.org_id, params.user_id);
      await organizations.removeMember(access);
      return { status: 200, body: { status: 'ok', message: 'Member removed' } };
    },
    updateOrganizationMemberRole: async ({ params, body, principal }) => {
      const access = await authorize('updateOrganizationMemberRole', principal, params.org_id, params.user_id);
      return { status: 200, body: { status: 'ok', data: await organizations.changeRole(access, body.role) } };
    },
    updateOrganizationMemberCoach: async ({ params, body, principal }) => {
      const access = await authorize('updateOrganizationMemberCoach', principal, params.org_id, params.user_id);
      return { status: 200, body: { status: 'ok', data: await organizations.assignCoach(access, body.coach_id) } };
    },
    listOrganizationAuditEvents: async ({ params, query, principal }) => {
      const access = await authorize('listOrganizationAuditEvents', principal, params.org_id);
      const { data, nextCursor } = await organizations.auditEvents(access, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    listOrganizationApiKeys: async ({ params, principal }) => {
      const access = await authorize('listOrganizationApiKeys', principal, params.org_id);
      return { status: 200, body: { status: 'ok', data: await organizations.apiKeys(access) } };
    },
    createOrganizationApiKey: async ({ params, body, principal }) => {
      const access = await authorize('createOrganizationApiKey', principal, params.org_id);
      const { key, secret } = await organizations.createApiKey(access, body);
      return { status: 201, body: { status: 'ok', data: key, secret } };
    },
    deleteOrganizationApiKey: async ({ params, principal }) => {
      const access = await authorize('deleteOrganizationApiKey', principal, params.org_id);
      await organizations.revokeApiKey(access, params.key_id);
      return { status: 200, body: { status: 'ok', message: 'API key revoked' } };
    },
    listOrganizationInvitations: async ({ params, query, principal }) => {
      const access = await authorize('listOrganizationInvitations', principal, params.org_id);
      const { data, nextCursor } = await organizations.invitations.list(access, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    createOrganizationInvitation: async ({ params, body, principal }) => {
      const access = await authorize('createOrganizationInvitation', principal, params.org_id);
      const { invitation, token } = await organizations.invitations.create(access, body);
      return { status: 201, body: { status: 'ok', data: invitation, ...(token === undefined ? {} : { token }) } };
    },
    deleteOrganizationInvitation: async ({ params, principal }) => {
      const access = await authorize('deleteOrganizationInvitation', principal, params.org_id);
      await organizations.invitations.revoke(access, params.invitation_id);
      return { status: 200, body: { status: 'ok', message: 'Invitation revoked' } };
    },
    // The token is the authorization (not in the matrix): the caller is in no organization yet.
    acceptInvitation: async ({ body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await organizations.invitations.accept(principal, body.token) },
    }),
    listOrganizationGroups: async ({ params, query, principal }) => {
      const access = await authorize('listOrganizationGroups', principal, params.org_id);
      const { data, nextCursor } = await organizations.listGroups(access, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
    createGroup: async ({ body, principal }) => {
      const access = await authorize('createGroup', principal, await organizations.groupOrganization(principal, body.org_id));
      return { status: 201, body: { status: 'ok', data: await organizations.createGroup(access, body) } };
    },
    getGroup: async ({ params, principal }) => {
      const access = await authorize.group('getGroup', principal, params.group_id);
      return { status: 200, body: { status: 'ok', data: access.group } };
    },
    updateGroup: async ({ params, body, principal }) => {
      const access = await authorize.group('updateGroup', principal, params.group_id);
      return { status: 200, body: { status: 'ok', data: await organizations.updateGroup(access, body) } };
    },
    deleteGroup: async ({ params, principal }) => {
      const access = await authorize.group('deleteGroup', principal, params.group_id);
      await organizations.deleteGroup(access);
      return { status: 200, body: { status: 'ok', message: 'Group deleted' } };
    },
  };
}
