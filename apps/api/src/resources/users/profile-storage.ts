/**
 * The profiles in the users storage: reading, finding by address or username, creating and
 * changing a user, and the password hash (read only to sign in).
 */
import { sql, type Kysely } from 'kysely';
import { formatInstant } from '../../domain/time.js';
import type { StorageContext } from '../../storage/context.js';
import { caseKey, forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareQuery } from '../../storage/prepared.js';
import type { NewUser, User } from './model.js';
import { emailKey, fromRow, newProfile, profileColumns, profileToRow, userColumns, type ProfileRow, type UserRow } from './rows.js';
import type { UserTables } from './tables.js';

/** A user found to sign in: the profile and the password hash to check. */
export interface SignInCandidate {
  user: User;
  passwordHash: string | null;
}

export interface ProfileStorage {
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
}

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
});

/** `%`, `_` and `\` taken literally in a `LIKE` pattern (used with `ESCAPE '\'`). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The profile half of `openUserStorage`. */
export function openProfileStorage(context: StorageContext<UserTables>): ProfileStorage {
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
  };
}
