/**
 * Where organizations, their members, their audit log and their API keys (hashed) are kept.
 * Reads of members join the user for the display name.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { prepareQuery } from '../../storage/prepared.js';
import { randomId } from '../../domain/ids.js';
import { caseKey } from '../../storage/dialect.js';
import { openInvitationStorage, type InvitationStorage, type InvitationTables } from './invitation-storage.js';
import type { ApiKey, AuditEvent, Group, NewApiKey, NewOrganization, Organization, OrganizationRecord, StoredMember } from './model.js';

interface OrganizationRow extends OrganizationRecord {
  description: string | null;
  head_coach_user_id: string | null;
  settings: string | null;
  created_at: string | null;
  updated_at: string | null;
}

interface MemberRow extends Omit<StoredMember, 'labels' | 'coach_labels'> {
  labels: string;
  coach_labels: string;
  label_keys: string;
}

interface AuditRow extends Omit<AuditEvent, 'org_id'> {
  organization_id: string;
  occurred_ms: number | string;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface OrganizationTables extends InvitationTables {
  organizations: OrganizationRow;
  api_keys: {
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
  };
  organization_members: MemberRow;
  organization_audit_events: AuditRow;
  users: { user_id: string; display_name: string };
  organization_groups: {
    group_id: string;
    organization_id: string;
    name: string;
    name_key: string;
    description: string | null;
    privacy: Group['privacy'];
    owner_id: string | null;
    created_at: string;
    updated_at: string;
  };
  organization_group_members: { group_id: string; user_id: string };
}

/** What a page of members is asked for. */
export interface MemberQuery {
  organizationId: string;
  role?: StoredMember['role'] | undefined;
  status?: StoredMember['status'] | undefined;
  label?: string | undefined;
  /** Only the athletes assigned to this coach. */
  coachId?: string | undefined;
  /** Members after this `user_id` (the cursor's position). */
  afterUserId?: string | undefined;
  limit: number;
}

/** A membership with the member's display name, as the API shows it (before coach-only fields are hidden). */
export type MemberView = StoredMember & { display_name: string };

