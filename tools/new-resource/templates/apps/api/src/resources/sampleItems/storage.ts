/**
 * Where sample items are kept: the `sample_items` table, whose rows are the sample items the
 * API returns. Every query is compiled once (the list once per shape, on first use); update
 * and delete read, check and write in one transaction, so a refused change writes nothing
 * and nothing slips in between.
 */
import type { Kysely } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../storage/prepared.js';
import type { SampleItem, SampleItemQuery } from './model.js';

/** The tables this resource reads and writes (created by its migration). */
export interface SampleItemTables {
  sample_items: SampleItem;
}

export interface SampleItemStorage {
  /**
   * At most `limit` sample items in `sample_item_id` order; with `afterId`, only those after it
   * (keyset paging); and how many there are across all pages.
   */
  list(query: SampleItemQuery): Promise<ListRows<SampleItem>>;
  get(sampleItemId: string): Promise<SampleItem | undefined>;
  insert(sampleItem: SampleItem): Promise<SampleItem>;
  /**
   * Reads the sample item, asks `change` for its new state and writes it, all in one
   * transaction: if `change` throws, nothing is written. `undefined` when it does not exist.
   */
  update(sampleItemId: string, change: (current: SampleItem) => SampleItem): Promise<SampleItem | undefined>;
  /** Removes the sample item after `guard` (which throws to refuse) has seen it. False when it does not exist. */
  delete(sampleItemId: string, guard: (current: SampleItem) => void): Promise<boolean>;
}

/** Every column of `sample_items`, in the contract's order. */
const columns = ['sample_item_id', 'name', 'description', 'created_by', 'created_at', 'updated_at'] as const satisfies ReadonlyArray<
  keyof SampleItem
>;

const queries = (db: Kysely<SampleItemTables>, dialect: StorageDialect) => {
  const byId = (param: (name: 'sampleItemId') => string) =>
    db.selectFrom('sample_items').select(columns).where('sample_item_id', '=', param('sampleItemId'));
  return {
    get: prepareQuery<{ sampleItemId: string }, SampleItem>((param) => byId(param)),
    /** The read before a change: the row stays locked until the change commits. */
    getForChange: prepareQuery<{ sampleItemId: string }, SampleItem>((param) => forUpdate(dialect, byId(param))),
    insert: prepareQuery<SampleItem, never>((param) => db.insertInto('sample_items').values(columnParams(param, columns))),
    update: prepareQuery<SampleItem, never>((param) =>
      db
        .updateTable('sample_items')
        .set(
          columnParams(
            param,
            columns.filter((column) => column !== 'sample_item_id'),
          ),
        )
        .where('sample_item_id', '=', param('sample_item_id')),
    ),
    delete: prepareQuery<{ sampleItemId: string }, never>((param) =>
      db.deleteFrom('sample_items').where('sample_item_id', '=', param('sampleItemId')),
    ),
    /** A page and its count: with or without the cursor's position, each shape compiled on first use. */
    list: prepareList<SampleItemQuery, SampleItem>()(
      { filters: [], position: ['afterId'] },
      () => db.selectFrom('sample_items').select(columns),
      (query, param, given) =>
        (given('afterId') ? query.where('sample_item_id', '>', param('afterId')!) : query)
          .orderBy('sample_item_id', 'asc')
          .limit(param('limit')),
    ),
  };
};

/**
 * The sample items storage on a database.
 *
 * @example
 * ```ts
 * const sampleItems = openSampleItemStorage(context.as<SampleItemTables>());
 * await sampleItems.list({ limit: 21 }); // { rows, total }
 * ```
 */
export function openSampleItemStorage(context: StorageContext<SampleItemTables>): SampleItemStorage {
  const q = context.once(queries);
  return {
    list: (query) => readList(context, q.list, query),
    get: (sampleItemId) => context.first(q.get.bind({ sampleItemId })),
    async insert(sampleItem) {
      await context.run(q.insert.bind(sampleItem));
      return sampleItem;
    },
    update: (sampleItemId, change) =>
      context.transaction(async (tx) => {
        const current = await tx.first(q.getForChange.bind({ sampleItemId }));
        if (!current) return undefined;
        const next = { ...change(current), sample_item_id: sampleItemId };
        await tx.run(q.update.bind(next));
        return next;
      }),
    delete: (sampleItemId, guard) =>
      context.transaction(async (tx) => {
        const current = await tx.first(q.getForChange.bind({ sampleItemId }));
        if (!current) return false;
        guard(current);
        await tx.run(q.delete.bind({ sampleItemId }));
        return true;
      }),
  };
}
