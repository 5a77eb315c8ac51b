/**
 * Where users are kept, with everything that signs one in: their password hash, their
 * sessions, their access tokens (hashed) and the external identities linked to them. An
 * access token is good while it is neither revoked nor expired, its session (if it has one)
 * has not ended, and its user is active: one indexed lookup, read on every request by every
 * instance, so a logout or a reset takes effect on the next request everywhere.
 */
import { sql, type Kysely } from 'kysely';
import { formatInstant } from '../../domain/time.js';
import type { StorageContext } from '../../storage/context.js';
import { caseKey, forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareQuery } from '../../storage/prepared.js';
import type { NewUser, TokenHolder, User } from './model.js';
import { platformRole } from './model.js';
import { emailKey, fromRow, newProfile, profileColumns, profileToRow, userColumns, type ProfileRow, type UserRow } from './rows.js';

/** A session: the access tokens refreshed from one sign-in. */
export interface SessionRow {
  session_id: string;
  user_id: string;
  created_at: string;
  ended_at: string | null;
}

/** An access token as stored: its hash, never the token. */
export interface AccessTokenRow {
  token_hash: string;
  user_id: string;
  /** `null` for tokens outside any session (the development tokens, the admin CLI's). */
  session_id: string | null;
  /** Fixed-width ISO 8601 (`toISOString()`), so text order is time order; `null`: never expires. */
  expires_at: string | null;
  revoked_at: string | null;
}

