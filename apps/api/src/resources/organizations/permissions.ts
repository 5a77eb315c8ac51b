/**
 * The organizations permission matrix, enforced here and nowhere else. Each operation's row
 * is read from the contract (`x-astral-permissions`, one value per caller column), so what
 * the documentation states and what the API does are one text. `authorize` resolves who the
 * caller is in the organization, applies the row, and checks the object: an organization the
 * caller is not in is a 404 on `org_id`, a user not a member of it a 404 on `user_id`.
 * Every service of the family is given the one authorizer and asks it before it acts.
 */
import type { OperationId } from '@astral/openapi';
import { operationObject } from '@astral/openapi/contract';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { Group, Organization, OrganizationRole } from './model.js';
import type { OrganizationStorage } from './storage.js';
import type { MemberView } from './members/storage.js';

/** Who the caller is towards an organization: a member's role, an admin, or the organization's key. */
export type CallerColumn = OrganizationRole | 'admin' | 'api_key';
/**
 * What a column may do: anything; the athletes assigned to them; their own membership; for
 * groups, the ones they may see (public, or they are in it or own it) or own; or nothing.
 */
export type Permission = 'allow' | 'assigned' | 'self' | 'visible' | 'owner' | 'deny';

const columns: readonly CallerColumn[] = ['admin', 'head_coach', 'assistant_coach', 'coach', 'athlete', 'api_key'];
const permissions: readonly Permission[] = ['allow', 'assigned', 'self', 'visible', 'owner', 'deny'];

/**
 * The operation's row of the matrix, as the contract writes it; a missing or unknown value is
 * a startup error, never an open door.
 *
 * @example
 * ```ts
 * permissionRow('updateOrganization').athlete; // "deny"
 * ```
 */
export function permissionRow(operationId: OperationId): Record<CallerColumn, Permission> {
  const row = (operationObject(operationId).operation as Record<string, unknown>)['x-astral-permissions'] as
    Record<string, unknown> | undefined;
  if (!row) throw new Error(`${operationId} has no x-astral-permissions in the contract`);
  return Object.fromEntries(
    columns.map((column) => {
      const value = row[column];
      if (!permissions.includes(value as Permission)) throw new Error(`${operationId}: x-astral-permissions.${column} is ${String(value)}`);
      return [column, value as Permission];
    }),
  ) as Record<CallerColumn, Permission>;
}

/** What `authorize` grants: the caller's column and what it may see. */
export interface Access {
  organizationId: string;
  column: CallerColumn;
  /** Who is recorded in the audit log: the user, or the organization for its key. */
  actorId: string;
  /** `assigned`: a list shows only the caller's athletes; `self`: only the caller's membership; `visible`: only the groups they may see. */
  scope: 'all' | 'assigned' | 'self' | 'visible' | 'owner';
  /** The caller's own user ID (`undefined` for a key). */
  callerUserId: string | undefined;
  /** The targeted member, when the operation names one. */
  target: MemberView | undefined;
}

const orgNotFound = () => new NotFoundError('organization', 'org_id');

/**
 * The one authorization check of the organization operations, built once from the contract.
 *
 * @example
 * ```ts
 * const authorize = createAuthorizer(repository.organizations);
 * const access = await authorize('getOrganizationMember', principal, 'org_alpineclub', 'usr_athlete2');
 * ```
 */
