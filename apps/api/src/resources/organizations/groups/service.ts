/**
 * The group use cases: list an organization's groups (the ones the caller may see), create,
 * read, change and delete one. Who may do what is asked of `authorize` (permissions.ts)
 * first; each member a group gains or loses is audited in the same transaction.
 */
import type { QueryParams } from '@astral/server';
import { ConflictError, InvalidError } from '../../../domain/errors.js';
import { randomId } from '../../../domain/ids.js';
import { contractId, keysetCursor, keysetPage, type Page } from '../../../domain/keyset-cursor.js';
import { formatInstant } from '../../../domain/time.js';
import { UniqueViolationError } from '../../../storage/errors.js';
import type { Principal } from '../../../domain/principal.js';
import { recordAudit } from '../audit/service.js';
import type { Group, GroupCreate, GroupUpdate } from '../model.js';
import type { OrganizationParts } from '../parts.js';
import type { OrganizationStorages } from '../storage.js';

const cursor = keysetCursor({ groupId: contractId('g', 'Group', 'group_id') });

/** Every listed member must be a member of the organization. */
async function checkMembers(tx: OrganizationStorages, organizationId: string, members: readonly string[]): Promise<void> {
  for (const userId of members) {
    if (!(await tx.organizations.member(organizationId, userId))) {
      throw new InvalidError('members', `${userId} is not a member of this organization`);
    }
  }
}

/** A taken name is a 409 on `name`; anything else as it is. */
const nameTaken = (error: unknown, name: string): unknown =>
  error instanceof UniqueViolationError
    ? new ConflictError(`This organization already has a group named ${name}`, 'name', { cause: error })
    : error;

/**
 * The group use cases over the organization storages.
 *
 * @example
 * ```ts
 * const groups = new GroupService({ repository, authorize, now: () => new Date() });
 * await groups.create(principal, { name: 'Spring marathon squad' });
 * ```
 */
export class GroupService {
  constructor(private readonly options: OrganizationParts) {}

  private nowIso(): string {
    return formatInstant(this.options.now().getTime());
  }

  /** A page of the organization's groups: the ones the caller may see. */
  async list(principal: Principal, organizationId: string, query: QueryParams<'listOrganizationGroups'>): Promise<Page<Group>> {
    const access = await this.options.authorize('listOrganizationGroups', principal, organizationId);
    const after = query.cursor === undefined ? undefined : cursor.decode(query.cursor).groupId;
    const rows = await this.options.repository.organizations.groups({
      organizationId,
      visibleTo: access.scope === 'visible' ? (access.callerUserId ?? '') : undefined,
      afterId: after,
      limit: query.limit + 1,
    });
    return keysetPage(rows, query.limit, (last) => cursor.encode({ groupId: last.group_id }));
  }

  /** The organization a new group goes to: `org_id`, else the caller's own. */
  private async organizationOf(principal: Principal, organizationId: string | undefined): Promise<string> {
    if (organizationId !== undefined) return organizationId;
    if (principal.principal_type === 'organization' && principal.organization_id) return principal.organization_id;
    const membership = principal.role === 'admin' ? undefined : await this.options.repository.organizations.membership(principal.user_id);
    if (!membership) throw new InvalidError('org_id', 'org_id is required: you belong to no organization');
    return membership.organization_id;
  }

  /** Creates a group owned by the caller; each member added is audited. */
  async create(principal: Principal, input: GroupCreate): Promise<Group> {
    const access = await this.options.authorize('createGroup', principal, await this.organizationOf(principal, input.org_id));
    const at = this.nowIso();
    const group: Group = {
      group_id: randomId('grp'),
      org_id: access.organizationId,
      name: input.name,
      description: input.description ?? null,
      privacy: input.privacy ?? 'public',
      owner_id: access.callerUserId ?? null,
      members: [...new Set(input.members ?? [])].sort(),
      created_at: at,
      updated_at: at,
    };
    try {
      await this.options.repository.transaction(async (tx) => {
        await checkMembers(tx, access.organizationId, group.members);
        await tx.organizations.createGroup(group);
        for (const userId of group.members) {
          await recordAudit(tx.organizations, access, { action: 'group_member_added', userId, from: null, to: group.group_id, at });
        }
      });
    } catch (error) {
      throw nameTaken(error, input.name);
    }
    return group;
  }

  async get(principal: Principal, groupId: string): Promise<Group> {
    return (await this.options.authorize.group('getGroup', principal, groupId)).group;
  }

  /** Changes the fields sent; `members` replaces the list, each change audited. */
  async update(principal: Principal, groupId: string, change: GroupUpdate): Promise<Group> {
    const access = await this.options.authorize.group('updateGroup', principal, groupId);
    const current = access.group;
    const at = this.nowIso();
    const updated: Group = {
      ...current,
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.description === undefined ? {} : { description: change.description }),
      ...(change.privacy === undefined ? {} : { privacy: change.privacy }),
      ...(change.members === undefined ? {} : { members: [...new Set(change.members)].sort() }),
      updated_at: at,
    };
    try {
      await this.options.repository.transaction(async (tx) => {
        await checkMembers(tx, current.org_id, updated.members);
        await tx.organizations.saveGroup(updated);
        for (const userId of updated.members.filter((id) => !current.members.includes(id))) {
          await recordAudit(tx.organizations, access, { action: 'group_member_added', userId, from: null, to: current.group_id, at });
        }
        for (const userId of current.members.filter((id) => !updated.members.includes(id))) {
          await recordAudit(tx.organizations, access, { action: 'group_member_removed', userId, from: current.group_id, to: null, at });
        }
      });
    } catch (error) {
      throw nameTaken(error, updated.name);
    }
    return updated;
  }

  /** Deletes a group; each member leaving it is audited. */
  async delete(principal: Principal, groupId: string): Promise<void> {
    const { group, ...access } = await this.options.authorize.group('deleteGroup', principal, groupId);
    const at = this.nowIso();
    await this.options.repository.transaction(async (tx) => {
      await tx.organizations.deleteGroup(group.group_id);
      for (const userId of group.members) {
        await recordAudit(tx.organizations, access, { action: 'group_member_removed', userId, from: group.group_id, to: null, at });
      }
    });
  }
}
