/**
 * Where organization invitations are kept: only the SHA-256 hash of each token (like access
 * tokens and API keys), so a leaked database gives no usable invitation. A use is taken by one
 * conditional UPDATE (`uses < max_uses`, not revoked, not expired), so concurrent accepts never
 * exceed `max_uses`, on SQLite and on PostgreSQL alike (the row is the lock).
 */
import type { StorageContext } from '../../storage/context.js';

/** An invitation as stored (without its token's hash): single-use to an email, or a multi-use link. */
export interface StoredInvitation {
  invitation_id: string;
  organization_id: string;
  kind: 'email' | 'link';
  email: string | null;
  group_id: string | null;
  max_uses: number;
  uses: number;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

interface InvitationRow extends StoredInvitation {
  token_hash: string;
  expires_ms: number | string;
}

/** The table this storage reads and writes (created by migration 5). */
export interface InvitationTables {
  organization_invitations: InvitationRow;
}

/** Why a token cannot be used now, or the invitation when it can. */
export type InvitationUse =
  | { outcome: 'used'; invitation: StoredInvitation }
  | { outcome: 'unknown' | 'revoked' | 'expired' | 'exhausted'; invitation?: StoredInvitation };

export interface InvitationStorage {
  addInvitation(invitation: StoredInvitation, tokenHash: string): Promise<void>;
  invitation(organizationId: string, invitationId: string): Promise<StoredInvitation | undefined>;
  /** A page of the organization's invitations by `invitation_id`, after `afterId`. */
  invitations(query: { organizationId: string; afterId?: string | undefined; limit: number }): Promise<StoredInvitation[]>;
  /** Revokes the organization's invitation; false when it has no such unrevoked one. */
  revokeInvitation(organizationId: string, invitationId: string, atIso: string): Promise<boolean>;
  /**
   * Takes one use of the invitation holding this token hash, atomically: `used` only when it
   * was unrevoked, unexpired at `nowMs` and below `max_uses`; otherwise why not.
   */
  useInvitation(tokenHash: string, nowMs: number): Promise<InvitationUse>;
}

const columns = [
  'invitation_id',
  'organization_id',
  'kind',
  'email',
  'group_id',
  'max_uses',
  'uses',
  'created_by',
  'created_at',
  'expires_at',
  'revoked_at',
  'expires_ms',
] as const;

/** Counts come back as strings from some drivers (bigint); the API's numbers are numbers. */
const invitationOf = ({ expires_ms: _ms, ...row }: Omit<InvitationRow, 'token_hash'>): StoredInvitation => ({
  ...row,
  max_uses: Number(row.max_uses),
  uses: Number(row.uses),
});

/**
 * The invitations storage on a database.
 *
 * @example
 * ```ts
 * const invitations = openInvitationStorage(context.as<InvitationTables>());
 * await invitations.useInvitation(hashCredential(token), Date.now());
 * ```
 */
export function openInvitationStorage(context: StorageContext<InvitationTables>): InvitationStorage {
  const { db } = context;
  const select = () => db.selectFrom('organization_invitations').select(columns);
  return {
    addInvitation: async (invitation, tokenHash) => {
      await context.run(
        db
          .insertInto('organization_invitations')
          .values({ ...invitation, token_hash: tokenHash, expires_ms: Date.parse(invitation.expires_at) }),
      );
    },
    invitation: async (organizationId, invitationId) => {
      const row = await context.first(select().where('organization_id', '=', organizationId).where('invitation_id', '=', invitationId));
      return row && invitationOf(row);
    },
    invitations: async ({ organizationId, afterId, limit }) => {
      let query = select().where('organization_id', '=', organizationId);
      if (afterId !== undefined) query = query.where('invitation_id', '>', afterId);
      return (await context.rows(query.orderBy('invitation_id').limit(limit))).map(invitationOf);
    },
    revokeInvitation: async (organizationId, invitationId, at) =>
      (await context.run(
        db
          .updateTable('organization_invitations')
          .set({ revoked_at: at })
          .where('organization_id', '=', organizationId)
          .where('invitation_id', '=', invitationId)
          .where('revoked_at', 'is', null),
      )) > 0,
    useInvitation: async (tokenHash, nowMs) => {
      const taken = await context.run(
        db
          .updateTable('organization_invitations')
          .set((eb) => ({ uses: eb('uses', '+', 1) }))
          .where('token_hash', '=', tokenHash)
          .where('revoked_at', 'is', null)
          .where('expires_ms', '>', nowMs)
          .whereRef('uses', '<', 'max_uses'),
      );
      const row = await context.first(select().where('token_hash', '=', tokenHash));
      if (!row) return { outcome: 'unknown' };
      const invitation = invitationOf(row);
      if (taken > 0) return { outcome: 'used', invitation };
      if (invitation.revoked_at !== null) return { outcome: 'revoked', invitation };
      if (Number(row.expires_ms) <= nowMs) return { outcome: 'expired', invitation };
      return { outcome: 'exhausted', invitation };
    },
  };
}
