/**
 * Invitations to an organization: single-use ones emailed to an address (the email written to
 * the outbox in the invitation's transaction) and multi-use links. Tokens are secrets: only
 * their SHA-256 hash is stored. Accepting takes one use atomically (invitation-storage.ts)
 * inside the transaction that adds the member, so a refused accept (already in an
 * organization, another address) gives the use back. Accepting and revoking are audited.
 */
import type { components } from '@astral/openapi';
import { ConflictError, ForbiddenError, InvalidError, InvalidTokenError, NotFoundError } from '../../domain/errors.js';
import { randomId } from '../../domain/ids.js';
import { formatInstant, parseInstant } from '../../domain/time.js';
import type { OutboxStorage, OutgoingEmail } from '../../email/outbox.js';
import type { Transactional } from '../../storage/transactional.js';
import { hashCredential, newSecret } from '../auth/credentials.js';
import type { Principal } from '../../domain/principal.js';
import { decodeInvitationsCursor, encodeInvitationsCursor } from './cursors.js';
import type { StoredInvitation } from './invitation-storage.js';
import type { AuditAction, Member, StoredMember } from './model.js';
import type { Access } from './permissions.js';
import type { OrganizationStorage } from './storage.js';
import type { UserStorage } from '../users/storage.js';

export type Invitation = components['schemas']['Invitation'];
export type InvitationCreate = components['schemas']['InvitationCreate'];

const day = 24 * 60 * 60 * 1000;
/** Without `expires_at`, an invitation is good for 7 days; never more than 90. */
export const defaultInvitationDays = 7;
export const maxInvitationDays = 90;

/** The storages the organization use cases read and change (an invitation is emailed through the outbox). */
export interface OrganizationStorages {
  organizations: OrganizationStorage;
  users: UserStorage;
  outbox: OutboxStorage;
}

type Storages = OrganizationStorages;

/** Writes one audit event in the transaction `tx`: who (`access`) did `action` to `userId`, from what to what. */
export type WriteAudit = (
  tx: Storages,
  access: Pick<Access, 'organizationId' | 'actorId'>,
  action: AuditAction,
  userId: string,
  from: string | null,
  to: string | null,
  at: string,
) => Promise<void>;

export interface InvitationServiceOptions {
  repository: Pick<Transactional<OrganizationStorages>, 'organizations' | 'transaction'>;
  /** Where emailed links point (`APP_URL`): `${appUrl}/join?token=...`. */
  appUrl: string;
  now?: () => Date;
  /** Writes one audit event in the transaction (the organization service's). */
  audit: WriteAudit;
  /** The new membership of an accepter, as the organization service makes them. */
  newAthlete: (userId: string, organizationId: string, at: string) => StoredMember;
  /** Links the accepter's profile to the organization. */
  linkProfile: (tx: Storages, userId: string, organizationId: string, at: string) => Promise<void>;
  /** The membership as its athlete sees it. */
  memberView: (organizationId: string, userId: string) => Promise<Member>;
}

const viewOf = ({ organization_id, ...rest }: StoredInvitation): Invitation => ({ ...rest, org_id: organization_id });

/**
 * The invitation email: a link to `${appUrl}/join?token=<token>`.
 *
 * @example
 * ```ts
 * invitationEmail({ to: 'maya@example.com', token: 'inv_...', appUrl: 'http://127.0.0.1:5173', organization: 'Alpine Running Club', expiresAt: '2026-02-01T00:00:00Z' }).subject;
 * ```
 */
export function invitationEmail(options: {
  to: string;
  token: string;
  appUrl: string;
  organization: string;
  expiresAt: string;
}): OutgoingEmail {
  const url = new URL('join', options.appUrl.endsWith('/') ? options.appUrl : `${options.appUrl}/`);
  url.searchParams.set('token', options.token);
  return {
    to: options.to,
    subject: `You are invited to join ${options.organization} on Astral`,
    text: [
      `${options.organization} invites you to join them on Astral.`,
      '',
      `Open this link to accept (sign up first if you have no account; it works once, until ${options.expiresAt}):`,
      url.toString(),
      '',
      'If you do not know this organization, ignore this email.',
    ].join('\n'),
  };
}

/**
 * The invitation use cases over the repository.
 *
 * @example
 * ```ts
 * const { invitation, token } = await invitations.create(access, { max_uses: 25 });
 * await invitations.accept(principal, token!);
 * ```
 */
export class InvitationService {
  private readonly now: () => Date;