/** An external identity (a Firebase user) linked to a user. */
export interface IdentityRow {
  provider: 'firebase';
  subject: string;
  user_id: string;
  created_at: string;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface UserTables {
  users: UserRow;
  access_tokens: AccessTokenRow;
  sessions: SessionRow;
  identities: IdentityRow;
}

/** A user found to sign in: the profile and the password hash to check. */
export interface SignInCandidate {
  user: User;
  passwordHash: string | null;
}

export interface UserStorage {
  get(userId: string): Promise<User | undefined>;
  /** The user with this email address (compared case-insensitively), with the password hash: for signing in only. */
  findByEmail(email: string): Promise<SignInCandidate | undefined>;
  /** Whether a user has this username (compared case-insensitively). */
  usernameTaken(username: string): Promise<boolean>;
  /** The usernames (lowercased) that start with `prefix`, any case: to pick a free one. */
  usernamesStartingWith(prefix: string): Promise<Set<string>>;
  /** Adds a user (a new account's defaults for what is not given); a taken id, username or email is a `UniqueViolationError`. */
  create(user: NewUser): Promise<User>;
  /**
   * Reads the profile, asks `change` for its new state and writes it, in one transaction:
   * if `change` throws, nothing is written. `undefined` when the user does not exist; a
   * taken username is a `UniqueViolationError`.
   */
  update(userId: string, change: (current: User) => User): Promise<User | undefined>;
  /** Replaces the password hash. */
  setPasswordHash(userId: string, passwordHash: string, atIso: string): Promise<void>;
  /** The user holding this access-token hash, if the token is good at `nowIso` (see the file's comment). */
  findByTokenHash(tokenHash: string, nowIso: string): Promise<TokenHolder | undefined>;
  /**
   * A counter that moves whenever what `findByTokenHash` reads may have changed (a token,
   * a session or a user written here or by another process), for a cache of callers in front
   * of it; absent where the database cannot tell at less than the cost of the lookup
   * (PostgreSQL).
   */
  readonly tokenLookupVersion?: (() => Promise<number>) | undefined;
  /** Stores a token's hash for a user, outside any session, optionally expiring (the admin CLI, the seed). */
  addAccessToken(userId: string, tokenHash: string, expiresAt?: string): Promise<void>;
  /** Stores a token's hash in a session. */
  addSessionToken(token: Omit<AccessTokenRow, 'revoked_at'>): Promise<void>;
  /** Marks a token revoked at `atIso` (read by every instance on its next request); whether it was active. */
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

const profileSelect = (db: Kysely<UserTables>) => db.selectFrom('users').select(profileColumns);

const queries = (db: Kysely<UserTables>, dialect: StorageDialect) => ({
  get: prepareQuery<{ userId: string }, ProfileRow>((param) => profileSelect(db).where('user_id', '=', param('userId'))),
  /** The read before a change: the row stays locked until the change commits. */
  getForChange: prepareQuery<{ userId: string }, ProfileRow>((param) =>
    forUpdate(dialect, profileSelect(db).where('user_id', '=', param('userId'))),
  ),
  byEmail: prepareQuery<{ emailKey: string }, ProfileRow & Pick<UserRow, 'password_hash'>>((param) =>
    db
      .selectFrom('users')
      .select([...profileColumns, 'password_hash'])
      .where('email_key', '=', param('emailKey')),
  ),
  usernameTaken: prepareQuery<{ key: string }, { user_id: string }>((param) =>
    db.selectFrom('users').select('user_id').where('username_key', '=', param('key')),
  ),
  usernamesLike: prepareQuery<{ pattern: string }, { username_key: string }>((param) =>
    db
      .selectFrom('users')
      .select('username_key')
      .where(sql<boolean>`username_key like ${param('pattern')} escape '\\'`),
  ),
  insert: prepareQuery<UserRow, never>((param) => db.insertInto('users').values(columnParams(param, userColumns))),
  update: prepareQuery<Omit<UserRow, 'password_hash'>, never>((param) =>
    db
      .updateTable('users')
      .set(
        columnParams(
          param,
          userColumns.filter(
            (column): column is Exclude<(typeof userColumns)[number], 'user_id' | 'password_hash'> =>
              column !== 'user_id' && column !== 'password_hash',
          ),
        ),
      )
      .where('user_id', '=', param('user_id')),
  ),
  setPassword: prepareQuery<{ userId: string; hash: string; at: string }, never>((param) =>
    db
      .updateTable('users')
      .set({ password_hash: param('hash'), updated_at: param('at') })
      .where('user_id', '=', param('userId')),
  ),
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

/** `%`, `_` and `\` taken literally in a `LIKE` pattern (used with `ESCAPE '\'`). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The users storage on a database.
 *
 * @example
 * ```ts
 * const users = openUserStorage(context.as<UserTables>());
 * await users.findByTokenHash(hashCredential('dev-athlete-token'), new Date().toISOString());
 * ```
 */
export function openUserStorage(context: StorageContext<UserTables>): UserStorage {
  const q = context.once(queries);
  const { dialect } = context;
  const read = async (on: StorageContext<UserTables>, userId: string, query = q.get) => {
    const row = await on.first(query.bind({ userId }));
    return row && fromRow(row, dialect);
  };
  return {
    get: (userId) => read(context, userId),
    async findByEmail(email) {
      const key = emailKey(email);
      const row = key === null ? undefined : await context.first(q.byEmail.bind({ emailKey: key }));
      return row && { user: fromRow(row, dialect), passwordHash: row.password_hash };
    },
    usernameTaken: async (username) => (await context.first(q.usernameTaken.bind({ key: caseKey(username) }))) !== undefined,
    async usernamesStartingWith(prefix) {
      const rows = await context.rows(q.usernamesLike.bind({ pattern: `${likeLiteral(caseKey(prefix))}%` }));
      return new Set(rows.map((row) => row.username_key));
    },
    async create(user) {
      const profile = newProfile(user, formatInstant(Date.now()));
      await context.run(q.insert.bind({ ...profileToRow(profile, dialect), password_hash: user.password_hash ?? null }));
      return profile;
    },
    update: (userId, change) =>
      context.transaction(async (tx) => {
        const current = await read(tx, userId, q.getForChange);
        if (!current) return undefined;
        const next = change(current);
        await tx.run(q.update.bind(profileToRow({ ...next, user_id: userId }, dialect)));
        return next;
      }),
    async setPasswordHash(userId, hash, at) {
      await context.run(q.setPassword.bind({ userId, hash, at }));
    },
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
