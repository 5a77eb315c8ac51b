/**
 * Where an organization's groups and their members are kept. A page of groups reads its
 * members with one more query over the page's range of ids. Every query is compiled once
 * (members are written one row at a time, so no statement depends on how many there are).
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { caseKey } from '../../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../../storage/prepared.js';
import type { Group } from '../model.js';

interface GroupRow {
  group_id: string;
  organization_id: string;
  name: string;
  name_key: string;
  description: string | null;
  privacy: Group['privacy'];
  owner_id: string | null;
  created_at: string;
  updated_at: string;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface GroupTables {
  organization_groups: GroupRow;
  organization_group_members: { group_id: string; user_id: string };
}

export interface GroupStorage {
  /** A group with its members. */
  group(groupId: string): Promise<Group | undefined>;
  /** A page of the organization's groups by `group_id`; with `visibleTo`, only the public ones and those that user is in or owns. */
  groups(query: {
    organizationId: string;
    visibleTo?: string | undefined;
    afterId?: string | undefined;
    limit: number;
  }): Promise<ListRows<Group>>;
  /** Adds a group; a name the organization has (any case) is a `UniqueViolationError`. */
  createGroup(group: Group): Promise<void>;
  /** Writes a group's fields and replaces its members; a taken name is a `UniqueViolationError`. */
  saveGroup(group: Group): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  /** Takes a user out of every group of the organization (when they leave it); the groups' IDs. */
  leaveGroups(organizationId: string, userId: string): Promise<string[]>;
}

