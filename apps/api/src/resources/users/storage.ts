/** Where users and their access tokens (hashed) are kept. */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { columnParams, prepareQuery } from '../../storage/prepared.js';
import type { UserRecord } from './model.js';

/** The tables this storage reads and writes (created by the migrations). */
export interface UserTables {
  users: UserRecord;
  access_tokens: { token_hash: string; user_id: string; expires_at: string | null; revoked_at: string | null };
}

export interface UserStorage {
  get(userId: string): Promise<UserRecord | undefined>;
  /** Adds a user; a taken `user_id` or `username` is a `UniqueViolationError`. */
  create(user: UserRecord): Promise<void>;
  /** The user holding this access-token hash, if it is known and neither expired nor revoked at `nowIso`. */
  findByTokenHash(tokenHash: string, nowIso: string): Promise<UserRecord | undefined>;
  /** Stores a token's hash for a user, optionally expiring. */
  addAccessToken(userId: string, tokenHash: string, expiresAt?: string): Promise<void>;
  /** Marks a token revoked at `atIso` (read by every instance on its next request); whether it was active. */
  revokeAccessToken(tokenHash: string, atIso: string): Promise<boolean>;
}

const userColumns = ['user_id', 'username', 'display_name', 'email', 'role', 'organization_id'] as const;

const queries = (db: Kysely<UserTables>) => ({
  get: prepareQuery<{ userId: string }, UserRecord>((param) =>
    db.selectFrom('users').select(userColumns).where('user_id', '=', param('userId')),
  ),
  insert: prepareQuery<UserRecord, never>((param) => db.insertInto('users').values(columnParams(param, userColumns))),
  byToken: prepareQuery<{ tokenHash: string; now: string }, UserRecord>((param) =>
    db
      .selectFrom('access_tokens as t')
      .innerJoin('users as u', 'u.user_id', 't.user_id')
      .select(userColumns.map((column) => `u.${column}` as const))
      .where('t.token_hash', '=', param('tokenHash'))
      .where('t.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', param('now'))])),
  ),
  insertToken: prepareQuery<{ tokenHash: string; userId: string; expiresAt: string | null }, never>((param) =>
    db.insertInto('access_tokens').values({ token_hash: param('tokenHash'), user_id: param('userId'), expires_at: param('expiresAt') }),
  ),
  revokeToken: prepareQuery<{ tokenHash: string; at: string }, never>((param) =>
    db
      .updateTable('access_tokens')
      .set({ revoked_at: param('at') })
      .where('token_hash', '=', param('tokenHash'))
      .where('revoked_at', 'is', null),
  ),
});

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
  return {
    get: (userId) => context.first(q.get.bind({ userId })),
    create: async (user) => {
      await context.run(q.insert.bind(user));
    },
    findByTokenHash: (tokenHash, now) => context.first(q.byToken.bind({ tokenHash, now })),
    addAccessToken: async (userId, tokenHash, expiresAt) => {
      await context.run(q.insertToken.bind({ tokenHash, userId, expiresAt: expiresAt ?? null }));
    },
    revokeAccessToken: async (tokenHash, at) => (await context.run(q.revokeToken.bind({ tokenHash, at }))) > 0,
  };
}
