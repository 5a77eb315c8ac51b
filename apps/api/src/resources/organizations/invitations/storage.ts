/**
 * Where organization invitations are kept: only the SHA-256 hash of each token (like access
 * tokens and API keys), so a leaked database gives no usable invitation. A use is taken by one
 * conditional UPDATE (`uses < max_uses`, not revoked, not expired), so concurrent accepts never
 * exceed `max_uses`, on SQLite and on PostgreSQL alike (the row is the lock). Every query is
 * compiled once.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../../storage/prepared.js';

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
  invitations(query: { organizationId: string; afterId?: string | undefined; limit: number }): Promise<ListRows<StoredInvitation>>;
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
] as const satisfies ReadonlyArray<keyof InvitationRow>;

type SelectedInvitation = Omit<InvitationRow, 'token_hash'>;

const queries = (db: Kysely<InvitationTables>) => {
  const select = () => db.selectFrom('organization_invitations').select(columns);
  return {
    insert: prepareQuery<InvitationRow, never>((param) =>
      db.insertInto('organization_invitations').values(columnParams(param, [...columns, 'token_hash'])),
    ),
    byId: prepareQuery<{ organizationId: string; invitationId: string }, SelectedInvitation>((param) =>
      select().where('organization_id', '=', param('organizationId')).where('invitation_id', '=', param('invitationId')),
    ),
    /** The page (with and without a cursor) and the count of the organization's invitations. */
    page: prepareList<{ organizationId: string; afterId?: string | undefined; limit: number }, SelectedInvitation>()(
      { filters: [], position: ['afterId'] },
      (param) => select().where('organization_id', '=', param('organizationId')),
      (query, param, given) =>
        (given('afterId') ? query.where('invitation_id', '>', param('afterId')!) : query).orderBy('invitation_id').limit(param('limit')),
    ),
    revoke: prepareQuery<{ organizationId: string; invitationId: string; at: string }, never>((param) =>
      db
        .updateTable('organization_invitations')
        .set({ revoked_at: param('at') })
        .where('organization_id', '=', param('organizationId'))
        .where('invitation_id', '=', param('invitationId'))
        .where('revoked_at', 'is', null),
    ),
    takeUse: prepareQuery<{ tokenHash: string; nowMs: number }, never>((param) =>
      db
        .updateTable('organization_invitations')
        .set((eb) => ({ uses: eb('uses', '+', 1) }))
        .where('token_hash', '=', param('tokenHash'))
        .where('revoked_at', 'is', null)
        .where('expires_ms', '>', param('nowMs'))
        .whereRef('uses', '<', 'max_uses'),
    ),
    byTokenHash: prepareQuery<{ tokenHash: string }, SelectedInvitation>((param) => select().where('token_hash', '=', param('tokenHash'))),
  };
};

/** Counts come back as strings from some drivers (bigint); the API's numbers are numbers. */
const invitationOf = ({ expires_ms: _ms, ...row }: SelectedInvitation): StoredInvitation => ({
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
  const q = context.once(queries);
  return {
    addInvitation: async (invitation, tokenHash) => {
      await context.run(q.insert.bind({ ...invitation, token_hash: tokenHash, expires_ms: Date.parse(invitation.expires_at) }));
    },
    invitation: async (organizationId, invitationId) => {
      const row = await context.first(q.byId.bind({ organizationId, invitationId }));
      return row && invitationOf(row);
    },
    invitations: async (query) => {
      const { rows, total } = await readList(context, q.page, query);
      return { rows: rows.map(invitationOf), total };
    },
    revokeInvitation: async (organizationId, invitationId, at) =>
      (await context.run(q.revoke.bind({ organizationId, invitationId, at }))) > 0,
    useInvitation: async (tokenHash, nowMs) => {
      const taken = await context.run(q.takeUse.bind({ tokenHash, nowMs }));
      const row = await context.first(q.byTokenHash.bind({ tokenHash }));
      if (!row) return { outcome: 'unknown' };
      const invitation = invitationOf(row);
      if (taken > 0) return { outcome: 'used', invitation };
      if (invitation.revoked_at !== null) return { outcome: 'revoked', invitation };
      if (Number(row.expires_ms) <= nowMs) return { outcome: 'expired', invitation };
      return { outcome: 'exhausted', invitation };
    },
  };
}