/** Invitations (invitation-storage.ts) are part of it: they are written in the organization's transactions. */
export interface OrganizationStorage extends InvitationStorage {
  get(organizationId: string): Promise<OrganizationRecord | undefined>;
  /** The organization's details, as the API answers them. */
  details(organizationId: string): Promise<Organization | undefined>;
  /** A page of every organization's details by `org_id`, after `afterId`. */
  list(query: { afterId?: string | undefined; limit: number }): Promise<Organization[]>;
  /** Adds an organization; a taken id or username is a `UniqueViolationError`. */
  create(organization: NewOrganization): Promise<void>;
  /** Writes the changed details (name, description, settings, updated_at). */
  update(organization: Organization): Promise<void>;
  /** The membership of a user, in whichever organization. */
  membership(userId: string): Promise<StoredMember | undefined>;
  /** A member of the organization, with their display name. */
  member(organizationId: string, userId: string): Promise<MemberView | undefined>;
  /** A page of members by `user_id` (`limit` of them at most). */
  members(query: MemberQuery): Promise<MemberView[]>;
  /** Adds a membership; a user already in an organization is a `UniqueViolationError`. */
  addMember(member: StoredMember): Promise<void>;
  /** Replaces a membership's attributes. */
  saveMember(member: StoredMember): Promise<void>;
  removeMember(organizationId: string, userId: string): Promise<boolean>;
  /** Unassigns every athlete of the organization assigned to `coachId`; their user IDs. */
  unassignAthletesOf(organizationId: string, coachId: string, atIso: string): Promise<string[]>;
  addAuditEvent(event: AuditEvent): Promise<void>;
  /** A page of the log, newest first, before the position given. */
  auditEvents(query: { organizationId: string; before?: { ms: number; eventId: string }; limit: number }): Promise<AuditEvent[]>;
  /** A group with its members. */
  group(groupId: string): Promise<Group | undefined>;
  /** A page of the organization's groups by `group_id`; with `visibleTo`, only the public ones and those that user is in or owns. */
  groups(query: { organizationId: string; visibleTo?: string | undefined; afterId?: string | undefined; limit: number }): Promise<Group[]>;
  /** Adds a group; a name the organization has (any case) is a `UniqueViolationError`. */
  createGroup(group: Group): Promise<void>;
  /** Writes a group's fields and replaces its members; a taken name is a `UniqueViolationError`. */
  saveGroup(group: Group): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  /** Takes a user out of every group of the organization (when they leave it); the groups' IDs. */
  leaveGroups(organizationId: string, userId: string): Promise<string[]>;
  /**
   * The organization holding this API-key hash, if it is known, not revoked and not expired
   * at `nowMs` (default now), with when the key expires (`key_expires_ms`, `null`: never).
   */
  findByApiKeyHash(keyHash: string, nowMs?: number): Promise<KeyHolder | undefined>;
  /**
   * A counter that moves whenever what `findByApiKeyHash` reads may have changed (a key or
   * an organization written here or by another process), for a cache of callers in front of
   * it; absent where the database cannot tell at less than the cost of the lookup (PostgreSQL).
   */
  readonly apiKeyLookupVersion?: (() => Promise<number>) | undefined;
  /** Stores an API key's hash for an organization, with its details (an id, a name... by default). */
  addApiKey(organizationId: string, keyHash: string, details?: NewApiKey): Promise<void>;
  /** The organization's active keys at `nowMs`, newest first (`limit` of them at most). */
  apiKeys(organizationId: string, nowMs: number, limit: number): Promise<ApiKey[]>;
  /** Revokes the organization's key by id; false when it has no such active key. */
  revokeApiKeyById(organizationId: string, keyId: string, atIso: string): Promise<boolean>;
  /** Marks an API key revoked at `atIso` (read by every instance on its next request); whether it was active. */
  revokeApiKey(keyHash: string, atIso: string): Promise<boolean>;
}

const columns = ['organization_id', 'username', 'display_name'] as const;

/** What an API key resolves to: its organization, and when the key expires (epoch ms; `null`: never). */
export type KeyHolder = OrganizationRecord & { key_expires_ms: number | null };
const memberColumns = [
  'm.user_id',
  'm.organization_id',
  'm.role',
  'm.status',
  'm.nickname',
  'm.level',
  'm.labels',
  'm.coach_labels',
  'm.label_keys',
  'm.coach_notes',
  'm.coach_id',
  'm.joined_at',
  'm.updated_at',
  'u.display_name',
] as const;

