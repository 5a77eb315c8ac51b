/**
 * What signs a user in, besides the password: their sessions, their access tokens (hashed)
 * and the external identities linked to them. An access token is good while it is neither
 * revoked nor expired, its session (if it has one) has not ended, and its user is active: one
 * indexed lookup, behind the callers' cache (auth/principal-cache.ts), which any write to
 * these tables empties: a logout or a reset takes effect on the next request of the instance
 * that made it, and on the others when the database's change notice reaches them.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { columnParams, prepareQuery } from '../../storage/prepared.js';
import { platformRole, type TokenHolder, type User } from './model.js';
import type { UserRow } from './rows.js';
import type { AccessTokenRow, IdentityRow, SessionRow, UserTables } from './tables.js';

export interface SignInStorage {
  /** The user holding this access-token hash, if the token is good at `nowIso` (see the file's comment). */
  findByTokenHash(tokenHash: string, nowIso: string): Promise<TokenHolder | undefined>;
  /**
   * A counter that moves whenever what `findByTokenHash` reads may have changed (a token,
   * a session or a user written here or by another process), for a cache of callers in front
   * of it (`undefined` while the database cannot tell: PostgreSQL not listening; see
   * storage/change-counters.ts).
   */
  readonly tokenLookupVersion?: (() => Promise<number | undefined>) | undefined;
  /** Stores a token's hash for a user, outside any session, optionally expiring (the admin CLI, the seed). */
  addAccessToken(userId: string, tokenHash: string, expiresAt?: string): Promise<void>;
  /** Stores a token's hash in a session. */
  addSessionToken(token: Omit<AccessTokenRow, 'revoked_at'>): Promise<void>;
  /** Marks a token revoked at `atIso` (refused by this instance at its next request, by the others once the change notice arrives); whether it was active. */
  revokeAccessToken(tokenHash: string, atIso: string): Promise<boolean>;
  startSession(session: Omit<SessionRow, 'ended_at'>): Promise<void>;
  /** Ends a session: its tokens are refused from then on. Whether it was going on. */
  endSession(sessionId: string, atIso: string): Promise<boolean>;
  /** Ends every session of a user; how many were going on. */
  endSessions(userId: string, atIso: string): Promise<number>;
  /** The user an external identity is linked to. */
  findIdentity(provider: IdentityRow['provider'], subject: string): Promise<string | undefined>;
  /** Links an external identity to a user; one already linked is a `UniqueViolationError`. */
  linkIdentity(identity: IdentityRow): Promise<void>;
}

type HolderRow = Omit<TokenHolder, 'role'> & Pick<UserRow, 'roles' | 'membership_role'>;

const queries = (db: Kysely<UserTables>) => ({
  byToken: prepareQuery<{ tokenHash: string; now: string }, HolderRow>((param) =>
    db
      .selectFrom('access_tokens as t')
      .innerJoin('users as u', 'u.user_id', 't.user_id')
      .leftJoin('sessions as s', 's.session_id', 't.session_id')
      .select([
        'u.user_id',
        'u.username',
        'u.display_name',
        'u.email',
        'u.roles',
        'u.membership_role',
        'u.organization_id',
        't.session_id',
        't.expires_at',
      ])
      .where('t.token_hash', '=', param('tokenHash'))
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', param('now'))]))
      .where('s.ended_at', 'is', null)
      .where('u.status', '=', 'active'),
  ),
  insertToken: prepareQuery<Omit<AccessTokenRow, 'revoked_at'>, never>((param) =>
    db.insertInto('access_tokens').values(columnParams(param, ['token_hash', 'user_id', 'session_id', 'expires_at'] as const)),
  ),
  revokeToken: prepareQuery<{ tokenHash: string; at: string }, never>((param) =>
    db
      .updateTable('access_tokens')
      .set({ revoked_at: param('at') })
      .where('token_hash', '=', param('tokenHash'))
      .where('revoked_at', 'is', null),
  ),
  startSession: prepareQuery<Omit<SessionRow, 'ended_at'>, never>((param) =>
    db.insertInto('sessions').values(columnParams(param, ['session_id', 'user_id', 'created_at'] as const)),
  ),
  endSession: prepareQuery<{ sessionId: string; at: string }, never>((param) =>
    db
      .updateTable('sessions')
      .set({ ended_at: param('at') })
      .where('session_id', '=', param('sessionId'))
      .where('ended_at', 'is', null),
  ),
  endSessions: prepareQuery<{ userId: string; at: string }, never>((param) =>
    db
      .updateTable('sessions')
      .set({ ended_at: param('at') })
      .where('user_id', '=', param('userId'))
      .where('ended_at', 'is', null),
  ),
  identity: prepareQuery<{ provider: string; subject: string }, { user_id: string }>((param) =>
    db
      .selectFrom('identities')
      .select('user_id')
      .where('provider', '=', param('provider') as IdentityRow['provider'])
      .where('subject', '=', param('subject')),
  ),
  link: prepareQuery<IdentityRow, never>((param) =>
    db.insertInto('identities').values(columnParams(param, ['provider', 'subject', 'user_id', 'created_at'] as const)),
  ),
});

/** The sign-in half of `openUserStorage`. */
export function openSignInStorage(context: StorageContext<UserTables>): SignInStorage {
  const q = context.once(queries);
  return {
    tokenLookupVersion: context.changeCounter(q.byToken),
    async findByTokenHash(tokenHash, now) {
      const row = await context.first(q.byToken.bind({ tokenHash, now }));
      if (!row) return undefined;
      const { roles, membership_role, ...holder } = row;
      return { ...holder, role: platformRole({ roles: JSON.parse(roles) as User['roles'], membership_role }) };
    },
    async addAccessToken(userId, tokenHash, expiresAt) {
      await context.run(q.insertToken.bind({ token_hash: tokenHash, user_id: userId, session_id: null, expires_at: expiresAt ?? null }));
    },
    async addSessionToken(token) {
      await context.run(q.insertToken.bind(token));
    },
    revokeAccessToken: async (tokenHash, at) => (await context.run(q.revokeToken.bind({ tokenHash, at }))) > 0,
    async startSession(session) {
      await context.run(q.startSession.bind(session));
    },
    endSession: async (sessionId, at) => (await context.run(q.endSession.bind({ sessionId, at }))) > 0,
    endSessions: (userId, at) => context.run(q.endSessions.bind({ userId, at })),
    findIdentity: async (provider, subject) => (await context.first(q.identity.bind({ provider, subject })))?.user_id,
    async linkIdentity(identity) {
      await context.run(q.link.bind(identity));
    },
  };
}
