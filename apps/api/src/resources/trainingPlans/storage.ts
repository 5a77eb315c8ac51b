/**
 * Where plans are kept: `training_plans`, one row per plan with its weeks as JSON text
 * (`rows.ts`). Every query is compiled once (each list filter combination on first use);
 * update and delete read, check and write in one transaction, so a refused change writes
 * nothing. The list's scope (who reads what, `permissions.ts`) is one SQL condition, so a
 * page and its `total` count only the plans the caller may read.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../storage/prepared.js';
import type { PlanQuery, PlanViewer, StoredPlan } from './model.js';
import { planColumns, planToRow, rowToPlan, type PlanRow } from './rows.js';

/** The tables this storage reads (created by its migration): plans, and instances for "assigned to them". */
export interface TrainingPlanTables {
  training_plans: PlanRow;
  plan_instances: { training_plan_id: string; athlete_id: string };
}

export interface TrainingPlanStorage {
  /** At most `limit` plans, newest first, the caller's scope and filters applied; and how many match across all pages. */
  list(query: PlanQuery): Promise<ListRows<StoredPlan>>;
  get(trainingPlanId: string): Promise<StoredPlan | undefined>;
  /** Whether the plan is assigned to the athlete (an instance of it is theirs): they read it. */
  assignedTo(trainingPlanId: string, athleteId: string): Promise<boolean>;
  insert(plan: StoredPlan): Promise<StoredPlan>;
  /** Reads the plan, asks `change` for its new state and writes it, in one transaction; `undefined` when it does not exist. */
  update(trainingPlanId: string, change: (current: StoredPlan) => StoredPlan): Promise<StoredPlan | undefined>;
  /** Removes the plan after `guard` (which throws to refuse) has seen it. False when it does not exist. */
  delete(trainingPlanId: string, guard: (current: StoredPlan) => void): Promise<boolean>;
}

type ListValues = Omit<PlanQuery, 'viewer' | 'before'> & Partial<PlanViewer> & { scoped?: 1; beforeMs?: number; beforeId?: string };

const listFilters = ['scoped', 'type', 'level', 'visibility', 'ownerId', 'orgId', 'searchPattern'] as const;

/** `column LIKE pattern ESCAPE '\'`, which SQLite and PostgreSQL read alike. */
const like = (column: string, pattern: string): Expression<SqlBool> => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

