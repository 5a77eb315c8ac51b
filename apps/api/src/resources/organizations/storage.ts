/** Where organizations and their API keys (hashed) are kept. */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { columnParams, prepareQuery } from '../../storage/prepared.js';
import type { OrganizationRecord } from './model.js';

/** The tables this storage reads and writes (created by the migrations). */
export interface OrganizationTables {
  organizations: OrganizationRecord;
  api_keys: { key_hash: string; organization_id: string; revoked_at: string | null };
}

export interface OrganizationStorage {
  get(organizationId: string): Promise<OrganizationRecord | undefined>;
  /** Adds an organization; a taken id or username is a `UniqueViolationError`. */
  create(organization: OrganizationRecord): Promise<void>;
  /** The organization holding this API-key hash, if it is known and not revoked. */
  findByApiKeyHash(keyHash: string): Promise<OrganizationRecord | undefined>;
  /** Stores an API key's hash for an organization. */
  addApiKey(organizationId: string, keyHash: string): Promise<void>;
  /** Marks an API key revoked at `atIso` (read by every instance on its next request); whether it was active. */
  revokeApiKey(keyHash: string, atIso: string): Promise<boolean>;
}

const columns = ['organization_id', 'username', 'display_name'] as const;

const queries = (db: Kysely<OrganizationTables>) => ({
  get: prepareQuery<{ organizationId: string }, OrganizationRecord>((param) =>
    db.selectFrom('organizations').select(columns).where('organization_id', '=', param('organizationId')),
  ),
  insert: prepareQuery<OrganizationRecord, never>((param) => db.insertInto('organizations').values(columnParams(param, columns))),
  byKey: prepareQuery<{ keyHash: string }, OrganizationRecord>((param) =>
    db
      .selectFrom('api_keys as k')
      .innerJoin('organizations as o', 'o.organization_id', 'k.organization_id')
      .select(columns.map((column) => `o.${column}` as const))
      .where('k.key_hash', '=', param('keyHash'))
      .where('k.revoked_at', 'is', null),
  ),
  insertKey: prepareQuery<{ keyHash: string; organizationId: string }, never>((param) =>
    db.insertInto('api_keys').values({ key_hash: param('keyHash'), organization_id: param('organizationId') }),
  ),
  revokeKey: prepareQuery<{ keyHash: string; at: string }, never>((param) =>
    db
      .updateTable('api_keys')
      .set({ revoked_at: param('at') })
      .where('key_hash', '=', param('keyHash'))
      .where('revoked_at', 'is', null),
  ),
});

/**
 * The organizations storage on a database.
 *
 * @example
 * ```ts
 * const organizations = openOrganizationStorage(context.as<OrganizationTables>());
 * await organizations.findByApiKeyHash(hashCredential('dev-org-key'));
 * ```
 */
export function openOrganizationStorage(context: StorageContext<OrganizationTables>): OrganizationStorage {
  const q = context.once(queries);
  return {
    get: (organizationId) => context.first(q.get.bind({ organizationId })),
    create: async (organization) => {
      await context.run(q.insert.bind(organization));
    },
    findByApiKeyHash: (keyHash) => context.first(q.byKey.bind({ keyHash })),
    addApiKey: async (organizationId, keyHash) => {
      await context.run(q.insertKey.bind({ keyHash, organizationId }));
    },
    revokeApiKey: async (keyHash, at) => (await context.run(q.revokeKey.bind({ keyHash, at }))) > 0,
  };
}
