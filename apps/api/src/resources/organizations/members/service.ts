/**
 * The membership use cases: list, add, read, change attributes, remove, promote or demote,
 * assign a coach. Who may do what is asked of `authorize` (permissions.ts) first; what is here
 * are the rules of the changes themselves. Every change of membership or role records its
 * audit event in the same transaction.
 */
import type { QueryParams, RateLimitPolicy, RateLimitState } from '@astral/server';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, RateLimitedError } from '../../../domain/errors.js';
import { contractId, filtersDigest, keysetCursor, keysetPage, type Page } from '../../../domain/keyset-cursor.js';
import { formatInstant } from '../../../domain/time.js';
import type { Principal } from '../../../domain/principal.js';
import { recordAudit } from '../audit/service.js';
import { coachingRoles, type Member, type MemberCreate, type MemberUpdate, type OrganizationRole } from '../model.js';
import { newMember } from '../new-member.js';
import type { Access } from '../permissions.js';
import type { OrganizationParts } from '../parts.js';
import type { OrganizationStorages } from '../storage.js';
import { join, linkProfile, storedMember } from './joining.js';
import type { MemberView } from './storage.js';
import { visibleMember } from './view.js';

/**
 * `createOrganizationMember` answers whether an address has an account (`404`) or is in
 * another organization (`409`), so a caller may try it only so often: 60 times an hour per
 * user or organization, as the contract's `RateLimit-Policy: "add_member";q=60;w=3600` says.
 */
export const addMemberLimit = { policy: 'add_member', limit: 60, windowSeconds: 3600 } as const satisfies RateLimitPolicy;

const cursor = keysetCursor({ userId: contractId('u', 'Member', 'user_id') }, { filtered: true });

/**
 * The membership use cases over the organization storages.
 *
 * @example
 * ```ts
 * const members = new MemberService({ repository, authorize: createAuthorizer(repository.organizations), now: () => new Date() });
 * await members.get(principal, 'org_alpineclub', 'usr_athlete2');
 * ```
 */
export class MemberService {
  constructor(private readonly options: OrganizationParts) {}

  private nowIso(): string {
    return formatInstant(this.options.now().getTime());
  }

  /** A page of members, filtered; an assistant coach's page holds only their athletes. */
  async list(principal: Principal, organizationId: string, query: QueryParams<'listOrganizationMembers'>): Promise<Page<Member>> {
    const access = await this.options.authorize('listOrganizationMembers', principal, organizationId);
    const filters = filtersDigest([query.role ?? null, query.status ?? null, query.label ?? null]);
    const after = query.cursor === undefined ? undefined : cursor.decode(query.cursor, filters);
    const found = await this.options.repository.organizations.members({
      organizationId,
      role: query.role,
      status: query.status,
      label: query.label,
      coachId: access.scope === 'assigned' ? access.callerUserId : undefined,
      afterUserId: after?.userId,
      limit: query.limit + 1,
    });
    const page = keysetPage(found, query.limit, (last) => cursor.encode({ userId: last.user_id }, filters));
    return { ...page, data: page.data.map((member) => visibleMember(member, access.column)) };
  }

  /**
   * Adds an existing user, by email or user ID, as an athlete. Every attempt by a caller with
   * the right counts against `addMemberLimit`, found or not; past it nothing is looked up.
   */
  async add(principal: Principal, organizationId: string, input: MemberCreate): Promise<{ member: Member; rateLimit: RateLimitState }> {
    const access = await this.options.authorize('createOrganizationMember', principal, organizationId);
    if ((input.email === undefined) === (input.user_id === undefined)) {
      throw new InvalidError('email', 'Send exactly one of email and user_id');
    }
    const field = input.email === undefined ? 'user_id' : 'email';
    const caller = `${principal.principal_type}:${principal.user_id}`;
    const { allowed, ...rateLimit } = await this.options.repository.rateLimits.consume(addMemberLimit, caller, this.options.now());
    if (!allowed) throw new RateLimitedError(rateLimit, field, 'Too many members added by this caller');
    const at = this.nowIso();
    const userId = await this.options.repository.transaction(async (tx) => {
      const id = input.email === undefined ? input.user_id! : (await tx.users.findByEmail(input.email))?.user.user_id;
      const user = id === undefined ? undefined : await tx.users.get(id);
      if (!user) throw new NotFoundError('user', field);
      if (await tx.organizations.membership(user.user_id)) throw new ConflictError('This user already belongs to an organization', field);
      await join(tx, {
        ...newMember(user.user_id, organizationId, 'athlete', at),
        nickname: input.nickname ?? null,
        level: input.level ?? null,
        labels: input.labels ?? [],
        coach_labels: input.coach_labels ?? [],
        coach_notes: input.coach_notes ?? null,
      });
      await recordAudit(tx.organizations, access, { action: 'member_added', userId: user.user_id, from: null, to: 'athlete', at });
      return user.user_id;
    });
    const added = await this.options.repository.organizations.member(organizationId, userId);
    return { member: visibleMember(added!, access.column), rateLimit };
  }

