/**
 * The Organizations use cases: create one (its creator becomes head coach), read and change
 * it, manage its members (add, read, change attributes, remove, promote or demote, assign a
 * coach) and read the audit log. Who may do what is decided by `authorize` (permissions.ts)
 * before anything here runs; what is here are the rules of the changes themselves. Every
 * change of membership or role writes its audit event in the same transaction.
 */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../domain/errors.js';
import { randomId } from '../../domain/ids.js';
import { formatInstant } from '../../domain/time.js';
import type { Transactional } from '../../storage/transactional.js';
import { hashCredential, newSecret } from '../auth/credentials.js';
import { parseInstant } from '../../domain/time.js';
import type { Principal } from '../../domain/principal.js';
import {
  decodeAuditCursor,
  decodeMembersCursor,
  decodeGroupsCursor,
  decodeOrganizationsCursor,
  encodeGroupsCursor,
  encodeAuditCursor,
  encodeMembersCursor,
  encodeOrganizationsCursor,
  membersFingerprint,
} from './cursors.js';
import {
  coachingRoles,
  type ApiKey,
  type ApiKeyCreate,
  type Group,
  type GroupCreate,
  type GroupUpdate,
  type AuditEvent,
  type Member,
  type MemberCreate,
  type MemberUpdate,
  type Organization,
  type OrganizationCreate,
  type OrganizationRole,
  type OrganizationUpdate,
  type StoredMember,
} from './model.js';
import { newMember } from './new-member.js';
import { visibleOrganizations, type Access } from './permissions.js';
import { UniqueViolationError } from '../../storage/errors.js';
import type { MemberView } from './storage.js';
import { InvitationService, type OrganizationStorages, type WriteAudit } from './invitations.js';

export interface OrganizationServiceOptions {
  repository: Transactional<OrganizationStorages>;
  now?: () => Date;
  /** Where emailed invitation links point (`APP_URL`). */
  appUrl?: string;
}

/** A page of a list and the cursor of the next. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

type Storages = OrganizationStorages;

let sequence = 0;
/** `aud_` + the instant + a per-process sequence + randomness: events of one instant keep their order on one instance. */
function auditEventId(ms: number): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `aud_${ms.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomId('x', 8).slice(2)}`;
}

/**
 * A membership as the caller may see it: an athlete never gets the coach-only fields.
 *
 * @example
 * ```ts
 * visibleMember(view, 'athlete'); // no coach_labels, no coach_notes
 * ```
 */
export function visibleMember(member: MemberView, column: Access['column']): Member {
  const { organization_id, coach_labels, coach_notes, ...rest } = member;
  const shown: Member = { ...rest, org_id: organization_id };
  return column === 'athlete' ? shown : { ...shown, coach_labels, coach_notes };
}

/** The account's `membership_role` that goes with a role in an organization. */
const membershipRoleOf = (role: OrganizationRole | null) => (role === null || role === 'athlete' ? 'athlete' : 'coach');

/**
 * The Organizations use cases over the repository.
 *
 * @example
 * ```ts
 * const organizations = new OrganizationService({ repository });
 * await organizations.create(principal, { name: 'Alpine Running Club' });
 * ```
 */
export class OrganizationService {
  private readonly repository: OrganizationServiceOptions['repository'];
  private readonly now: () => Date;

  /** Invitations (invitations.ts), on this service's membership rules and audit log. */
  readonly invitations: InvitationService;

  constructor(options: OrganizationServiceOptions) {
    this.repository = options.repository;
    this.now = options.now ?? (() => new Date());
    this.invitations = new InvitationService({
      repository: this.repository,
      appUrl: options.appUrl ?? 'http://127.0.0.1:5173',
      now: this.now,
      audit: this.audit,
      newAthlete: (userId, organizationId, at) => newMember(userId, organizationId, 'athlete', at),
      linkProfile: (tx, userId, organizationId, at) => this.linkProfile(tx, userId, organizationId, 'athlete', at),
      memberView: async (organizationId, userId) =>
        visibleMember((await this.repository.organizations.member(organizationId, userId))!, 'athlete'),
    });
  }

