/**
 * Invitations to an organization: single-use ones emailed to an address (the email written to
 * the outbox in the invitation's transaction) and multi-use links. Tokens are secrets: only
 * their SHA-256 hash is stored. Accepting takes one use atomically (storage.ts) inside the
 * transaction that adds the member, so a refused accept (already in an organization, another
 * address) gives the use back. Accepting and revoking are audited.
 */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';
import { ConflictError, ForbiddenError, InvalidError, InvalidTokenError, NotFoundError } from '../../../domain/errors.js';
import { randomId } from '../../../domain/ids.js';
import { contractId, keysetCursor, keysetPage, type Page } from '../../../domain/keyset-cursor.js';
import { isWellFormedSecret } from '../../../domain/secrets.js';
import { formatInstant, parseInstant } from '../../../domain/time.js';
import { hashCredential, newSecret } from '../../auth/credentials.js';
import type { Principal } from '../../../domain/principal.js';
import { recordAudit } from '../audit/service.js';
import { join } from '../members/joining.js';
import { visibleMember } from '../members/view.js';
import type { Member } from '../model.js';
import { newMember } from '../new-member.js';
import type { OrganizationParts } from '../parts.js';
import { invitationEmail } from './email.js';
import type { StoredInvitation } from './storage.js';

export type Invitation = components['schemas']['Invitation'];
export type InvitationCreate = components['schemas']['InvitationCreate'];

const day = 24 * 60 * 60 * 1000;
/** Without `expires_at`, an invitation is good for 7 days; never more than 90. */
export const defaultInvitationDays = 7;
export const maxInvitationDays = 90;

const cursor = keysetCursor({ invitationId: contractId('i', 'Invitation', 'invitation_id') });

export interface InvitationServiceOptions extends OrganizationParts {
  /** Where emailed links point (`APP_URL`, from config.ts): `${appUrl}/join?token=...`. */
  appUrl: string;
}

const viewOf = ({ organization_id, ...rest }: StoredInvitation): Invitation => ({ ...rest, org_id: organization_id });

/**
 * The invitation use cases over the organization storages.
 *
 * @example
 * ```ts
 * const { invitation, token } = await invitations.create(principal, 'org_alpineclub', { max_uses: 25 });
 * await invitations.accept(newcomer, token!);
 * ```
 */
export class InvitationService {
  constructor(private readonly options: InvitationServiceOptions) {}

  /** A new invitation; a link's token is returned, an email's only sent. */
  async create(
    principal: Principal,
    organizationId: string,
    input: InvitationCreate,
  ): Promise<{ invitation: Invitation; token: string | undefined }> {
    const access = await this.options.authorize('createOrganizationInvitation', principal, organizationId);
    const { repository } = this.options;
    const nowMs = this.options.now().getTime();
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
      if (!group || group.org_id !== organizationId) throw new NotFoundError('group', 'group_id');
    }
    const token = newSecret('invitationToken');
    const stored: StoredInvitation = {
      invitation_id: randomId('inv'),
      organization_id: organizationId,
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
        const organization = await tx.organizations.get(organizationId);
        const mail = invitationEmail({
          to: email,
          token,
          appUrl: this.options.appUrl,
          organization: organization!.display_name,
          expiresAt: stored.expires_at,
        });
        await tx.outbox.enqueue(mail, this.options.now());
      }
    });
    return { invitation: viewOf(stored), token: email === undefined ? token : undefined };
  }

  /** A page of the organization's invitations by id. */
  async list(principal: Principal, organizationId: string, query: QueryParams<'listOrganizationInvitations'>): Promise<Page<Invitation>> {
    await this.options.authorize('listOrganizationInvitations', principal, organizationId);
    const after = query.cursor === undefined ? undefined : cursor.decode(query.cursor).invitationId;
    const rows = await this.options.repository.organizations.invitations({ organizationId, afterId: after, limit: query.limit + 1 });
    return keysetPage(rows.map(viewOf), query.limit, (last) => cursor.encode({ invitationId: last.invitation_id }));
  }

  /** Revokes one of the organization's invitations, audited (`user_id`: its creator, else the head coach). */
  async revoke(principal: Principal, organizationId: string, invitationId: string): Promise<void> {
    const access = await this.options.authorize('deleteOrganizationInvitation', principal, organizationId);
    const at = formatInstant(this.options.now().getTime());
    await this.options.repository.transaction(async (tx) => {
      const invitation = await tx.organizations.invitation(organizationId, invitationId);
      if (!invitation || !(await tx.organizations.revokeInvitation(organizationId, invitationId, at))) {
        throw new NotFoundError('invitation', 'invitation_id');
      }
      const subject = invitation.created_by ?? (await tx.organizations.details(organizationId))?.head_coach_user_id;
      if (subject)
        await recordAudit(tx.organizations, access, { action: 'invitation_revoked', userId: subject, from: invitationId, to: null, at });
    });
  }

  /** The signed-in user joins the invitation's organization (and group), audited. The token is the authorization. */
  async accept(principal: Principal, token: string): Promise<Member> {
    if (principal.principal_type !== 'user') throw new ForbiddenError('Only a signed-in user accepts an invitation', 'token');
    const { repository } = this.options;
    const nowMs = this.options.now().getTime();
    const at = formatInstant(nowMs);
    const userId = principal.user_id;
    // A malformed token is refused as an unknown one is, without a lookup (domain/secrets.ts).
    if (!isWellFormedSecret(token, 'invitationToken')) throw new InvalidTokenError('token');
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
      const actor = { organizationId: invitation.organization_id, actorId: userId };
      await join(tx, newMember(userId, invitation.organization_id, 'athlete', at));
      await recordAudit(tx.organizations, actor, { action: 'invitation_accepted', userId, from: null, to: invitation.invitation_id, at });
      const group = invitation.group_id === null ? undefined : await tx.organizations.group(invitation.group_id);
      if (group) {
        await tx.organizations.saveGroup({ ...group, members: [...group.members, userId].sort(), updated_at: at });
        await recordAudit(tx.organizations, actor, { action: 'group_member_added', userId, from: null, to: group.group_id, at });
      }
      return invitation.organization_id;
    });
    return visibleMember((await repository.organizations.member(organizationId, userId))!, 'athlete');
  }
}
