/**
 * Where memberships are kept: one row per member (a user belongs to one organization at
 * most), labels as JSON text plus a `|a|b|` key the label filter matches. Reads join the user
 * for the display name. Every query is compiled once (each list filter combination on first
 * use).
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../../storage/prepared.js';
import type { StoredMember } from '../model.js';

interface MemberRow extends Omit<StoredMember, 'labels' | 'coach_labels'> {
  labels: string;
  coach_labels: string;
  label_keys: string;
}

/** The tables this storage reads and writes (created by the migrations). */
export interface MemberTables {
  organization_members: MemberRow;
  users: { user_id: string; display_name: string };
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

export interface MemberStorage {
  /** The membership of a user, in whichever organization. */
  membership(userId: string): Promise<StoredMember | undefined>;
  /** A member of the organization, with their display name. */
  member(organizationId: string, userId: string): Promise<MemberView | undefined>;
  /** A page of members by `user_id` (`limit` of them at most), and how many match the filters across all pages. */
  members(query: MemberQuery): Promise<ListRows<MemberView>>;
  /** Adds a membership; a user already in an organization is a `UniqueViolationError`. */
  addMember(member: StoredMember): Promise<void>;
  /** Replaces a membership's attributes. */
  saveMember(member: StoredMember): Promise<void>;
  removeMember(organizationId: string, userId: string): Promise<boolean>;
  /** Unassigns every athlete of the organization assigned to `coachId`; their user IDs. */
  unassignAthletesOf(organizationId: string, coachId: string, atIso: string): Promise<string[]>;
}

const rowColumns = [
  'user_id',
  'organization_id',
  'role',
  'status',
  'nickname',
  'level',
  'labels',
  'coach_labels',
  'label_keys',
  'coach_notes',
  'coach_id',
  'joined_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof MemberRow>;

type SelectedMember = MemberRow & { display_name: string };

/** The values a page binds: the label as its `LIKE` pattern. */
type ListValues = Omit<MemberQuery, 'label'> & { labelPattern?: string | undefined };
const listFilters = ['role', 'status', 'labelPattern', 'coachId'] as const;

const queries = (db: Kysely<MemberTables>) => {
  const select = () =>
    db
      .selectFrom('organization_members as m')
      .innerJoin('users as u', 'u.user_id', 'm.user_id')
      .select(rowColumns.map((column) => `m.${column}` as const))
      .select('u.display_name');
  return {
    membership: prepareQuery<{ userId: string }, SelectedMember>((param) => select().where('m.user_id', '=', param('userId'))),
    member: prepareQuery<{ organizationId: string; userId: string }, SelectedMember>((param) =>
      select().where('m.organization_id', '=', param('organizationId')).where('m.user_id', '=', param('userId')),
    ),
    /** The page and the count of one combination of filters (at most 2^4 shapes, pages with and without a cursor), compiled on first use. */
    members: prepareList<ListValues, SelectedMember>()(
      { filters: listFilters, position: ['afterUserId'] },
      (param, given) => {
        let query = select().where('m.organization_id', '=', param('organizationId'));
        if (given('role')) query = query.where('m.role', '=', param('role')!);
        if (given('status')) query = query.where('m.status', '=', param('status')!);
        if (given('labelPattern')) query = query.where('m.label_keys', 'like', param('labelPattern')!);
        if (given('coachId')) query = query.where('m.coach_id', '=', param('coachId')!);
        return query;
      },
      (query, param, given) =>
        (given('afterUserId') ? query.where('m.user_id', '>', param('afterUserId')!) : query).orderBy('m.user_id').limit(param('limit')),
    ),
    add: prepareQuery<MemberRow, never>((param) => db.insertInto('organization_members').values(columnParams(param, rowColumns))),
    save: prepareQuery<MemberRow, never>((param) =>
      db
        .updateTable('organization_members')
        .set(
          columnParams(
            param,
            rowColumns.filter((column) => column !== 'user_id' && column !== 'organization_id'),
          ),
        )
        .where('user_id', '=', param('user_id'))
        .where('organization_id', '=', param('organization_id')),
    ),
    remove: prepareQuery<{ organizationId: string; userId: string }, never>((param) =>
      db.deleteFrom('organization_members').where('organization_id', '=', param('organizationId')).where('user_id', '=', param('userId')),
    ),
    athletesOf: prepareQuery<{ organizationId: string; coachId: string }, { user_id: string }>((param) =>
      db
        .selectFrom('organization_members')
        .select('user_id')
        .where('organization_id', '=', param('organizationId'))
        .where('coach_id', '=', param('coachId'))
        .orderBy('user_id'),
    ),
    unassign: prepareQuery<{ organizationId: string; coachId: string; at: string }, never>((param) =>
      db
        .updateTable('organization_members')
        .set({ coach_id: null, updated_at: param('at') })
        .where('organization_id', '=', param('organizationId'))
        .where('coach_id', '=', param('coachId')),
    ),
  };
};

const memberOf = (row: SelectedMember): MemberView => ({
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

const rowOf = (member: StoredMember): MemberRow => ({
  user_id: member.user_id,
  organization_id: member.organization_id,
  role: member.role,
  status: member.status,
  nickname: member.nickname,
  level: member.level,
  labels: JSON.stringify(member.labels),
  coach_labels: JSON.stringify(member.coach_labels),
  // `|a|b|`: the label filter is one LIKE '%|label|%' (labels hold no `|`, `%` or `_`).
  label_keys: `|${[...member.labels, ...member.coach_labels].join('|')}|`,
  coach_notes: member.coach_notes,
  coach_id: member.coach_id,
  joined_at: member.joined_at,
  updated_at: member.updated_at,
});

/**
 * The memberships storage on a database.
 *
 * @example
 * ```ts
 * const members = openMemberStorage(context.as<MemberTables>());
 * await members.members({ organizationId: 'org_alpineclub', role: 'athlete', limit: 21 });
 * ```
 */
export function openMemberStorage(context: StorageContext<MemberTables>): MemberStorage {
  const q = context.once(queries);
  return {
    membership: async (userId) => {
      const row = await context.first(q.membership.bind({ userId }));
      if (!row) return undefined;
      const { display_name: _name, ...member } = memberOf(row);
      return member;
    },
    member: async (organizationId, userId) => {
      const row = await context.first(q.member.bind({ organizationId, userId }));
      return row && memberOf(row);
    },
    members: async ({ label, ...query }) => {
      const values: ListValues = { ...query, labelPattern: label === undefined ? undefined : `%|${label}|%` };
      const { rows, total } = await readList(context, q.members, values);
      return { rows: rows.map(memberOf), total };
    },
    addMember: async (member) => {
      await context.run(q.add.bind(rowOf(member)));
    },
    saveMember: async (member) => {
      await context.run(q.save.bind(rowOf(member)));
    },
    removeMember: async (organizationId, userId) => (await context.run(q.remove.bind({ organizationId, userId }))) > 0,
    unassignAthletesOf: async (organizationId, coachId, at) => {
      const athletes = await context.rows(q.athletesOf.bind({ organizationId, coachId }));
      await context.run(q.unassign.bind({ organizationId, coachId, at }));
      return athletes.map((row) => row.user_id);
    },
  };
}