const rowColumns = [
  'group_id',
  'organization_id',
  'name',
  'name_key',
  'description',
  'privacy',
  'owner_id',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof GroupRow>;

type PageValues = { organizationId: string; visibleTo?: string | undefined; afterId?: string | undefined; limit: number };

const queries = (db: Kysely<GroupTables>) => ({
  group: prepareQuery<{ groupId: string }, GroupRow>((param) =>
    db.selectFrom('organization_groups').select(rowColumns).where('group_id', '=', param('groupId')),
  ),
  /** The page (with and without a cursor) and the count of the groups one caller sees, or all of them. */
  page: prepareList<PageValues, GroupRow>()(
    { filters: ['visibleTo'], position: ['afterId'] },
    (param, given) => {
      let query = db
        .selectFrom('organization_groups as g')
        .select(rowColumns.map((column) => `g.${column}` as const))
        .where('g.organization_id', '=', param('organizationId'));
      if (given('visibleTo')) {
        const userId = param('visibleTo')!;
        query = query.where((eb) =>
          eb.or([
            eb('g.privacy', '=', 'public'),
            eb('g.owner_id', '=', userId),
            eb.exists(
              eb
                .selectFrom('organization_group_members as gm')
                .select('gm.user_id')
                .whereRef('gm.group_id', '=', 'g.group_id')
                .where('gm.user_id', '=', userId),
            ),
          ]),
        );
      }
      return query;
    },
    (query, param, given) =>
      (given('afterId') ? query.where('g.group_id', '>', param('afterId')!) : query).orderBy('g.group_id').limit(param('limit')),
  ),
  /** The members of the organization's groups from `firstId` to `lastId` (a page's range), by group then user. */
  membersBetween: prepareQuery<{ organizationId: string; firstId: string; lastId: string }, { group_id: string; user_id: string }>(
    (param) =>
      db
        .selectFrom('organization_group_members as gm')
        .innerJoin('organization_groups as g', 'g.group_id', 'gm.group_id')
        .select(['gm.group_id', 'gm.user_id'])
        .where('g.organization_id', '=', param('organizationId'))
        .where('gm.group_id', '>=', param('firstId'))
        .where('gm.group_id', '<=', param('lastId'))
        .orderBy('gm.group_id')
        .orderBy('gm.user_id'),
  ),
  insert: prepareQuery<GroupRow, never>((param) => db.insertInto('organization_groups').values(columnParams(param, rowColumns))),
  update: prepareQuery<GroupRow, never>((param) =>
    db
      .updateTable('organization_groups')
      .set(columnParams(param, ['name', 'name_key', 'description', 'privacy', 'owner_id', 'created_at', 'updated_at']))
      .where('group_id', '=', param('group_id')),
  ),
  addMember: prepareQuery<{ group_id: string; user_id: string }, never>((param) =>
    db.insertInto('organization_group_members').values(columnParams(param, ['group_id', 'user_id'])),
  ),
  clearMembers: prepareQuery<{ groupId: string }, never>((param) =>
    db.deleteFrom('organization_group_members').where('group_id', '=', param('groupId')),
  ),
  delete: prepareQuery<{ groupId: string }, never>((param) =>
    db.deleteFrom('organization_groups').where('group_id', '=', param('groupId')),
  ),
  groupsOf: prepareQuery<{ organizationId: string; userId: string }, { group_id: string }>((param) =>
    db
      .selectFrom('organization_group_members as gm')
      .innerJoin('organization_groups as g', 'g.group_id', 'gm.group_id')
      .select('gm.group_id')
      .where('g.organization_id', '=', param('organizationId'))
      .where('gm.user_id', '=', param('userId')),
  ),
  leave: prepareQuery<{ organizationId: string; userId: string }, never>((param) =>
    db
      .deleteFrom('organization_group_members')
      .where('user_id', '=', param('userId'))
      .where('group_id', 'in', (eb) =>
        eb.selectFrom('organization_groups').select('group_id').where('organization_id', '=', param('organizationId')),
      ),
  ),
});

const rowOf = (group: Group): GroupRow => ({
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

/**
 * The groups storage on a database.
 *
 * @example
 * ```ts
 * const groups = openGroupStorage(context.as<GroupTables>());
 * await groups.groups({ organizationId: 'org_alpineclub', visibleTo: 'usr_athlete2', limit: 21 });
 * ```
 */
export function openGroupStorage(context: StorageContext<GroupTables>): GroupStorage {
  const q = context.once(queries);
  /** The groups of `rows` (ordered by `group_id`, of one organization) with their members. */
  const withMembers = async (rows: GroupRow[]): Promise<Group[]> => {
    const first = rows[0];
    const last = rows.at(-1);
    if (!first || !last) return [];
    const members = await context.rows(
      q.membersBetween.bind({ organizationId: first.organization_id, firstId: first.group_id, lastId: last.group_id }),
    );
    return rows.map(({ organization_id, name_key: _key, ...row }) => ({
      ...row,
      org_id: organization_id,
      members: members.filter((member) => member.group_id === row.group_id).map((member) => member.user_id),
    }));
  };
  const insertMembers = async (group: Group) => {
    for (const user_id of group.members) await context.run(q.addMember.bind({ group_id: group.group_id, user_id }));
  };
  return {
    group: async (groupId) => {
      const row = await context.first(q.group.bind({ groupId }));
      return row && (await withMembers([row]))[0];
    },
    groups: async (query) => {
      const { rows, total } = await readList(context, q.page, query);
      return { rows: await withMembers(rows), total };
    },
    createGroup: async (group) => {
      await context.run(q.insert.bind(rowOf(group)));
      await insertMembers(group);
    },
    saveGroup: async (group) => {
      await context.run(q.update.bind(rowOf(group)));
      await context.run(q.clearMembers.bind({ groupId: group.group_id }));
      await insertMembers(group);
    },
    deleteGroup: async (groupId) => {
      await context.run(q.clearMembers.bind({ groupId }));
      await context.run(q.delete.bind({ groupId }));
    },
    leaveGroups: async (organizationId, userId) => {
      const groups = await context.rows(q.groupsOf.bind({ organizationId, userId }));
      if (groups.length > 0) await context.run(q.leave.bind({ organizationId, userId }));
      return groups.map((row) => row.group_id);
    },
  };
}
