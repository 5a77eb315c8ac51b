/**
 * Where organizations themselves are kept: their principal's fields (an API key acts as one),
 * their details and settings (JSON text). Every query is compiled once.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../../storage/prepared.js';
import type { NewOrganization, Organization, OrganizationRecord } from '../model.js';

interface OrganizationRow extends OrganizationRecord {
  description: string | null;
  head_coach_user_id: string | null;
  settings: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** The table this storage reads and writes (created by the migrations). */
export interface OrganizationRowTables {
  organizations: OrganizationRow;
}

export interface OrganizationRecordStorage {
  /** The organization as an API key's principal needs it. */
  get(organizationId: string): Promise<OrganizationRecord | undefined>;
  /** The organization's details, as the API answers them. */
  details(organizationId: string): Promise<Organization | undefined>;
  /** A page of every organization's details by `org_id`, after `afterId`. */
  list(query: { afterId?: string | undefined; limit: number }): Promise<ListRows<Organization>>;
  /** Adds an organization; a taken id or username is a `UniqueViolationError`. */
  create(organization: NewOrganization): Promise<void>;
  /** Writes the changed details (name, description, settings, updated_at). */
  update(organization: Organization): Promise<void>;
}

const recordColumns = ['organization_id', 'username', 'display_name'] as const;
const rowColumns = [...recordColumns, 'description', 'head_coach_user_id', 'settings', 'created_at', 'updated_at'] as const;

const queries = (db: Kysely<OrganizationRowTables>) => ({
  get: prepareQuery<{ organizationId: string }, OrganizationRecord>((param) =>
    db.selectFrom('organizations').select(recordColumns).where('organization_id', '=', param('organizationId')),
  ),
  details: prepareQuery<{ organizationId: string }, OrganizationRow>((param) =>
    db.selectFrom('organizations').select(rowColumns).where('organization_id', '=', param('organizationId')),
  ),
  /** The page (with and without a cursor) and the count of all organizations. */
  list: prepareList<{ afterId?: string | undefined; limit: number }, OrganizationRow>()(
    { filters: [], position: ['afterId'] },
    () => db.selectFrom('organizations').select(rowColumns),
    (query, param, given) =>
      (given('afterId') ? query.where('organization_id', '>', param('afterId')!) : query).orderBy('organization_id').limit(param('limit')),
  ),
  create: prepareQuery<OrganizationRow, never>((param) => db.insertInto('organizations').values(columnParams(param, rowColumns))),
  update: prepareQuery<Pick<OrganizationRow, 'organization_id' | 'display_name' | 'description' | 'settings' | 'updated_at'>, never>(
    (param) =>
      db
        .updateTable('organizations')
        .set(columnParams(param, ['display_name', 'description', 'settings', 'updated_at']))
        .where('organization_id', '=', param('organization_id')),
  ),
});

const settingsOf = (row: OrganizationRow): Organization['settings'] => {
  const stored = JSON.parse(row.settings ?? '{}') as Partial<Organization['settings']>;
  return { training_principle: stored.training_principle ?? null, logo_url: stored.logo_url ?? null };
};

/** The organization the API answers, from its row (`organization_id` becomes the contract's `org_id`). */
const organizationOf = (row: OrganizationRow): Organization => ({
  org_id: row.organization_id,
  name: row.display_name,
  description: row.description,
  head_coach_user_id: row.head_coach_user_id ?? '',
  settings: settingsOf(row),
  created_at: row.created_at ?? '',
  updated_at: row.updated_at ?? '',
});

/**
 * The organizations' own storage on a database.
 *
 * @example
 * ```ts
 * const organizations = openOrganizationRecordStorage(context.as<OrganizationRowTables>());
 * await organizations.details('org_alpineclub'); // { org_id: 'org_alpineclub', name: 'Alpine Running Club', ... }
 * ```
 */
export function openOrganizationRecordStorage(context: StorageContext<OrganizationRowTables>): OrganizationRecordStorage {
  const q = context.once(queries);
  return {
    get: (organizationId) => context.first(q.get.bind({ organizationId })),
    details: async (organizationId) => {
      const row = await context.first(q.details.bind({ organizationId }));
      return row && organizationOf(row);
    },
    list: async (query) => {
      const { rows, total } = await readList(context, q.list, query);
      return { rows: rows.map(organizationOf), total };
    },
    create: async (organization) => {
      const createdAt = organization.created_at ?? new Date().toISOString();
      await context.run(
        q.create.bind({
          organization_id: organization.organization_id,
          username: organization.username,
          display_name: organization.display_name,
          description: organization.description ?? null,
          head_coach_user_id: organization.head_coach_user_id ?? null,
          settings: JSON.stringify(organization.settings ?? {}),
          created_at: createdAt,
          updated_at: organization.updated_at ?? createdAt,
        }),
      );
    },
    update: async (organization) => {
      await context.run(
        q.update.bind({
          organization_id: organization.org_id,
          display_name: organization.name,
          description: organization.description,
          settings: JSON.stringify(organization.settings),
          updated_at: organization.updated_at,
        }),
      );
    },
  };
}