export function createAuthorizer(storage: Pick<OrganizationStorage, 'get' | 'details' | 'membership' | 'member' | 'group'>) {
  const rows = new Map<OperationId, Record<CallerColumn, Permission>>();
  const rowOf = (operationId: OperationId) => {
    let row = rows.get(operationId);
    if (!row) rows.set(operationId, (row = permissionRow(operationId)));
    return row;
  };
  /**
   * The caller's column towards the organization; `notFound` for anyone outside it (for an
   * admin, when it does not exist, unless the caller has just read it: `exists`).
   */
  const columnOf = async (principal: Principal, organizationId: string, notFound: () => Error, exists = false): Promise<CallerColumn> => {
    if (principal.principal_type === 'organization') {
      if (principal.organization_id !== organizationId) throw notFound();
      return 'api_key';
    }
    if (principal.role === 'admin') {
      if (!exists && !(await storage.get(organizationId))) throw notFound();
      return 'admin';
    }
    const membership = await storage.membership(principal.user_id);
    if (!membership || membership.organization_id !== organizationId) throw notFound();
    if (membership.status === 'suspended') throw new ForbiddenError('Your membership of this organization is suspended', 'org_id');
    return membership.role;
  };
  const denied = (column: CallerColumn) => new ForbiddenError(`Your role (${column}) may not do this in this organization`, 'org_id');

  /** What `authorize` and `authorizeOrganization` share: `exists` when the caller has just read the organization. */
  async function check(
    operationId: OperationId,
    principal: Principal,
    organizationId: string,
    { targetUserId, exists = false }: { targetUserId?: string | undefined; exists?: boolean },
  ): Promise<Access> {
    const column = await columnOf(principal, organizationId, orgNotFound, exists);
    const permission = rowOf(operationId)[column];
    if (permission === 'deny') throw denied(column);
    const callerUserId = principal.principal_type === 'user' ? principal.user_id : undefined;
    let target: MemberView | undefined;
    if (targetUserId !== undefined) {
      target = await storage.member(organizationId, targetUserId);
      if (!target) throw new NotFoundError('member', 'user_id');
      if (permission === 'self' && target.user_id !== callerUserId) {
        throw new ForbiddenError('You may only act on your own membership', 'user_id');
      }
      if (permission === 'assigned' && target.coach_id !== callerUserId) {
        throw new ForbiddenError('You may only act on the athletes assigned to you', 'user_id');
      }
    }
    return { organizationId, column, actorId: principal.user_id, scope: permission === 'allow' ? 'all' : permission, callerUserId, target };
  }

  /** The check of an operation on the organization (and on one of its members, `targetUserId`). */
  const authorize = (operationId: OperationId, principal: Principal, organizationId: string, targetUserId?: string): Promise<Access> =>
    check(operationId, principal, organizationId, { targetUserId });

  /**
   * The check of an operation that answers the organization itself, which it reads once: a
   * missing one is the 404 on `org_id` anyone outside it gets, and an admin's check needs no
   * second read.
   */
  async function authorizeOrganization(
    operationId: OperationId,
    principal: Principal,
    organizationId: string,
  ): Promise<Access & { organization: Organization }> {
    const organization = await storage.details(organizationId);
    if (!organization) throw orgNotFound();
    return { ...(await check(operationId, principal, organizationId, { exists: true })), organization };
  }

  /**
   * The check of the operations on one group: the group's organization decides the column
   * (outside it, or no such group: 404 on `group_id`), then `visible` or `owner` the group.
   */
  async function authorizeGroup(operationId: OperationId, principal: Principal, groupId: string): Promise<Access & { group: Group }> {
    const groupNotFound = () => new NotFoundError('group', 'group_id');
    const group = await storage.group(groupId);
    if (!group) throw groupNotFound();
    const column = await columnOf(principal, group.org_id, groupNotFound);
    const permission = rowOf(operationId)[column];
    if (permission === 'deny') throw denied(column);
    const callerUserId = principal.principal_type === 'user' ? principal.user_id : undefined;
    const owns = callerUserId !== undefined && group.owner_id === callerUserId;
    if (permission === 'owner' && !owns) throw new ForbiddenError('You may only change the groups you own', 'group_id');
    if (permission === 'visible' && !(group.privacy === 'public' || owns || group.members.includes(callerUserId ?? ''))) {
      throw new ForbiddenError('This group is private', 'group_id');
    }
    return {
      organizationId: group.org_id,
      column,
      actorId: principal.user_id,
      scope: permission === 'allow' ? 'all' : permission === 'owner' ? 'owner' : 'visible',
      callerUserId,
      target: undefined,
      group,
    };
  }

  return Object.assign(authorize, { organization: authorizeOrganization, group: authorizeGroup });
}

export type Authorize = ReturnType<typeof createAuthorizer>;

/**
 * Which organizations a caller may list (`listOrganizations`, whose row says `self` for every
 * member and key, `allow` for admins): every one, or the one they belong to or act for.
 *
 * @example
 * ```ts
 * await visibleOrganizations(storage, principal); // { all: false, organizationId: 'org_alpineclub' }
 * ```
 */
export async function visibleOrganizations(
  storage: Pick<OrganizationStorage, 'membership'>,
  principal: Principal,
): Promise<{ all: true } | { all: false; organizationId: string | null }> {
  const row = permissionRow('listOrganizations');
  if (principal.principal_type === 'organization') {
    return row.api_key === 'allow' ? { all: true } : { all: false, organizationId: principal.organization_id };
  }
  if (principal.role === 'admin' && row.admin === 'allow') return { all: true };
  const membership = await storage.membership(principal.user_id);
  if (membership && row[membership.role] === 'allow') return { all: true };
  return { all: false, organizationId: membership?.organization_id ?? null };
}
