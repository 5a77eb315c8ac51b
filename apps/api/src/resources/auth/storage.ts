/**
 * Where the emailed tokens are kept: sign-up verification (24 hours, for an address with no
 * account yet) and password reset (1 hour, for a user). Only their SHA-256 hash is stored;
 * each is good once, until it expires.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareQuery } from '../../storage/prepared.js';

/** What an emailed token is for. */
export type EmailTokenPurpose = 'verification' | 'password_reset';

/** An emailed token as stored. */
export interface EmailTokenRow {
  token_hash: string;
  purpose: EmailTokenPurpose;
  /** The address it was sent to, as sent. */
  email: string;
  /** The user it resets the password of; `null` for a sign-up verification. */
  user_id: string | null;
  /** Fixed-width ISO 8601 (`toISOString()`), so text order is time order. */
  expires_at: string;
  used_at: string | null;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface AuthTables {
  email_tokens: EmailTokenRow;
}

export interface AuthStorage {
  addEmailToken(token: Omit<EmailTokenRow, 'used_at'>): Promise<void>;
  /** The token with this hash and purpose, used or not, expired or not (the caller says which is which). */
  findEmailToken(tokenHash: string, purpose: EmailTokenPurpose): Promise<EmailTokenRow | undefined>;
  /** The same, its row locked until the transaction ends: the read before using it up. */
  findEmailTokenForUse(tokenHash: string, purpose: EmailTokenPurpose): Promise<EmailTokenRow | undefined>;
  /** Marks it used at `atIso`; false when it was used already (a concurrent request won). */
  useEmailToken(tokenHash: string, atIso: string): Promise<boolean>;
  deleteEmailToken(tokenHash: string): Promise<void>;
}

const columns = ['token_hash', 'purpose', 'email', 'user_id', 'expires_at', 'used_at'] as const;

const queries = (db: Kysely<AuthTables>, dialect: StorageDialect) => {
  const find = (param: (name: 'tokenHash' | 'purpose') => string) =>
    db
      .selectFrom('email_tokens')
      .select(columns)
      .where('token_hash', '=', param('tokenHash'))
      .where('purpose', '=', param('purpose') as EmailTokenPurpose);
  return {
    insert: prepareQuery<Omit<EmailTokenRow, 'used_at'>, never>((param) =>
      db.insertInto('email_tokens').values(columnParams(param, ['token_hash', 'purpose', 'email', 'user_id', 'expires_at'] as const)),
    ),
    find: prepareQuery<{ tokenHash: string; purpose: EmailTokenPurpose }, EmailTokenRow>((param) => find(param)),
    findForUse: prepareQuery<{ tokenHash: string; purpose: EmailTokenPurpose }, EmailTokenRow>((param) => forUpdate(dialect, find(param))),
    use: prepareQuery<{ tokenHash: string; at: string }, never>((param) =>
      db
        .updateTable('email_tokens')
        .set({ used_at: param('at') })
        .where('token_hash', '=', param('tokenHash'))
        .where('used_at', 'is', null),
    ),
    delete: prepareQuery<{ tokenHash: string }, never>((param) =>
      db.deleteFrom('email_tokens').where('token_hash', '=', param('tokenHash')),
    ),
  };
};

/**
 * The emailed-token storage on a database.
 *
 * @example
 * ```ts
 * const auth = openAuthStorage(context.as<AuthTables>());
 * await auth.findEmailToken(hashCredential(token), 'verification');
 * ```
 */
export function openAuthStorage(context: StorageContext<AuthTables>): AuthStorage {
  const q = context.once(queries);
  return {
    async addEmailToken(token) {
      await context.run(q.insert.bind(token));
    },
    findEmailToken: (tokenHash, purpose) => context.first(q.find.bind({ tokenHash, purpose })),
    findEmailTokenForUse: (tokenHash, purpose) => context.first(q.findForUse.bind({ tokenHash, purpose })),
    useEmailToken: async (tokenHash, at) => (await context.run(q.use.bind({ tokenHash, at }))) > 0,
    async deleteEmailToken(tokenHash) {
      await context.run(q.delete.bind({ tokenHash }));
    },
  };
}
