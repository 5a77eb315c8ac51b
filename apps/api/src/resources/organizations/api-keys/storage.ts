/**
 * Where organizations' API keys are kept: only the SHA-256 hash of each key (like access
 * tokens), so a leaked database gives no usable key, with its id, name, visible prefix and
 * expiry. Revocation is a `revoked_at`, read by the lookup behind the callers' cache (emptied by
 * any write here: auth/principal-cache.ts). Every query is compiled once.
 */
import type { Kysely } from 'kysely';
import { randomId } from '../../../domain/ids.js';
import type { StorageContext } from '../../../storage/context.js';
import { columnParams, prepareQuery } from '../../../storage/prepared.js';
import type { ApiKey, NewApiKey, OrganizationRecord } from '../model.js';

interface ApiKeyRow {
  key_hash: string;
  organization_id: string;
  revoked_at: string | null;
  key_id: string;
  name: string;
  key_prefix: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  expires_ms: number | string | null;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface ApiKeyTables {
  api_keys: ApiKeyRow;
  organizations: OrganizationRecord;
}

/** What an API key resolves to: its organization, and when the key expires (epoch ms; `null`: never). */
export type KeyHolder = OrganizationRecord & { key_expires_ms: number | null };

export interface ApiKeyStorage {
  /**
   * The organization holding this API-key hash, if it is known, not revoked and not expired
   * at `nowMs` (default now), with when the key expires (`key_expires_ms`, `null`: never).
   */
  findByApiKeyHash(keyHash: string, nowMs?: number): Promise<KeyHolder | undefined>;
  /**
   * A counter that moves whenever what `findByApiKeyHash` reads may have changed (a key or
   * an organization written here or by another process), for a cache of callers in front of
   * it (`undefined` while the database cannot tell: PostgreSQL not listening; see
   * storage/change-counters.ts).
   */
  readonly apiKeyLookupVersion?: (() => Promise<number | undefined>) | undefined;
  /** Stores an API key's hash for an organization, with its details (an id, a name... by default). */
  addApiKey(organizationId: string, keyHash: string, details?: NewApiKey): Promise<void>;
  /** The organization's active keys at `nowMs`, newest first (`limit` of them at most). */
  apiKeys(organizationId: string, nowMs: number, limit: number): Promise<ApiKey[]>;
  /** Revokes the organization's key by id; false when it has no such active key. */
  revokeApiKeyById(organizationId: string, keyId: string, atIso: string): Promise<boolean>;
  /** Marks an API key revoked at `atIso` (refused by this instance at its next request, by the others once the change notice arrives); whether it was active. */
  revokeApiKey(keyHash: string, atIso: string): Promise<boolean>;
}

const rowColumns = [
  'key_hash',
  'organization_id',
  'revoked_at',
  'key_id',
  'name',
  'key_prefix',
  'created_by',
  'created_at',
  'expires_at',
  'expires_ms',
] as const satisfies ReadonlyArray<keyof ApiKeyRow>;

const queries = (db: Kysely<ApiKeyTables>) => ({
  byHash: prepareQuery<{ keyHash: string; nowMs: number }, KeyHolder>((param) =>
    db
      .selectFrom('api_keys as k')
      .innerJoin('organizations as o', 'o.organization_id', 'k.organization_id')
      .select(['o.organization_id', 'o.username', 'o.display_name', 'k.expires_ms as key_expires_ms'])
      .where('k.key_hash', '=', param('keyHash'))
      .where('k.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('k.expires_ms', 'is', null), eb('k.expires_ms', '>', param('nowMs'))])),
  ),
  insert: prepareQuery<ApiKeyRow, never>((param) => db.insertInto('api_keys').values(columnParams(param, rowColumns))),
  active: prepareQuery<{ organizationId: string; nowMs: number; limit: number }, Omit<ApiKeyRow, 'key_hash' | 'revoked_at' | 'expires_ms'>>(
    (param) =>
      db
        .selectFrom('api_keys')
        .select(['key_id', 'organization_id', 'name', 'key_prefix', 'created_by', 'created_at', 'expires_at'])
        .where('organization_id', '=', param('organizationId'))
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_ms', 'is', null), eb('expires_ms', '>', param('nowMs'))]))
        .orderBy('created_at', 'desc')
        .orderBy('key_id', 'desc')
        .limit(param('limit')),
  ),
  revokeById: prepareQuery<{ organizationId: string; keyId: string; at: string }, never>((param) =>
    db
      .updateTable('api_keys')
      .set({ revoked_at: param('at') })
      .where('organization_id', '=', param('organizationId'))
      .where('key_id', '=', param('keyId'))
      .where('revoked_at', 'is', null),
  ),
  revokeByHash: prepareQuery<{ keyHash: string; at: string }, never>((param) =>
    db
      .updateTable('api_keys')
      .set({ revoked_at: param('at') })
      .where('key_hash', '=', param('keyHash'))
      .where('revoked_at', 'is', null),
  ),
});

/**
 * The API keys' storage on a database.
 *
 * @example
 * ```ts
 * const keys = openApiKeyStorage(context.as<ApiKeyTables>());
 * await keys.findByApiKeyHash(hashCredential('dev-org-key'));
 * ```
 */
export function openApiKeyStorage(context: StorageContext<ApiKeyTables>): ApiKeyStorage {
  const q = context.once(queries);
  return {
    findByApiKeyHash: (keyHash, nowMs = Date.now()) => context.first(q.byHash.bind({ keyHash, nowMs })),
    apiKeyLookupVersion: context.changeCounter(q.byHash),
    addApiKey: async (organizationId, keyHash, details = {}) => {
      const expiresAt = details.expires_at ?? null;
      await context.run(
        q.insert.bind({
          key_hash: keyHash,
          organization_id: organizationId,
          revoked_at: null,
          key_id: details.key_id ?? randomId('key'),
          name: details.name ?? 'API key',
          key_prefix: details.prefix ?? null,
          created_by: details.created_by ?? null,
          created_at: details.created_at ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          expires_at: expiresAt,
          expires_ms: expiresAt === null ? null : Date.parse(expiresAt),
        }),
      );
    },
    apiKeys: async (organizationId, nowMs, limit) =>
      (await context.rows(q.active.bind({ organizationId, nowMs, limit }))).map((row) => ({
        key_id: row.key_id,
        org_id: row.organization_id,
        name: row.name,
        prefix: row.key_prefix,
        created_by: row.created_by,
        created_at: row.created_at,
        expires_at: row.expires_at,
      })),
    revokeApiKeyById: async (organizationId, keyId, at) => (await context.run(q.revokeById.bind({ organizationId, keyId, at }))) > 0,
    revokeApiKey: async (keyHash, at) => (await context.run(q.revokeByHash.bind({ keyHash, at }))) > 0,
  };
}
