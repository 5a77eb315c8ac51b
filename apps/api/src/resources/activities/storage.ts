/**
 * Where activities are kept: the `activities` table, whose rows are the activities the
 * API returns. Every query is compiled once (the list once per shape, on first use); update
 * and delete read, check and write in one transaction, so a refused change writes nothing
 * and nothing slips in between.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../storage/prepared.js';
import type { Activity, ActivityQuery } from './model.js';

/** The tables this resource reads and writes (created by its migration). */
export interface ActivityTables {
  activities: Activity;
}

export interface ActivityStorage {
  /**
   * At most `limit` activities in `activity_id` order; with `afterId`, only those after it
   * (keyset paging); and how many there are across all pages.
   */
  list(query: ActivityQuery): Promise<ListRows<Activity>>;
  get(activityId: string): Promise<Activity | undefined>;
  insert(activity: Activity): Promise<Activity>;
  /**
   * Reads the activity, asks `change` for its new state and writes it, all in one
   * transaction: if `change` throws, nothing is written. `undefined` when it does not exist.
   */
  update(activityId: string, change: (current: Activity) => Activity): Promise<Activity | undefined>;
  /** Removes the activity after `guard` (which throws to refuse) has seen it. False when it does not exist. */
  delete(activityId: string, guard: (current: Activity) => void): Promise<boolean>;
}

/** Every column of `activities`, in the contract's order. */
const columns = ['activity_id', 'name', 'description', 'created_by', 'created_at', 'updated_at'] as const satisfies ReadonlyArray<
  keyof Activity
>;

const queries = (db: Kysely<ActivityTables>, dialect: StorageDialect) => {
  const byId = (param: (name: 'activityId') => string) =>
    db.selectFrom('activities').select(columns).where('activity_id', '=', param('activityId'));
  return {
    get: prepareQuery<{ activityId: string }, Activity>((param) => byId(param)),
    /** The read before a change: the row stays locked until the change commits. */
    getForChange: prepareQuery<{ activityId: string }, Activity>((param) => forUpdate(dialect, byId(param))),
    insert: prepareQuery<Activity, never>((param) => db.insertInto('activities').values(columnParams(param, columns))),
    update: prepareQuery<Activity, never>((param) =>
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
    /** A page and its count: with or without the cursor's position, each shape compiled on first use. */
    list: prepareList<ActivityQuery, Activity>()(
      { filters: [], position: ['afterId'] },
      () => db.selectFrom('activities').select(columns),
      (query, param, given) =>
        (given('afterId') ? query.where('activity_id', '>', param('afterId')!) : query).orderBy('activity_id', 'asc').limit(param('limit')),
    ),
  };
};

/**
 * The activities storage on a database.
 *
 * @example
 * ```ts
 * const activities = openActivityStorage(context.as<ActivityTables>());
 * await activities.list({ limit: 21 }); // { rows, total }
 * ```
 */
export function openActivityStorage(context: StorageContext<ActivityTables>): ActivityStorage {
  const q = context.once(queries);
  return {
    list: (query) => readList(context, q.list, query),
    get: (activityId) => context.first(q.get.bind({ activityId })),
    async insert(activity) {
      await context.run(q.insert.bind(activity));
      return activity;
    },
    update: (activityId, change) =>
      context.transaction(async (tx) => {
        const current = await tx.first(q.getForChange.bind({ activityId }));
        if (!current) return undefined;
        const next = { ...change(current), activity_id: activityId };
        await tx.run(q.update.bind(next));
        return next;
      }),
    delete: (activityId, guard) =>
      context.transaction(async (tx) => {
        const current = await tx.first(q.getForChange.bind({ activityId }));
        if (!current) return false;
        guard(current);
        await tx.run(q.delete.bind({ activityId }));
        return true;
      }),
  };
}