  private nowIso(): string {
    return formatInstant(this.now().getTime());
  }

  private readonly audit: WriteAudit = async (tx, access, action, userId, from, to, at) => {
    const event: AuditEvent = {
      event_id: auditEventId(Date.parse(at)),
      org_id: access.organizationId,
      actor_id: access.actorId,
      action,
      user_id: userId,
      from_value: from,
      to_value: to,
      occurred_at: at,
    };
    await tx.organizations.addAuditEvent(event);
  };

  /** Links (or unlinks) the user's profile to the organization, with the matching `membership_role`. */
  private async linkProfile(tx: Storages, userId: string, organizationId: string | null, role: OrganizationRole | null, at: string) {
    await tx.users.update(userId, (user) => ({ ...user, org_id: organizationId, membership_role: membershipRoleOf(role), updated_at: at }));
  }

  /** Unassigns a former coach's athletes, each unassignment audited. */
  private async unassignAthletes(tx: Storages, access: Access, coachId: string, at: string): Promise<void> {
    for (const athleteId of await tx.organizations.unassignAthletesOf(access.organizationId, coachId, at)) {
      await this.audit(tx, access, 'coach_assigned', athleteId, coachId, null, at);
    }
  }

  /** Creates an organization with the caller as head coach; a caller already in one is a conflict. */
  async create(principal: Principal, input: OrganizationCreate): Promise<Organization> {
    const at = this.nowIso();
    const organizationId = randomId('org');
    const organization: Organization = {
      org_id: organizationId,
      name: input.name,
      description: input.description ?? null,
      head_coach_user_id: principal.user_id,
      settings: { training_principle: input.settings?.training_principle ?? null, logo_url: input.settings?.logo_url ?? null },
      created_at: at,
      updated_at: at,
    };
    await this.repository.transaction(async (tx) => {
      if (await tx.organizations.membership(principal.user_id)) {
        throw new ConflictError('You are already a member of an organization; leave it before creating another');
      }
      await tx.organizations.create({
        organization_id: organizationId,
        // Organizations' usernames (an API key's principal) must be unique: the id is.
        username: organizationId,
        display_name: organization.name,
        description: organization.description,
        head_coach_user_id: principal.user_id,
        settings: organization.settings,
        created_at: at,
        updated_at: at,
      });
      await tx.organizations.addMember(newMember(principal.user_id, organizationId, 'head_coach', at));
      await this.linkProfile(tx, principal.user_id, organizationId, 'head_coach', at);
      await this.audit(
        tx,
        { organizationId, actorId: principal.user_id },
        'organization_created',
        principal.user_id,
        null,
        'head_coach',
        at,
      );
    });
    return organization;
  }

  /** The organizations the caller may see: every one for an admin (paged), else their own, if any. */
  async list(principal: Principal, query: { limit?: number; cursor?: string }): Promise<Page<Organization>> {
    const limit = query.limit ?? 20;
    const afterId = query.cursor === undefined ? undefined : decodeOrganizationsCursor(query.cursor);
    const visible = await visibleOrganizations(this.repository.organizations, principal);
    let rows: Organization[];
    if (visible.all) {
      rows = await this.repository.organizations.list({ afterId, limit: limit + 1 });
    } else {
      const own = visible.organizationId === null ? undefined : await this.repository.organizations.details(visible.organizationId);
      rows = own && (afterId === undefined || own.org_id > afterId) ? [own] : [];
    }
    const page = rows.slice(0, limit);
    return { data: page, nextCursor: rows.length > limit ? encodeOrganizationsCursor(page.at(-1)!.org_id) : null };
  }

  async get(access: Access): Promise<Organization> {
    const organization = await this.repository.organizations.details(access.organizationId);
    if (!organization) throw new NotFoundError('organization', 'org_id');
    return organization;
  }

