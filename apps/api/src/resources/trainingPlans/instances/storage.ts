/**
 * Where plan instances are kept: `plan_instances`, one row per athlete a plan was assigned
 * to, its weeks as JSON text. An assignment's instances are written in one transaction. The
 * list's scope (the organization's, a coach's athletes', an athlete's own) is part of the
 * query, so a page and its `total` hold only what the caller may read; `completed` is an
 * active instance past its `end_date` (compared with the UTC date in the list filter).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { forUpdate, type StorageDialect } from '../../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../../storage/prepared.js';
import type { InstanceQuery, StoredInstance } from './model.js';

interface InstanceRow extends Omit<StoredInstance, 'weeks'> {
  weeks: string;
  end_date: string;
  created_ms: number | string;
}

export interface InstanceTables {
  plan_instances: InstanceRow;
  organization_members: { user_id: string; organization_id: string; coach_id: string | null };
}

const columns = [
  'plan_instance_id',
  'training_plan_id',
  'training_plan_name',
  'athlete_id',
  'org_id',
  'group_id',
  'assigned_by',
  'start_date',
  'end_date',
  'time_zone',
  'status',
  'weeks',
  'created_at',
  'updated_at',
  'created_ms',
] as const satisfies ReadonlyArray<keyof InstanceRow>;

const toRow = (instance: StoredInstance): InstanceRow => ({
  ...instance,
  weeks: JSON.stringify(instance.weeks),
  end_date: new Date(Date.parse(`${instance.start_date}T00:00:00Z`) + (instance.weeks.length * 7 - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10),
  created_ms: Date.parse(instance.created_at),
});
const fromRow = ({ weeks, end_date: _end, created_ms: _ms, ...row }: InstanceRow): StoredInstance => ({
  ...row,
  weeks: JSON.parse(weeks) as StoredInstance['weeks'],
});

export interface InstanceStorage {
  list(query: InstanceQuery & { today: string }): Promise<ListRows<StoredInstance>>;
  get(instanceId: string): Promise<StoredInstance | undefined>;
  /** Writes an assignment's instances, all or none. */
  insertAll(instances: readonly StoredInstance[]): Promise<void>;
  /** Reads, asks `change` (which may throw to refuse) and writes, in one transaction. */
  update(instanceId: string, change: (current: StoredInstance) => StoredInstance): Promise<StoredInstance | undefined>;
}

type ListValues = Omit<InstanceQuery, 'before'> & { today: string; statusStored?: string; beforeMs?: number; beforeId?: string };
const filters = ['orgId', 'coachId', 'athleteId', 'trainingPlanId', 'status'] as const;

const queries = (db: Kysely<InstanceTables>, dialect: StorageDialect) => {
  const byId = (param: (name: 'instanceId') => string) =>
    db.selectFrom('plan_instances').select(columns).where('plan_instance_id', '=', param('instanceId'));
  return {
    get: prepareQuery<{ instanceId: string }, InstanceRow>((param) => byId(param)),
    getForChange: prepareQuery<{ instanceId: string }, InstanceRow>((param) => forUpdate(dialect, byId(param))),
    insert: prepareQuery<InstanceRow, never>((param) => db.insertInto('plan_instances').values(columnParams(param, columns))),
    setStatus: prepareQuery<{ instanceId: string; status: string; updatedAt: string }, never>((param) =>
      db
        .updateTable('plan_instances')
        .set({ status: param('status') as StoredInstance['status'], updated_at: param('updatedAt') })
        .where('plan_instance_id', '=', param('instanceId')),
    ),
    list: prepareList<ListValues, InstanceRow>()(
      { filters, position: ['beforeMs'] },
      (param, given) => {
        let query = db.selectFrom('plan_instances as i').select(columns.map((column) => `i.${column}` as const));
        if (given('orgId')) query = query.where('i.org_id', '=', param('orgId')!);
        if (given('coachId')) {
          query = query.where('i.athlete_id', 'in', (eb) =>
            eb
              .selectFrom('organization_members as m')
              .select('m.user_id')
              .where('m.coach_id', '=', param('coachId')!)
              .where('m.organization_id', '=', param('orgId')!),
          );
        }
        if (given('athleteId')) query = query.where('i.athlete_id', '=', param('athleteId')!);
        if (given('trainingPlanId')) query = query.where('i.training_plan_id', '=', param('trainingPlanId')!);
        if (given('status')) {
          // `completed` and `active` are both stored `active`; the end date tells them apart.
          query = query.where((eb) =>
            eb.or([
              eb.and([
                sql<SqlBool>`${param('status')!} = 'completed'`,
                eb('i.status', '=', 'active'),
                eb('i.end_date', '<', param('today')),
              ]),
              eb.and([sql<SqlBool>`${param('status')!} = 'active'`, eb('i.status', '=', 'active'), eb('i.end_date', '>=', param('today'))]),
              eb.and([eb('i.status', '=', param('status')! as StoredInstance['status']), eb('i.status', '<>', 'active')]),
            ]),
          );
        }
        return query;
      },
      (query, param, given) => {
        if (given('beforeMs')) {
          query = query.where(
            sql<SqlBool>`(${sql.ref('i.created_ms')}, ${sql.ref('i.plan_instance_id')}) < (${param('beforeMs')!}, ${param('beforeId')!})`,
          );
        }
        return query.orderBy('i.created_ms', 'desc').orderBy('i.plan_instance_id', 'desc').limit(param('limit'));
      },
    ),
  };
};

/**
 * The plan instances storage on a database.
 *
 * @example
 * ```ts
 * const instances = openInstanceStorage(context.as<InstanceTables>());
 * await instances.get('pli_leospring');
 * ```
 */
export function openInstanceStorage(context: StorageContext<InstanceTables>): InstanceStorage {
  const q = context.once(queries);
  return {
    async list({ before, ...rest }) {
      const values: ListValues = { ...rest };
      if (before) Object.assign(values, { beforeMs: before.createdMs, beforeId: before.id });
      const { rows, total } = await readList(context, q.list, values);
      return { rows: rows.map(fromRow), total };
    },
    get: async (instanceId) => {
      const row = await context.first(q.get.bind({ instanceId }));
      return row && fromRow(row);
    },
    insertAll: (instances) =>
      context.transaction(async (tx) => {
        for (const instance of instances) await tx.run(q.insert.bind(toRow(instance)));
      }),
    update: (instanceId, change) =>
      context.transaction(async (tx) => {
        const row = await tx.first(q.getForChange.bind({ instanceId }));
        if (!row) return undefined;
        const next = change(fromRow(row));
        await tx.run(q.setStatus.bind({ instanceId, status: next.status, updatedAt: next.updated_at }));
        return next;
      }),
  };
}
