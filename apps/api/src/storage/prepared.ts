/**
 * Queries built and compiled once, run many times with new values. Building a Kysely query
 * and compiling it to SQL costs about 100 µs, several times what SQLite then takes to run
 * a lookup by primary key; on the hot paths the API compiles each query shape once.
 *
 * The values are not known at compile time, so the builder receives `param(name)`: a marker
 * Kysely binds like any value. Running the query puts the real values where the markers
 * ended up in the compiled parameter list.
 */
import { sql, type Compilable, type CompiledQuery, type SelectQueryBuilder } from 'kysely';

/** A placeholder for a value given when the query runs. */
class Param {
  constructor(readonly name: string) {}
}

/** Hands out a placeholder typed as the value it stands for. */
export type ParamOf<Values> = <K extends keyof Values & string>(name: K) => Values[K];

/** A compiled query with named slots for its values. */
export interface PreparedQuery<Values, Row> {
  /** The compiled SQL (for tests and logs). */
  readonly sql: string;
  /** The tables it names anywhere (joins, subqueries), lower case: what a cache in front of it watches. */
  readonly tables: readonly string[];
  /** The compiled query with `values` bound, ready for `executeQuery`. */
  bind(values: Values): CompiledQuery<Row>;
}

/**
 * Compiles `build` once. Each `param(name)` becomes a bound parameter whose value is taken
 * from `values[name]` at each run; every other value stays as compiled.
 *
 * @example
 * ```ts
 * const byId = prepareQuery<{ raceId: string }, RaceRow>((param) =>
 *   db.selectFrom('races').selectAll().where('race_id', '=', param('raceId')),
 * );
 * const { rows } = await db.executeQuery(byId.bind({ raceId: 'race_1' }));
 * ```
 */
export function prepareQuery<Values, Row>(build: (param: ParamOf<Values>) => Compilable<Row>): PreparedQuery<Values, Row> {
  const param = ((name: string) => new Param(name)) as unknown as ParamOf<Values>;
  const compiled = build(param).compile();
  const slots = compiled.parameters.map((value) => (value instanceof Param ? value.name : undefined));
  const constants = compiled.parameters;
  const tables = tablesIn(compiled.query);
  if (!slots.some((slot) => slot !== undefined)) {
    // Nothing to bind: the compiled query runs as it is.
    return { sql: compiled.sql, tables, bind: () => compiled };
  }
  return {
    sql: compiled.sql,
    tables,
    bind(values) {
      const record = values as Record<string, unknown>;
      const parameters = new Array<unknown>(slots.length);
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i];
        parameters[i] = slot === undefined ? constants[i] : record[slot];
      }
      return { ...compiled, parameters };
    },
  };
}

/**
 * One placeholder per column, named after it: the `values` of an insert or the `set` of an
 * update whose values are given when it runs.
 *
 * @example
 * ```ts
 * prepareQuery<UserRow, never>((param) => db.insertInto('users').values(columnParams(param, ['user_id', 'username'])));
 * ```
 */
export function columnParams<Values, K extends keyof Values & string>(param: ParamOf<Values>, columns: readonly K[]): Pick<Values, K> {
  return Object.fromEntries(columns.map((column) => [column, param(column)])) as Pick<Values, K>;
}

/**
 * Every table an operation tree names (Kysely's `TableNode`s, at any depth: the `from`
 * list, joins, subqueries; not the aliases of column references), lower case as SQLite
 * compares them. Read from the tree Kysely
 * compiled rather than from the SQL text, so no form of the SQL can hide one.
 */
function tablesIn(root: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const node = value as { kind?: unknown; table?: { identifier?: { name?: unknown } } };
    if (node.kind === 'TableNode' && typeof node.table?.identifier?.name === 'string') found.add(node.table.identifier.name.toLowerCase());
    // A column reference (`t.user_id`) names its table by alias: only its column is walked.
    if (node.kind === 'ReferenceNode') return visit((value as { column?: unknown }).column);
    Object.values(value).forEach(visit);
  };
  visit(root);
  return [...found];
}

/** A query with one compiled shape per combination of the optional values a run gives. */
export interface PreparedVariants<Values, Row> {
  /** The compiled query of this combination (compiled on its first run) with `values` bound. */
  bind(values: Values): CompiledQuery<Row>;
}

/**
 * A query whose clauses depend on which optional values a run gives (a list's filters, its
 * cursor): `build` is told which are `given`, and each combination is compiled once, on first
 * use (at most 2^n shapes), so no run builds or compiles a query.
 *
 * @example
 * ```ts
 * const list = prepareVariants<{ organizationId: string; afterId?: string; limit: number }, Row, 'afterId'>(['afterId'], (param, given) => {
 *   let query = db.selectFrom('organization_groups').selectAll().where('organization_id', '=', param('organizationId'));
 *   if (given('afterId')) query = query.where('group_id', '>', param('afterId')!);
 *   return query.orderBy('group_id').limit(param('limit'));
 * });
 * await context.rows(list.bind({ organizationId: 'org_a', limit: 21 }));
 * ```
 */
export function prepareVariants<Values, Row, Optional extends keyof Values & string>(
  optional: readonly Optional[],
  build: (param: ParamOf<Values>, given: (name: Optional) => boolean) => Compilable<Row>,
): PreparedVariants<Values, Row> {
  const shapes = new Map<string, PreparedQuery<Values, Row>>();
  return {
    bind(values) {
      const record = values as Record<string, unknown>;
      let shape = '';
      for (const name of optional) shape += record[name] === undefined ? '0' : '1';
      let prepared = shapes.get(shape);
      if (!prepared) {
        const given = (name: Optional) => record[name] !== undefined;
        shapes.set(shape, (prepared = prepareQuery<Values, Row>((param) => build(param, given))));
      }
      return prepared.bind(values);
    },
  };
}