  constructor(private readonly options: InvitationServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** A new invitation; a link's token is returned, an email's only sent. */
  async create(access: Access, input: InvitationCreate): Promise<{ invitation: Invitation; token: string | undefined }> {
    const { repository } = this.options;
    const nowMs = this.now().getTime();
    const expiresMs = input.expires_at === undefined ? nowMs + defaultInvitationDays * day : parseInstant(input.expires_at);
    if (expiresMs === undefined) throw new InvalidError('expires_at', 'expires_at must be a date-time');
    if (expiresMs <= nowMs) throw new InvalidError('expires_at', 'expires_at must be in the future');
    if (expiresMs > nowMs + maxInvitationDays * day) {
      throw new InvalidError('expires_at', `expires_at must be at most ${maxInvitationDays} days away`);
    }
    const email = input.email?.trim();
    if (email !== undefined && input.max_uses !== undefined && input.max_uses !== 1) {
      throw new InvalidError('max_uses', 'An emailed invitation is for one person: leave max_uses out or send 1');
    }
    if (email === undefined && input.max_uses === undefined) throw new InvalidError('max_uses', 'A link needs max_uses');
    if (input.group_id !== undefined) {
      const group = await repository.organizations.group(input.group_id);
      if (!group || group.org_id !== access.organizationId) throw new NotFoundError('group', 'group_id');
    }
    const token = newSecret('inv');
    const stored: StoredInvitation = {
      invitation_id: randomId('inv'),
      organization_id: access.organizationId,
      kind: email === undefined ? 'link' : 'email',
      email: email ?? null,
      group_id: input.group_id ?? null,
      max_uses: input.max_uses ?? 1,
      uses: 0,
      created_by: access.callerUserId ?? null,
      created_at: formatInstant(nowMs),
      expires_at: formatInstant(expiresMs),
      revoked_at: null,
    };
    await repository.transaction(async (tx) => {
      await tx.organizations.addInvitation(stored, hashCredential(token));
      if (email !== undefined) {
        const organization = await tx.organizations.get(access.organizationId);
        const mail = invitationEmail({
          to: email,
          token,
          appUrl: this.options.appUrl,
          organization: organization!.display_name,
          expiresAt: stored.expires_at,
        });
        await tx.outbox.enqueue(mail, this.now());
      }
    });
    return { invitation: viewOf(stored), token: email === undefined ? token : undefined };
  }

  /** A page of the organization's invitations by id. */
  async list(access: Access, query: { limit?: number; cursor?: string }): Promise<{ data: Invitation[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const afterId = query.cursor === undefined ? undefined : decodeInvitationsCursor(query.cursor);
    const rows = await this.options.repository.organizations.invitations({
      organizationId: access.organizationId,
      afterId,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit).map(viewOf);
    return { data: page, nextCursor: rows.length > limit ? encodeInvitationsCursor(page.at(-1)!.invitation_id) : null };
  }

  /** Revokes one of the organization's invitations, audited (`user_id`: its creator, else the head coach). */
  async revoke(access: Access, invitationId: string): Promise<void> {
    const at = formatInstant(this.now().getTime());
    await this.options.repository.transaction(async (tx) => {
      const invitation = await tx.organizations.invitation(access.organizationId, invitationId);
      if (!invitation || !(await tx.organizations.revokeInvitation(access.organizationId, invitationId, at))) {
        throw new NotFoundError('invitation', 'invitation_id');
      }
      const subject = invitation.created_by ?? (await tx.organizations.details(access.organizationId))?.head_coach_user_id;
      if (subject) await this.options.audit(tx, access, 'invitation_revoked', subject, invitation.invitation_id, null, at);
    });
  }

  /** The signed-in user joins the invitation's organization (and group), audited. */
  async accept(principal: Principal, token: string): Promise<Member> {
    if (principal.principal_type !== 'user') throw new ForbiddenError('Only a signed-in user accepts an invitation', 'token');
    const { repository } = this.options;
    const nowMs = this.now().getTime();
    const at = formatInstant(nowMs);
    const userId = principal.user_id;
    const organizationId = await repository.transaction(async (tx) => {
      const use = await tx.organizations.useInvitation(hashCredential(token), nowMs);
      if (use.outcome !== 'used') throw new InvalidTokenError('token');
      const { invitation } = use;
      if (await tx.organizations.membership(userId)) throw new ConflictError('You already belong to an organization', 'token');
      if (invitation.email !== null) {
        const user = await tx.users.get(userId);
        if (user?.email?.toLowerCase() !== invitation.email.toLowerCase()) {
          throw new ForbiddenError('This invitation was sent to another address', 'token');
        }
      }
      const access = { organizationId: invitation.organization_id, actorId: userId };
      await tx.organizations.addMember(this.options.newAthlete(userId, invitation.organization_id, at));
      await this.options.linkProfile(tx, userId, invitation.organization_id, at);
      await this.options.audit(tx, access, 'invitation_accepted', userId, null, invitation.invitation_id, at);
      const group = invitation.group_id === null ? undefined : await tx.organizations.group(invitation.group_id);
      if (group) {
        await tx.organizations.saveGroup({ ...group, members: [...group.members, userId].sort(), updated_at: at });
        await this.options.audit(tx, access, 'group_member_added', userId, null, group.group_id, at);
      }
      return invitation.organization_id;
    });
    return this.options.memberView(organizationId, userId);
  }
}