  /** Changes the fields sent; within `settings`, only the keys sent. */
  async update(access: Access, change: OrganizationUpdate): Promise<Organization> {
    return this.repository.transaction(async (tx) => {
      const current = await tx.organizations.details(access.organizationId);
      if (!current) throw new NotFoundError('organization', 'org_id');
      const updated: Organization = {
        ...current,
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.description === undefined ? {} : { description: change.description }),
        settings: { ...current.settings, ...change.settings },
        updated_at: formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1000)),
      };
      await tx.organizations.update(updated);
      return updated;
    });
  }

  /** A page of members, filtered; an assistant coach's page holds only their athletes. */
  async listMembers(
    access: Access,
    query: { role?: OrganizationRole; status?: StoredMember['status']; label?: string; limit?: number; cursor?: string },
  ): Promise<Page<Member>> {
    const limit = query.limit ?? 20;
    const fingerprint = membersFingerprint(query);
    const afterUserId = query.cursor === undefined ? undefined : decodeMembersCursor(query.cursor, fingerprint);
    const rows = await this.repository.organizations.members({
      organizationId: access.organizationId,
      role: query.role,
      status: query.status,
      label: query.label,
      coachId: access.scope === 'assigned' ? access.callerUserId : undefined,
      afterUserId,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeMembersCursor(page.at(-1)!.user_id, fingerprint) : null;
    return { data: page.map((member) => visibleMember(member, access.column)), nextCursor };
  }

  /** Adds an existing user, by email or user ID, as an athlete. */
  async addMember(access: Access, input: MemberCreate): Promise<Member> {
    if ((input.email === undefined) === (input.user_id === undefined)) {
      throw new InvalidError('email', 'Send exactly one of email and user_id');
    }
    const field = input.email === undefined ? 'user_id' : 'email';
    const at = this.nowIso();
    await this.repository.transaction(async (tx) => {
      const userId = input.email === undefined ? input.user_id! : (await tx.users.findByEmail(input.email))?.user.user_id;
      const user = userId === undefined ? undefined : await tx.users.get(userId);
      if (!user) throw new NotFoundError('user', field);
      if (await tx.organizations.membership(user.user_id)) throw new ConflictError('This user already belongs to an organization', field);
      const member: StoredMember = {
        ...newMember(user.user_id, access.organizationId, 'athlete', at),
        nickname: input.nickname ?? null,
        level: input.level ?? null,
        labels: input.labels ?? [],
        coach_labels: input.coach_labels ?? [],
        coach_notes: input.coach_notes ?? null,
      };
      await tx.organizations.addMember(member);
      await this.linkProfile(tx, user.user_id, access.organizationId, 'athlete', at);
      await this.audit(tx, access, 'member_added', user.user_id, null, 'athlete', at);
      input = { ...input, user_id: user.user_id };
    });
    const added = await this.repository.organizations.member(access.organizationId, input.user_id!);
    return visibleMember(added!, access.column);
  }

  getMember(access: Access): Member {
    return visibleMember(access.target!, access.column);
  }

  /** Changes the attributes sent; a change of status is audited. */
  async updateMember(access: Access, change: MemberUpdate): Promise<Member> {
    const target = access.target!;
    const at = this.nowIso();
    const updated: MemberView = { ...target, ...change, updated_at: at };
    await this.repository.transaction(async (tx) => {
      await tx.organizations.saveMember(stored(updated));
      if (change.status !== undefined && change.status !== target.status) {
        await this.audit(tx, access, 'member_status_changed', target.user_id, target.status, change.status, at);
      }
    });
    return visibleMember(updated, access.column);
  }

  /** Removes a member (never the head coach); their athletes become unassigned and their profile unlinked. */
  async removeMember(access: Access): Promise<void> {
    const target = access.target!;
    if (target.role === 'head_coach') throw new ForbiddenError('The head coach cannot be removed from the organization', 'user_id');
    const at = this.nowIso();
    await this.repository.transaction(async (tx) => {
      await tx.organizations.removeMember(access.organizationId, target.user_id);
      for (const groupId of await tx.organizations.leaveGroups(access.organizationId, target.user_id)) {
        await this.audit(tx, access, 'group_member_removed', target.user_id, groupId, null, at);
      }
      await this.unassignAthletes(tx, access, target.user_id, at);
      await this.linkProfile(tx, target.user_id, null, null, at);
      await this.audit(tx, access, 'member_removed', target.user_id, target.role, null, at);
    });
  }

  /** Promotes or demotes; the head coach's role is not changed here. */
  async changeRole(access: Access, role: Exclude<OrganizationRole, 'head_coach'>): Promise<Member> {
    const target = access.target!;
    if (target.role === 'head_coach') throw new ForbiddenError("The head coach's role cannot be changed", 'user_id');
    if (target.role === role) return visibleMember(target, access.column);
    const at = this.nowIso();
    // A coach has no coach of their own; a former coach's athletes are unassigned.
    const updated: MemberView = { ...target, role, coach_id: role === 'athlete' ? target.coach_id : null, updated_at: at };
    await this.repository.transaction(async (tx) => {
      await tx.organizations.saveMember(stored(updated));
      if (role === 'athlete') await this.unassignAthletes(tx, access, target.user_id, at);
      await this.linkProfile(tx, target.user_id, access.organizationId, role, at);
      await this.audit(tx, access, 'role_changed', target.user_id, target.role, role, at);
    });
    return visibleMember(updated, access.column);
  }

  /** Assigns an athlete to a coaching member of the organization, or unassigns them. */
  async assignCoach(access: Access, coachId: string | null): Promise<Member> {
    const target = access.target!;
    if (target.role !== 'athlete') throw new InvalidError('user_id', 'Only athletes are assigned to a coach');
    if (coachId !== null) {
      const coach = await this.repository.organizations.member(access.organizationId, coachId);
      if (!coach || !coachingRoles.includes(coach.role)) {
        throw new InvalidError('coach_id', 'coach_id must be a head coach, assistant coach or coach of this organization');
      }
    }
    if (target.coach_id === coachId) return visibleMember(target, access.column);
    const at = this.nowIso();
    const updated: MemberView = { ...target, coach_id: coachId, updated_at: at };
    await this.repository.transaction(async (tx) => {
      await tx.organizations.saveMember(stored(updated));
      await this.audit(tx, access, 'coach_assigned', target.user_id, target.coach_id, coachId, at);
    });
    return visibleMember(updated, access.column);
  }

  /** The organization's active keys, newest first; never their secrets. */
  apiKeys(access: Access): Promise<ApiKey[]> {
    return this.repository.organizations.apiKeys(access.organizationId, this.now().getTime(), maxActiveApiKeys);
  }

  /**
   * A new key: its secret is returned here only, its SHA-256 hash stored (as access tokens),
   * so a leaked database gives no usable key.
   */
  async createApiKey(access: Access, input: ApiKeyCreate): Promise<{ key: ApiKey; secret: string }> {
    const nowMs = this.now().getTime();
    const expiresMs = input.expires_at === undefined ? undefined : parseInstant(input.expires_at);
    if (expiresMs !== undefined && expiresMs <= nowMs) throw new InvalidError('expires_at', 'expires_at must be in the future');
    const secret = newSecret('astral_live');
    const key: ApiKey = {
      key_id: randomId('key'),
      org_id: access.organizationId,
      name: input.name,
      prefix: secret.slice(0, 16),
      created_by: access.callerUserId ?? null,
      created_at: formatInstant(nowMs),
      expires_at: expiresMs === undefined ? null : formatInstant(expiresMs),
    };
    await this.repository.transaction(async (tx) => {
      if ((await tx.organizations.apiKeys(access.organizationId, nowMs, maxActiveApiKeys)).length >= maxActiveApiKeys) {
        throw new ConflictError(`This organization already has ${maxActiveApiKeys} active API keys; revoke one first`);
      }
      await tx.organizations.addApiKey(access.organizationId, hashCredential(secret), { ...key });
    });
    return { key, secret };
  }

  /** Revokes a key of the organization: the next request with it is refused, on every instance. */
  async revokeApiKey(access: Access, keyId: string): Promise<void> {
    if (!(await this.repository.organizations.revokeApiKeyById(access.organizationId, keyId, this.nowIso()))) {
      throw new NotFoundError('API key', 'key_id');
    }
  }

  /** The organization a new group goes to: `org_id`, else the caller's own. */
  async groupOrganization(principal: Principal, orgId: string | undefined): Promise<string> {
    if (orgId !== undefined) return orgId;
    if (principal.principal_type === 'organization' && principal.organization_id) return principal.organization_id;
    const membership = principal.role === 'admin' ? undefined : await this.repository.organizations.membership(principal.user_id);
    if (!membership) throw new InvalidError('org_id', 'org_id is required: you belong to no organization');
    return membership.organization_id;
  }

  /** Every listed member must be a member of the organization. */
  private async checkGroupMembers(tx: Storages, organizationId: string, members: readonly string[]): Promise<void> {
    for (const userId of members) {
      if (!(await tx.organizations.member(organizationId, userId))) {
        throw new InvalidError('members', `${userId} is not a member of this organization`);
      }
    }
  }

  private nameTaken(error: unknown, name: string): unknown {
    return error instanceof UniqueViolationError
      ? new ConflictError(`This organization already has a group named ${name}`, 'name', { cause: error })
      : error;
  }

  /** Creates a group owned by the caller; each member added is audited. */
  async createGroup(access: Access, input: GroupCreate): Promise<Group> {
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
      await this.repository.transaction(async (tx) => {
        await this.checkGroupMembers(tx, access.organizationId, group.members);
        await tx.organizations.createGroup(group);
        for (const userId of group.members) await this.audit(tx, access, 'group_member_added', userId, null, group.group_id, at);
      });
    } catch (error) {
      throw this.nameTaken(error, input.name);
    }
    return group;
  }

  /** Changes the fields sent; `members` replaces the list, each change audited. */
  async updateGroup(access: Access & { group: Group }, change: GroupUpdate): Promise<Group> {
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
      await this.repository.transaction(async (tx) => {
        await this.checkGroupMembers(tx, current.org_id, updated.members);
        await tx.organizations.saveGroup(updated);
        for (const userId of updated.members.filter((id) => !current.members.includes(id))) {
          await this.audit(tx, access, 'group_member_added', userId, null, current.group_id, at);
        }
        for (const userId of current.members.filter((id) => !updated.members.includes(id))) {
          await this.audit(tx, access, 'group_member_removed', userId, current.group_id, null, at);
        }
      });
    } catch (error) {
      throw this.nameTaken(error, updated.name);
    }
    return updated;
  }

  /** Deletes a group; each member leaving it is audited. */
  async deleteGroup(access: Access & { group: Group }): Promise<void> {
    const at = this.nowIso();
    await this.repository.transaction(async (tx) => {
      await tx.organizations.deleteGroup(access.group.group_id);
      for (const userId of access.group.members) {
        await this.audit(tx, access, 'group_member_removed', userId, access.group.group_id, null, at);
      }
    });
  }

  /** A page of the organization's groups: the ones the caller may see. */
  async listGroups(access: Access, query: { limit?: number; cursor?: string }): Promise<Page<Group>> {
    const limit = query.limit ?? 20;
    const afterId = query.cursor === undefined ? undefined : decodeGroupsCursor(query.cursor);
    const rows = await this.repository.organizations.groups({
      organizationId: access.organizationId,
      visibleTo: access.scope === 'visible' ? (access.callerUserId ?? '') : undefined,
      afterId,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return { data: page, nextCursor: rows.length > limit ? encodeGroupsCursor(page.at(-1)!.group_id) : null };
  }

  /** A page of the audit log, newest first. */
  async auditEvents(access: Access, query: { limit?: number; cursor?: string }): Promise<Page<AuditEvent>> {
    const limit = query.limit ?? 20;
    const before = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
    const rows = await this.repository.organizations.auditEvents({
      organizationId: access.organizationId,
      ...(before ? { before } : {}),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? encodeAuditCursor({ ms: Date.parse(last.occurred_at), eventId: last.event_id }) : null;
    return { data: page, nextCursor };
  }
}

/** The most active keys an organization may hold (the list answers them all). */
export const maxActiveApiKeys = 50;

const stored = ({ display_name: _name, ...member }: MemberView): StoredMember => member;