  async get(principal: Principal, organizationId: string, userId: string): Promise<Member> {
    const access = await this.options.authorize('getOrganizationMember', principal, organizationId, userId);
    return visibleMember(access.target!, access.column);
  }

  /** Changes the attributes sent; a change of status is audited. */
  async update(principal: Principal, organizationId: string, userId: string, change: MemberUpdate): Promise<Member> {
    const access = await this.options.authorize('updateOrganizationMember', principal, organizationId, userId);
    const target = access.target!;
    const at = this.nowIso();
    const updated: MemberView = { ...target, ...change, updated_at: at };
    await this.options.repository.transaction(async (tx) => {
      await tx.organizations.saveMember(storedMember(updated));
      if (change.status !== undefined && change.status !== target.status) {
        await recordAudit(tx.organizations, access, {
          action: 'member_status_changed',
          userId: target.user_id,
          from: target.status,
          to: change.status,
          at,
        });
      }
    });
    return visibleMember(updated, access.column);
  }

  /** Removes a member (never the head coach); they leave their groups, their athletes become unassigned, their profile unlinked. */
  async remove(principal: Principal, organizationId: string, userId: string): Promise<void> {
    const access = await this.options.authorize('deleteOrganizationMember', principal, organizationId, userId);
    const target = access.target!;
    if (target.role === 'head_coach') throw new ForbiddenError('The head coach cannot be removed from the organization', 'user_id');
    const at = this.nowIso();
    await this.options.repository.transaction(async (tx) => {
      await tx.organizations.removeMember(organizationId, target.user_id);
      for (const groupId of await tx.organizations.leaveGroups(organizationId, target.user_id)) {
        await recordAudit(tx.organizations, access, {
          action: 'group_member_removed',
          userId: target.user_id,
          from: groupId,
          to: null,
          at,
        });
      }
      await unassignAthletes(tx, access, target.user_id, at);
      await linkProfile(tx.users, { userId: target.user_id, organizationId: null, role: null, at });
      await recordAudit(tx.organizations, access, { action: 'member_removed', userId: target.user_id, from: target.role, to: null, at });
    });
  }

  /** Promotes or demotes; the head coach's role is not changed here. */
  async changeRole(
    principal: Principal,
    organizationId: string,
    userId: string,
    role: Exclude<OrganizationRole, 'head_coach'>,
  ): Promise<Member> {
    const access = await this.options.authorize('updateOrganizationMemberRole', principal, organizationId, userId);
    const target = access.target!;
    if (target.role === 'head_coach') throw new ForbiddenError("The head coach's role cannot be changed", 'user_id');
    if (target.role === role) return visibleMember(target, access.column);
    const at = this.nowIso();
    // A coach has no coach of their own; a former coach's athletes are unassigned.
    const updated: MemberView = { ...target, role, coach_id: role === 'athlete' ? target.coach_id : null, updated_at: at };
    await this.options.repository.transaction(async (tx) => {
      await tx.organizations.saveMember(storedMember(updated));
      if (role === 'athlete') await unassignAthletes(tx, access, target.user_id, at);
      await linkProfile(tx.users, { userId: target.user_id, organizationId, role, at });
      await recordAudit(tx.organizations, access, { action: 'role_changed', userId: target.user_id, from: target.role, to: role, at });
    });
    return visibleMember(updated, access.column);
  }

  /** Assigns an athlete to a coaching member of the organization, or unassigns them. */
  async assignCoach(principal: Principal, organizationId: string, userId: string, coachId: string | null): Promise<Member> {
    const access = await this.options.authorize('updateOrganizationMemberCoach', principal, organizationId, userId);
    const target = access.target!;
    if (target.role !== 'athlete') throw new InvalidError('user_id', 'Only athletes are assigned to a coach');
    if (coachId !== null) {
      const coach = await this.options.repository.organizations.member(organizationId, coachId);
      if (!coach || !coachingRoles.includes(coach.role)) {
        throw new InvalidError('coach_id', 'coach_id must be a head coach, assistant coach or coach of this organization');
      }
    }
    if (target.coach_id === coachId) return visibleMember(target, access.column);
    const at = this.nowIso();
    const updated: MemberView = { ...target, coach_id: coachId, updated_at: at };
    await this.options.repository.transaction(async (tx) => {
      await tx.organizations.saveMember(storedMember(updated));
      await recordAudit(tx.organizations, access, {
        action: 'coach_assigned',
        userId: target.user_id,
        from: target.coach_id,
        to: coachId,
        at,
      });
    });
    return visibleMember(updated, access.column);
  }
}

/** Unassigns a former coach's athletes, each unassignment audited. */
async function unassignAthletes(tx: OrganizationStorages, access: Access, coachId: string, at: string): Promise<void> {
  for (const athleteId of await tx.organizations.unassignAthletesOf(access.organizationId, coachId, at)) {
    await recordAudit(tx.organizations, access, { action: 'coach_assigned', userId: athleteId, from: coachId, to: null, at });
  }
}