const queries = (db: Kysely<TrainingPlanTables>, dialect: StorageDialect) => {
  const byId = (param: (name: 'trainingPlanId') => string) =>
    db.selectFrom('training_plans').select(planColumns).where('training_plan_id', '=', param('trainingPlanId'));
  return {
    get: prepareQuery<{ trainingPlanId: string }, PlanRow>((param) => byId(param)),
    getForChange: prepareQuery<{ trainingPlanId: string }, PlanRow>((param) => forUpdate(dialect, byId(param))),
    assigned: prepareQuery<{ trainingPlanId: string; athleteId: string }, { training_plan_id: string }>((param) =>
      db
        .selectFrom('plan_instances')
        .select('training_plan_id')
        .where('training_plan_id', '=', param('trainingPlanId'))
        .where('athlete_id', '=', param('athleteId'))
        .limit(1),
    ),
    insert: prepareQuery<PlanRow, never>((param) => db.insertInto('training_plans').values(columnParams(param, planColumns))),
    update: prepareQuery<PlanRow, never>((param) =>
      db
        .updateTable('training_plans')
        .set(
          columnParams(
            param,
            planColumns.filter((column) => column !== 'training_plan_id'),
          ),
        )
        .where('training_plan_id', '=', param('training_plan_id')),
    ),
    delete: prepareQuery<{ trainingPlanId: string }, never>((param) =>
      db.deleteFrom('training_plans').where('training_plan_id', '=', param('trainingPlanId')),
    ),
    list: prepareList<ListValues, PlanRow>()(
      { filters: listFilters, position: ['beforeMs'] },
      (param, given) => {
        let query = db.selectFrom('training_plans as p').select(planColumns.map((column) => `p.${column}` as const));
        if (given('scoped')) {
          // The visibility rules of permissions.ts `readsPlan`, plus the plans assigned to the caller.
          query = query.where((eb) =>
            eb.or([
              eb('p.visibility', '=', 'system'),
              eb.and([
                eb('p.visibility', '=', 'public'),
                eb.or([eb('p.org_id', '=', param('viewerOrgId')!), eb('p.org_id', '=', param('publicOrgId')!)]),
              ]),
              eb('p.owner_id', '=', param('viewerId')!),
              eb.and([
                eb('p.org_id', '=', param('viewerOrgId')!),
                eb.or([eb('p.visibility', '=', 'org'), sql<SqlBool>`${param('headCoach')!} = 1`]),
              ]),
              eb(
                'p.training_plan_id',
                'in',
                eb.selectFrom('plan_instances as i').select('i.training_plan_id').where('i.athlete_id', '=', param('viewerId')!),
              ),
            ]),
          );
        }
        if (given('type')) query = query.where('p.training_plan_type', '=', param('type')!);
        if (given('level')) query = query.where('p.level', '=', param('level')!);
        if (given('visibility')) query = query.where('p.visibility', '=', param('visibility')!);
        if (given('ownerId')) query = query.where('p.owner_id', '=', param('ownerId')!);
        if (given('orgId')) query = query.where('p.org_id', '=', param('orgId')!);
        if (given('searchPattern')) query = query.where(like('p.search_key', param('searchPattern')!));
        return query;
      },
      (query, param, given) => {
        if (given('beforeMs')) {
          // Newest first: the page starts right after the cursor's plan, whether or not it still exists.
          query = query.where(
            sql<SqlBool>`(${sql.ref('p.created_ms')}, ${sql.ref('p.training_plan_id')}) < (${param('beforeMs')!}, ${param('beforeId')!})`,
          );
        }
        return query.orderBy('p.created_ms', 'desc').orderBy('p.training_plan_id', 'desc').limit(param('limit'));
      },
    ),
  };
};

/**
 * The plans storage on a database.
 *
 * @example
 * ```ts
 * const plans = openTrainingPlanStorage(context.as<TrainingPlanTables>());
 * await plans.list({ limit: 21 }); // { rows, total }
 * ```
 */
export function openTrainingPlanStorage(context: StorageContext<TrainingPlanTables>): TrainingPlanStorage {
  const q = context.once(queries);
  const get = async (on: StorageContext<TrainingPlanTables>, trainingPlanId: string, query = q.get) => {
    const row = await on.first(query.bind({ trainingPlanId }));
    return row && rowToPlan(row);
  };
  return {
    async list({ viewer, before, ...rest }) {
      const values: ListValues = { ...rest, ...(viewer ? { ...viewer, scoped: 1 } : {}) };
      if (before) Object.assign(values, { beforeMs: before.createdMs, beforeId: before.id });
      const { rows, total } = await readList(context, q.list, values);
      return { rows: rows.map(rowToPlan), total };
    },
    get: (trainingPlanId) => get(context, trainingPlanId),
    assignedTo: async (trainingPlanId, athleteId) => (await context.first(q.assigned.bind({ trainingPlanId, athleteId }))) !== undefined,
    async insert(plan) {
      await context.run(q.insert.bind(planToRow(plan)));
      return plan;
    },
    update: (trainingPlanId, change) =>
      context.transaction(async (tx) => {
        const current = await get(tx, trainingPlanId, q.getForChange);
        if (!current) return undefined;
        const next = { ...change(current), training_plan_id: trainingPlanId };
        await tx.run(q.update.bind(planToRow(next)));
        return next;
      }),
    delete: (trainingPlanId, guard) =>
      context.transaction(async (tx) => {
        const current = await get(tx, trainingPlanId, q.getForChange);
        if (!current) return false;
        guard(current);
        await tx.run(q.delete.bind({ trainingPlanId }));
        return true;
      }),
  };
}