/** The row of a count query: PostgreSQL's `count(*)` is a `bigint`, which `pg` hands over as a string. */
export interface CountRow {
  total: number | string | bigint;
}

/**
 * A paged list's two queries, derived from one filtered query so their filters cannot drift:
 * `page` (the filters, then the position and order and limit `page` adds) and `count` (the
 * same filters, no position, no order, no limit: how many rows match across all pages).
 */
export interface PreparedList<Values, Row> {
  page: PreparedVariants<Values, Row>;
  /** The page with the count beside each row (`LIST_TOTAL`): one statement, one round trip. */
  pageWithTotal: PreparedVariants<Values, Row & { [LIST_TOTAL]: CountRow['total'] }>;
  count: PreparedVariants<Values, CountRow>;
}

/** The column `pageWithTotal` adds: the count, as an uncorrelated subquery both databases run once per statement. */
export const LIST_TOTAL = 'astral_list_total';

/**
 * Prepares a list's page and count. `filtered` builds the query of the rows that match the
 * filters (it is told which optional `filters` a run gives); `page` adds the position (told
 * which optional `position` values are given), the order and the limit. The count replaces
 * the selection of `filtered` with `count(*)`, so a filter added to the list is counted too.
 * Each combination of each query is compiled once, on first use, as `prepareVariants` does.
 * Curried so the values and row types are given and the rest is inferred.
 *
 * @example
 * ```ts
 * const list = prepareList<{ organizationId: string; afterId?: string; limit: number }, Row>()(
 *   { filters: [], position: ['afterId'] },
 *   (param) => db.selectFrom('organization_invitations').selectAll().where('organization_id', '=', param('organizationId')),
 *   (query, param, given) =>
 *     (given('afterId') ? query.where('invitation_id', '>', param('afterId')!) : query).orderBy('invitation_id').limit(param('limit')),
 * );
 * const found = await readList(context, list, { organizationId: 'org_a', limit: 21 }); // { rows, total }
 * ```
 */
export function prepareList<Values, Row>() {
  return <Filter extends keyof Values & string, Position extends keyof Values & string, DB, TB extends keyof DB, Selected>(
    optional: { filters: readonly Filter[]; position: readonly Position[] },
    filtered: (param: ParamOf<Values>, given: (name: Filter) => boolean) => SelectQueryBuilder<DB, TB, Selected>,
    page: (query: SelectQueryBuilder<DB, TB, Selected>, param: ParamOf<Values>, given: (name: Position) => boolean) => Compilable<Row>,
  ): PreparedList<Values, Row> => {
    const counted = (param: ParamOf<Values>, given: (name: Filter) => boolean) =>
      filtered(param, given)
        .clearSelect()
        .select(sql<CountRow['total']>`count(*)`.as('total'));
    return {
      page: prepareVariants<Values, Row, Filter | Position>([...optional.filters, ...optional.position], (param, given) =>
        page(filtered(param, given), param, given),
      ),
      pageWithTotal: prepareVariants<Values, Row & { [LIST_TOTAL]: CountRow['total'] }, Filter | Position>(
        [...optional.filters, ...optional.position],
        (param, given) => {
          // The same filtered query, its count one more column, handed to `page` as the
          // filtered query it expects (it only adds clauses).
          const withTotal = filtered(param, given).select(counted(param, given).as(LIST_TOTAL)) as unknown as SelectQueryBuilder<
            DB,
            TB,
            Selected
          >;
          // The rows carry the column the type does not name: `readList` takes it off.
          return page(withTotal, param, given);
        },
      ),
      count: prepareVariants<Values, CountRow, Filter>(optional.filters, counted),
    };
  };
}

/** A page of rows as a list read them, and how many rows match its filters across all pages. */
export interface ListRows<Row> {
  rows: Row[];
  total: number;
}

/** What `readList` needs of a storage context (its `rows` and `first`). */
interface QueryRunner {
  rows<R>(query: CompiledQuery<R>): Promise<R[]>;
  first<R>(query: CompiledQuery<R>): Promise<R | undefined>;
}

/**
 * Reads a list's page and count with the same values; the count as a number on every database.
 * One statement does both (the count a column of every row), so PostgreSQL answers in one
 * round trip: each query is a socket write and a read in the API process, which bounded the
 * list's CPU per request (bench/results/issue-31.md). A page with no rows carries no count:
 * then the count runs alone.
 *
 * @example
 * ```ts
 * const { rows, total } = await readList(context, q.members, { organizationId: 'org_a', limit: 21 });
 * ```
 */
export async function readList<Values, Row>(context: QueryRunner, list: PreparedList<Values, Row>, values: Values): Promise<ListRows<Row>> {
  const found = await context.rows(list.pageWithTotal.bind(values));
  if (found.length === 0) {
    const counted = await context.first(list.count.bind(values));
    return { rows: [], total: Number(counted?.total ?? 0) };
  }
  const total = Number(found[0]![LIST_TOTAL]);
  const rows = found.map(({ [LIST_TOTAL]: _total, ...row }) => row as Row);
  return { rows, total };
}
