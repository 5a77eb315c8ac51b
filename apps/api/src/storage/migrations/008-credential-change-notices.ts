/**
 * Every committed write to a table the credential lookups read notifies the
 * `astral_credentials` channel (PostgreSQL; nothing on SQLite, whose `pragma data_version`
 * already tells), so each API instance can keep its callers' cache and drop it within
 * milliseconds of another instance's revocation, logout or suspension
 * (storage/postgres-change-notices.ts, auth/principal-cache.ts).
 *
 * The tables: what `findByTokenHash` (access_tokens, sessions, users) and `findByApiKeyHash`
 * (api_keys, organizations) read. Writes reaching them by a foreign key's action come from
 * users (tokens, sessions), sessions (tokens) and organizations (keys), all in the list; a
 * cascaded write runs as a statement on the child table, which notifies too.
 */
import { credentialsChannel } from '../postgres-change-notices.js';
import type { Migration } from './migration.js';

/** The tables whose writes the credential lookups must hear of. */
export const credentialTables = ['access_tokens', 'sessions', 'users', 'api_keys', 'organizations'] as const;

export const credentialChangeNotices: Migration = {
  version: 8,
  name: 'credential change notices',
  async up({ run, dialect }) {
    for (const statement of dialect.notifyOnWrite(credentialsChannel, credentialTables)) await run(statement);
  },
};