const queries = (db: Kysely<OrganizationTables>) => ({
  get: prepareQuery<{ organizationId: string }, OrganizationRecord>((param) =>
    db.selectFrom('organizations').select(columns).where('organization_id', '=', param('organizationId')),
  ),
  byKey: prepareQuery<{ keyHash: string; nowMs: number }, KeyHolder>((param) =>
    db
      .selectFrom('api_keys as k')
      .innerJoin('organizations as o', 'o.organization_id', 'k.organization_id')
      .select(columns.map((column) => `o.${column}` as const))
      .select('k.expires_ms as key_expires_ms')
      .where('k.key_hash', '=', param('keyHash'))
      .where('k.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('k.expires_ms', 'is', null), eb('k.expires_ms', '>', param('nowMs'))])),
  ),
  revokeKey: prepareQuery<{ keyHash: string; at: string }, never>((param) =>
    db
      .updateTable('api_keys')
      .set({ revoked_at: param('at') })
      .where('key_hash', '=', param('keyHash'))
      .where('revoked_at', 'is', null),
  ),
  membership: prepareQuery<{ userId: string }, MemberRow & { display_name: string }>((param) =>
    db
      .selectFrom('organization_members as m')
      .innerJoin('users as u', 'u.user_id', 'm.user_id')
      .select(memberColumns)
      .where('m.user_id', '=', param('userId')),
  ),
});

const settingsOf = (row: OrganizationRow): Organization['settings'] => {
  const stored = JSON.parse(row.settings ?? '{}') as Partial<Organization['settings']>;
  return { training_principle: stored.training_principle ?? null, logo_url: stored.logo_url ?? null };
};

const organizationOf = (row: OrganizationRow): Organization => ({
  org_id: row.organization_id,
  name: row.display_name,
  description: row.description,
  head_coach_user_id: row.head_coach_user_id ?? '',
  settings: settingsOf(row),
  created_at: row.created_at ?? '',
  updated_at: row.updated_at ?? '',
});

const memberOf = (row: MemberRow & { display_name: string }): MemberView => ({
  user_id: row.user_id,
  organization_id: row.organization_id,
  display_name: row.display_name,
  role: row.role,
  status: row.status,
  nickname: row.nickname,
  level: row.level,
  labels: JSON.parse(row.labels) as string[],
  coach_labels: JSON.parse(row.coach_labels) as string[],
  coach_notes: row.coach_notes,
  coach_id: row.coach_id,
  joined_at: row.joined_at,
  updated_at: row.updated_at,
});

const memberRowOf = (member: StoredMember): MemberRow => ({
  ...member,
  labels: JSON.stringify(member.labels),
  coach_labels: JSON.stringify(member.coach_labels),
  // `|a|b|`: the label filter is one LIKE '%|label|%' (labels hold no `|`, `%` or `_`).
  label_keys: `|${[...member.labels, ...member.coach_labels].join('|')}|`,
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
  const { db } = context;
  // Kysely types are invariant in their tables: the same context, seen with only the invitations table.
  const invitations = openInvitationStorage(context as unknown as StorageContext<InvitationTables>);
  const groupRow = (group: Group): OrganizationTables['organization_groups'] => ({
    group_id: group.group_id,
    organization_id: group.org_id,
    name: group.name,
    name_key: caseKey(group.name),
    description: group.description,
    privacy: group.privacy,
    owner_id: group.owner_id,
    created_at: group.created_at,
    updated_at: group.updated_at,
  });
  const insertMembers = async (group: Group) => {
    if (group.members.length === 0) return;
    await context.run(
      db.insertInto('organization_group_members').values(group.members.map((user_id) => ({ group_id: group.group_id, user_id }))),
    );
  };
  const withMembers = async (rows: Array<OrganizationTables['organization_groups']>): Promise<Group[]> => {
    if (rows.length === 0) return [];
    const members = await context.rows(
      db
        .selectFrom('organization_group_members')
        .select(['group_id', 'user_id'])
        .where(
          'group_id',
          'in',
          rows.map((row) => row.group_id),
        )
        .orderBy('user_id'),
    );
    return rows.map(({ organization_id, name_key: _key, ...row }) => ({
      ...row,
      org_id: organization_id,
      members: members.filter((m) => m.group_id === row.group_id).map((m) => m.user_id),
    }));
  };
  return {
    ...invitations,
    get: (organizationId) => context.first(q.get.bind({ organizationId })),
    details: async (organizationId) => {
      const row = await context.first(db.selectFrom('organizations').selectAll().where('organization_id', '=', organizationId));
      return row ? organizationOf(row) : undefined;
    },
    list: async ({ afterId, limit }) => {
      let select = db.selectFrom('organizations').selectAll();
      if (afterId) select = select.where('organization_id', '>', afterId);
      return (await context.rows(select.orderBy('organization_id').limit(limit))).map(organizationOf);
    },
    create: async (organization) => {
      await context.run(
        db.insertInto('organizations').values({
          ...columnValues(organization),
          description: organization.description ?? null,
          head_coach_user_id: organization.head_coach_user_id ?? null,
          settings: JSON.stringify(organization.settings ?? {}),
          created_at: organization.created_at ?? new Date().toISOString(),
          updated_at: organization.updated_at ?? organization.created_at ?? new Date().toISOString(),
        }),
      );
    },
    update: async (organization) => {
      await context.run(
        db
          .updateTable('organizations')
          .set({
            display_name: organization.name,
            description: organization.description,
            settings: JSON.stringify(organization.settings),
            updated_at: organization.updated_at,
          })
          .where('organization_id', '=', organization.org_id),
      );
    },
    membership: async (userId) => {
      const row = await context.first(q.membership.bind({ userId }));
      if (!row) return undefined;
      const { display_name: _name, ...member } = memberOf(row);
      return member;
    },
    member: async (organizationId, userId) => {
      const row = await context.first(
        db
          .selectFrom('organization_members as m')
          .innerJoin('users as u', 'u.user_id', 'm.user_id')
          .select(memberColumns)
          .where('m.organization_id', '=', organizationId)
          .where('m.user_id', '=', userId),
      );
      return row ? memberOf(row) : undefined;
    },
    members: async (query) => {
      let select = db
        .selectFrom('organization_members as m')
        .innerJoin('users as u', 'u.user_id', 'm.user_id')
        .select(memberColumns)
        .where('m.organization_id', '=', query.organizationId);
      if (query.role) select = select.where('m.role', '=', query.role);
      if (query.status) select = select.where('m.status', '=', query.status);
      if (query.label) select = select.where('m.label_keys', 'like', `%|${query.label}|%`);
      if (query.coachId) select = select.where('m.coach_id', '=', query.coachId);
      if (query.afterUserId) select = select.where('m.user_id', '>', query.afterUserId);
      const rows = await context.rows(select.orderBy('m.user_id').limit(query.limit));
      return rows.map(memberOf);
    },
    addMember: async (member) => {
      await context.run(db.insertInto('organization_members').values(memberRowOf(member)));
    },
    saveMember: async (member) => {
      const { user_id, organization_id, ...rest } = memberRowOf(member);
      await context.run(
        db.updateTable('organization_members').set(rest).where('user_id', '=', user_id).where('organization_id', '=', organization_id),
      );
    },
    removeMember: async (organizationId, userId) =>
      (await context.run(
        db.deleteFrom('organization_members').where('organization_id', '=', organizationId).where('user_id', '=', userId),
      )) > 0,
    unassignAthletesOf: async (organizationId, coachId, at) => {
      const athletes = await context.rows(
        db
          .selectFrom('organization_members')
          .select('user_id')
          .where('organization_id', '=', organizationId)
          .where('coach_id', '=', coachId)
          .orderBy('user_id'),
      );
      await context.run(
        db
          .updateTable('organization_members')
          .set({ coach_id: null, updated_at: at })
          .where('organization_id', '=', organizationId)
          .where('coach_id', '=', coachId),
      );
      return athletes.map((row) => row.user_id);
    },
    addAuditEvent: async (event) => {
      const { org_id, ...rest } = event;
      await context.run(
        db.insertInto('organization_audit_events').values({ ...rest, organization_id: org_id, occurred_ms: Date.parse(event.occurred_at) }),
      );
    },
    auditEvents: async ({ organizationId, before, limit }) => {
      let select = db
        .selectFrom('organization_audit_events')
        .select(['event_id', 'organization_id', 'actor_id', 'action', 'user_id', 'from_value', 'to_value', 'occurred_at'])
        .where('organization_id', '=', organizationId);
      if (before) {
        select = select.where((eb) =>
          eb.or([eb('occurred_ms', '<', before.ms), eb.and([eb('occurred_ms', '=', before.ms), eb('event_id', '<', before.eventId)])]),
        );
      }
      const rows = await context.rows(select.orderBy('occurred_ms', 'desc').orderBy('event_id', 'desc').limit(limit));
      return rows.map(({ organization_id, ...row }) => ({ ...row, org_id: organization_id }));
    },
    group: async (groupId) => {
      const row = await context.first(db.selectFrom('organization_groups').selectAll().where('group_id', '=', groupId));
      return row ? (await withMembers([row]))[0] : undefined;
    },
    groups: async ({ organizationId, visibleTo, afterId, limit }) => {
      let select = db.selectFrom('organization_groups as g').selectAll('g').where('g.organization_id', '=', organizationId);
      if (afterId) select = select.where('g.group_id', '>', afterId);
      if (visibleTo !== undefined) {
        select = select.where((eb) =>
          eb.or([
            eb('g.privacy', '=', 'public'),
            eb('g.owner_id', '=', visibleTo),
            eb.exists(
              eb
                .selectFrom('organization_group_members as gm')
                .select('gm.user_id')
                .whereRef('gm.group_id', '=', 'g.group_id')
                .where('gm.user_id', '=', visibleTo),
            ),
          ]),
        );
      }
      return withMembers(await context.rows(select.orderBy('g.group_id').limit(limit)));
    },
    createGroup: async (group) => {
      await context.run(db.insertInto('organization_groups').values(groupRow(group)));
      await insertMembers(group);
    },
    saveGroup: async (group) => {
      const { group_id, organization_id: _org, ...fields } = groupRow(group);
      await context.run(db.updateTable('organization_groups').set(fields).where('group_id', '=', group_id));
      await context.run(db.deleteFrom('organization_group_members').where('group_id', '=', group_id));
      await insertMembers(group);
    },
    deleteGroup: async (groupId) => {
      await context.run(db.deleteFrom('organization_group_members').where('group_id', '=', groupId));
      await context.run(db.deleteFrom('organization_groups').where('group_id', '=', groupId));
    },
    leaveGroups: async (organizationId, userId) => {
      const rows = await context.rows(
        db
          .selectFrom('organization_group_members as gm')
          .innerJoin('organization_groups as g', 'g.group_id', 'gm.group_id')
          .select('gm.group_id')
          .where('g.organization_id', '=', organizationId)
          .where('gm.user_id', '=', userId),
      );
      const ids = rows.map((row) => row.group_id);
      if (ids.length > 0) {
        await context.run(db.deleteFrom('organization_group_members').where('user_id', '=', userId).where('group_id', 'in', ids));
      }
      return ids;
    },
    findByApiKeyHash: (keyHash, nowMs = Date.now()) => context.first(q.byKey.bind({ keyHash, nowMs })),
    apiKeyLookupVersion: context.changeCounter(q.byKey),
    addApiKey: async (organizationId, keyHash, details = {}) => {
      const expiresAt = details.expires_at ?? null;
      await context.run(
        db.insertInto('api_keys').values({
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
    apiKeys: async (organizationId, nowMs, limit) => {
      const rows = await context.rows(
        db
          .selectFrom('api_keys')
          .select(['key_id', 'organization_id', 'name', 'key_prefix', 'created_by', 'created_at', 'expires_at'])
          .where('organization_id', '=', organizationId)
          .where('revoked_at', 'is', null)
          .where((eb) => eb.or([eb('expires_ms', 'is', null), eb('expires_ms', '>', nowMs)]))
          .orderBy('created_at', 'desc')
          .orderBy('key_id', 'desc')
          .limit(limit),
      );
      return rows.map((row) => ({
        key_id: row.key_id,
        org_id: row.organization_id,
        name: row.name,
        prefix: row.key_prefix,
        created_by: row.created_by,
        created_at: row.created_at,
        expires_at: row.expires_at,
      }));
    },
    revokeApiKeyById: async (organizationId, keyId, at) =>
      (await context.run(
        db
          .updateTable('api_keys')
          .set({ revoked_at: at })
          .where('organization_id', '=', organizationId)
          .where('key_id', '=', keyId)
          .where('revoked_at', 'is', null),
      )) > 0,
    revokeApiKey: async (keyHash, at) => (await context.run(q.revokeKey.bind({ keyHash, at }))) > 0,
  };
}

const columnValues = (organization: OrganizationRecord): OrganizationRecord => ({
  organization_id: organization.organization_id,
  username: organization.username,
  display_name: organization.display_name,
});
