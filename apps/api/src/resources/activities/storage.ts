/**
 * Where activities are kept: the `activities` table (one row per activity), the recorded
 * streams in `activity_streams`, and the read-only facts the access rules need from the
 * users and organizations tables (the athlete's privacy flags and coach, the caller's role,
 * a group in common). Every query is compiled once (the list once per shape, on first use);
 * update and delete read, check and write in one transaction, so a refused change writes
 * nothing and nothing slips in between.
 *
 * Over 250 lines: the queries of the two tables and their transactions read best together.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../storage/prepared.js';
import type { ViewerFacts } from './access.js';
import type { ActivityQuery, ActivityRow } from './model.js';
import type { TrackStreams } from './tracks/index.js';

/** The recorded points of one activity, as stored (columnar JSON). */
interface StreamsRow {
  activity_id: string;
  point_count: number;
  streams: string;
}

/** The tables this resource reads and writes: its own two, and the columns it reads of others. */
export interface ActivityTables {
  activities: ActivityRow;
  activity_streams: StreamsRow;
  users: { user_id: string; privacy: string };
  organization_members: { user_id: string; organization_id: string; role: string; status: string; coach_id: string | null };
  organization_group_members: { group_id: string; user_id: string };
}

/** What the access rules need of an athlete, as stored (the privacy flags as JSON text). */
export interface StoredAthlete {
  user_id: string;
  privacy: string;
  organization_id: string | null;
  coach_id: string | null;
}

export interface ActivityStorage {
  /** A page of one athlete's activities, newest first, and how many match the filters across all pages. */
  list(query: ActivityQuery): Promise<ListRows<ActivityRow>>;
  get(activityId: string): Promise<ActivityRow | undefined>;
  /** Stores a new activity, with its recorded streams when it has any, in one transaction. */
  insert(activity: ActivityRow, streams?: TrackStreams): Promise<ActivityRow>;
  /**
   * Stores an imported activity and its streams unless the athlete already has one starting
   * in the same second: then nothing is written and that activity's id is returned. The check
   * and the insert hold the athlete's import lock, so two uploads of one file cannot both pass.
   */
  insertUnlessDuplicate(activity: ActivityRow, streams: TrackStreams): Promise<{ inserted: ActivityRow } | { existingId: string }>;
  /**
   * Reads the activity, asks `change` for its new state and writes it, all in one
   * transaction: if `change` throws, nothing is written. `undefined` when it does not exist.
   */
  update(activityId: string, change: (current: ActivityRow) => ActivityRow): Promise<ActivityRow | undefined>;
  /** Removes the activity and its streams after `guard` (which throws to refuse) has seen it. False when it does not exist. */
  delete(activityId: string, guard: (current: ActivityRow) => void): Promise<boolean>;
  /** The recorded streams of an activity (every type, as the tracks library computes them); `undefined` when it has none. */
  streams(activityId: string): Promise<TrackStreams | undefined>;
  /** The athlete's privacy flags, organization and coach; `undefined` for an unknown user. */
  athlete(userId: string): Promise<StoredAthlete | undefined>;
  /** The caller's membership (organization, role, suspension). */
  viewer(userId: string): Promise<ViewerFacts>;
  /** Whether two users are in a group together. */
  shareGroup(userId: string, otherUserId: string): Promise<boolean>;
}

/** Every column of `activities`. */
const columns = [
  'activity_id',
  'user_id',
  'title',
  'description',
  'activity_type',
  'status',
  'source',
  'start_time',
  'start_ms',
  'duration_seconds',
  'distance_meters',
  'moving_time_seconds',
  'elevation_gain_meters',
  'average_heart_rate',
  'max_heart_rate',
  'average_cadence',
  'plan_instance_id',
  'polyline',
  'stream_points',
  'summary_title',
  'summary',
  'created_by',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof ActivityRow>;

/** The list's values: the statuses as four slots (repeats fill the unused ones), so one shape serves one to four. */
type ListValues = Omit<ActivityQuery, 'statuses'> & { status1?: string; status2?: string; status3?: string; status4?: string };
const listFilters = ['fromMs', 'toMs', 'activityType', 'status1', 'planInstanceId'] as const;

const queries = (db: Kysely<ActivityTables>, dialect: StorageDialect) => {
  const byId = (param: (name: 'activityId') => string) =>
    db.selectFrom('activities').select(columns).where('activity_id', '=', param('activityId'));
  return {
    get: prepareQuery<{ activityId: string }, ActivityRow>((param) => byId(param)),
    /** An activity of the athlete starting in the second of `fromMs` (index: user_id, start_ms). */
    sameStart: prepareQuery<{ userId: string; fromMs: number; toMs: number }, { activity_id: string }>((param) =>
      db
        .selectFrom('activities')
        .select('activity_id')
        .where('user_id', '=', param('userId'))
        .where('start_ms', '>=', param('fromMs'))
        .where('start_ms', '<', param('toMs'))
        .orderBy('activity_id')
        .limit(1),
    ),
    /** The read before a change: the row stays locked until the change commits. */
    getForChange: prepareQuery<{ activityId: string }, ActivityRow>((param) => forUpdate(dialect, byId(param))),
    insert: prepareQuery<ActivityRow, never>((param) => db.insertInto('activities').values(columnParams(param, columns))),
    update: prepareQuery<ActivityRow, never>((param) =>
      db
        .updateTable('activities')
        .set(
          columnParams(
            param,
            columns.filter((column) => column !== 'activity_id'),
          ),
        )
        .where('activity_id', '=', param('activity_id')),
    ),
    delete: prepareQuery<{ activityId: string }, never>((param) =>
      db.deleteFrom('activities').where('activity_id', '=', param('activityId')),
    ),
    deleteStreams: prepareQuery<{ activityId: string }, never>((param) =>
      db.deleteFrom('activity_streams').where('activity_id', '=', param('activityId')),
    ),
    insertStreams: prepareQuery<StreamsRow, never>((param) =>
      db.insertInto('activity_streams').values(columnParams(param, ['activity_id', 'point_count', 'streams'])),
    ),
    streams: prepareQuery<{ activityId: string }, Pick<StreamsRow, 'streams'>>((param) =>
      db.selectFrom('activity_streams').select('streams').where('activity_id', '=', param('activityId')),
    ),
    athlete: prepareQuery<{ userId: string }, StoredAthlete>((param) =>
      db
        .selectFrom('users as u')
        .leftJoin('organization_members as m', 'm.user_id', 'u.user_id')
        .select(['u.user_id', 'u.privacy', 'm.organization_id', 'm.coach_id'])
        .where('u.user_id', '=', param('userId')),
    ),
    viewer: prepareQuery<{ userId: string }, { organization_id: string; role: string; status: string }>((param) =>
      db.selectFrom('organization_members').select(['organization_id', 'role', 'status']).where('user_id', '=', param('userId')),
    ),
    shareGroup: prepareQuery<{ userId: string; otherUserId: string }, { group_id: string }>((param) =>
      db
        .selectFrom('organization_group_members as a')
        .innerJoin('organization_group_members as b', 'b.group_id', 'a.group_id')
        .select('a.group_id')
        .where('a.user_id', '=', param('userId'))
        .where('b.user_id', '=', param('otherUserId'))
        .limit(1),
    ),
    /** One athlete's page and its count, newest first; each combination of filters compiled on first use. */
    list: prepareList<ListValues, ActivityRow>()(
      { filters: listFilters, position: ['beforeMs'] },
      (param, given) => {
        let query = db.selectFrom('activities').select(columns).where('user_id', '=', param('userId'));
        if (given('fromMs')) query = query.where('start_ms', '>=', param('fromMs')!);
        if (given('toMs')) query = query.where('start_ms', '<=', param('toMs')!);
        if (given('activityType')) query = query.where('activity_type', '=', param('activityType')!);
        if (given('status1')) {
          const statuses = [param('status1'), param('status2'), param('status3'), param('status4')] as ActivityRow['status'][];
          query = query.where('status', 'in', statuses);
        }
        if (given('planInstanceId')) query = query.where('plan_instance_id', '=', param('planInstanceId')!);
        return query;
      },
      (query, param, given) => {
        if (given('beforeMs')) {
          // A row-value comparison in the order of the (user_id, start_ms, activity_id) index:
          // the page starts right after the cursor's activity, whether or not it still exists.
          query = query.where(
            sql<SqlBool>`(${sql.ref('start_ms')}, ${sql.ref('activity_id')}) < (${param('beforeMs')!}, ${param('beforeId')!})`,
          );
        }
        return query.orderBy('start_ms', 'desc').orderBy('activity_id', 'desc').limit(param('limit'));
      },
    ),
  };
};

/** PostgreSQL hands `bigint` over as a string; the API's numbers are numbers. */
const fromRow = (row: ActivityRow): ActivityRow => ({ ...row, start_ms: Number(row.start_ms), stream_points: Number(row.stream_points) });

const organizationRoles = new Set(['head_coach', 'assistant_coach', 'coach', 'athlete']);

/**
 * The activities storage on a database.
 *
 * @example
 * ```ts
 * const activities = openActivityStorage(context.as<ActivityTables>());
 * await activities.list({ userId: 'usr_athlete1', limit: 21 }); // { rows, total }
 * ```
 */
export function openActivityStorage(context: StorageContext<ActivityTables>): ActivityStorage {
  const q = context.once(queries);
  /** The activity and, when it has any, its recorded streams (inside the caller's transaction). */
  const insertRows = async (tx: StorageContext<ActivityTables>, activity: ActivityRow, streams: TrackStreams | undefined) => {
    await tx.run(q.insert.bind(activity));
    if (streams !== undefined && activity.stream_points > 0) {
      const row = { activity_id: activity.activity_id, point_count: activity.stream_points, streams: JSON.stringify(streams) };
      await tx.run(q.insertStreams.bind(row));
    }
    return activity;
  };
  return {
    async list(query) {
      const { statuses, ...rest } = query;
      const values: ListValues = { ...rest };
      if (statuses !== undefined && statuses.length > 0) {
        [values.status1, values.status2, values.status3, values.status4] = [0, 1, 2, 3].map((i) => statuses[i] ?? statuses[0]!);
      }
      const found = await readList(context, q.list, values);
      return { rows: found.rows.map(fromRow), total: found.total };
    },
    get: async (activityId) => {
      const row = await context.first(q.get.bind({ activityId }));
      return row && fromRow(row);
    },
    insert: (activity, streams) => context.transaction((tx) => insertRows(tx, activity, streams)),
    insertUnlessDuplicate: (activity, streams) =>
      context.transaction(async (tx) => {
        for (const statement of tx.dialect.keyLock(`activity-import:${activity.user_id}`)) await tx.run(statement);
        const fromMs = Math.floor(activity.start_ms / 1000) * 1000;
        const existing = await tx.first(q.sameStart.bind({ userId: activity.user_id, fromMs, toMs: fromMs + 1000 }));
        if (existing) return { existingId: existing.activity_id };
        return { inserted: await insertRows(tx, activity, streams) };
      }),
    update: (activityId, change) =>
      context.transaction(async (tx) => {
        const current = await tx.first(q.getForChange.bind({ activityId }));
        if (!current) return undefined;
        const next = { ...change(fromRow(current)), activity_id: activityId };
        await tx.run(q.update.bind(next));
        return next;
      }),
    delete: (activityId, guard) =>
      context.transaction(async (tx) => {
        const current = await tx.first(q.getForChange.bind({ activityId }));
        if (!current) return false;
        guard(fromRow(current));
        await tx.run(q.deleteStreams.bind({ activityId }));
        await tx.run(q.delete.bind({ activityId }));
        return true;
      }),
    async streams(activityId) {
      const row = await context.first(q.streams.bind({ activityId }));
      return row && (JSON.parse(row.streams) as TrackStreams);
    },
    athlete: (userId) => context.first(q.athlete.bind({ userId })),
    async viewer(userId) {
      const row = await context.first(q.viewer.bind({ userId }));
      if (!row) return { organizationId: null, role: null, suspended: false };
      const role = organizationRoles.has(row.role) ? (row.role as ViewerFacts['role']) : null;
      return { organizationId: row.organization_id, role, suspended: row.status === 'suspended' };
    },
    shareGroup: async (userId, otherUserId) => (await context.first(q.shareGroup.bind({ userId, otherUserId }))) !== undefined,
  };
}
