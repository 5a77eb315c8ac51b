/**
 * Where races and their participants are kept. Every query is compiled once (each list
 * filter combination once, on first use); update and delete run read, check and write in
 * one transaction, so a refused change writes nothing and nothing slips in between.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { StorageContext } from '../../storage/context.js';
import { caseKey, containsPattern, forUpdate, type StorageDialect } from '../../storage/dialect.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../storage/prepared.js';
import type { Participant, Race, RaceQuery, StoredRace } from './model.js';
import { apiColumns, fromRow, raceColumns, toRow, type RaceRow, type RaceTables, type SelectedRace } from './rows.js';

export type { RaceTables } from './rows.js';

export interface RaceStorage {
  /**
   * Races matching the query, `race_date` ascending then `race_id`, at most `limit`; with
   * `after`, only those that come after that position (keyset paging); and how many races
   * match the filters across all pages.
   */
  list(query: RaceQuery): Promise<ListRows<Race>>;
  get(raceId: string): Promise<Race | undefined>;
  /** Adds a race; the same name (any case) on the same UTC day is a `UniqueViolationError`. */
  insert(race: StoredRace): Promise<Race>;
  /**
   * Reads the race, asks `change` for its new state and writes it, all in one transaction:
   * if `change` throws, nothing is written. `undefined` when the race does not exist; a
   * duplicate is a `UniqueViolationError` as for `insert`.
   */
  update(raceId: string, change: (current: Race) => StoredRace): Promise<Race | undefined>;
  /**
   * Removes the race and its participants in one transaction, after `guard` (which throws
   * to refuse) has seen it. False when the race does not exist.
   */
  delete(raceId: string, guard: (current: Race) => void): Promise<boolean>;
  addParticipant(participant: Participant): Promise<void>;
}

/** `column LIKE pattern ESCAPE '\'`, which SQLite and PostgreSQL read alike. */
const like = (column: string, pattern: string): Expression<SqlBool> => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;

const selectRaces = (db: Kysely<RaceTables>) =>
  db
    .selectFrom('races as r')
    .select(apiColumns.map((column) => `r.${column}` as const))
    .select((eb) =>
      eb.selectFrom('participants as p').whereRef('p.race_id', '=', 'r.race_id').select(eb.fn.countAll().as('n')).as('participants_count'),
    );

/** The values a list query binds (patterns and keys already derived, the position split in two). */
type ListValues = Omit<RaceQuery, 'raceSubtype' | 'location' | 'search' | 'after'> & {
  subtypeKey?: string;
  locationPattern?: string;
  searchPattern?: string;
  afterDateMs?: number;
  afterRaceId?: string;
};
const listFilters = ['raceType', 'subtypeKey', 'locationPattern', 'searchPattern', 'dateFromMs', 'dateToMs', 'afterMs'] as const;

const participantColumns = ['participant_id', 'race_id', 'user_id', 'display_name', 'registered_at'] as const;

const queries = (db: Kysely<RaceTables>, dialect: StorageDialect) => ({
  get: prepareQuery<{ raceId: string }, SelectedRace>((param) => selectRaces(db).where('r.race_id', '=', param('raceId'))),
  /** The read before a change: the row stays locked until the change commits. */
  getForChange: prepareQuery<{ raceId: string }, SelectedRace>((param) =>
    forUpdate(dialect, selectRaces(db).where('r.race_id', '=', param('raceId'))),
  ),
  insert: prepareQuery<RaceRow, never>((param) => db.insertInto('races').values(columnParams(param, raceColumns))),
  update: prepareQuery<RaceRow, never>((param) =>
    db
      .updateTable('races')
      .set(
        columnParams(
          param,
          raceColumns.filter((column) => column !== 'race_id'),
        ),
      )
      .where('race_id', '=', param('race_id')),
  ),
  deleteParticipants: prepareQuery<{ raceId: string }, never>((param) =>
    db.deleteFrom('participants').where('race_id', '=', param('raceId')),
  ),
  delete: prepareQuery<{ raceId: string }, never>((param) => db.deleteFrom('races').where('race_id', '=', param('raceId'))),
  addParticipant: prepareQuery<Participant, never>((param) =>
    db.insertInto('participants').values(columnParams(param, participantColumns)),
  ),
  /**
   * The page and the count of one combination of filters (at most 2^7 shapes, twice as many
   * pages: with and without a cursor), each compiled on first use.
   */
  list: prepareList<ListValues, SelectedRace>()(
    { filters: listFilters, position: ['afterDateMs'] },
    (param, given) => {
      let query = selectRaces(db);
      if (given('raceType')) query = query.where('r.race_type', '=', param('raceType') as Race['race_type']);
      if (given('subtypeKey')) query = query.where('r.race_subtype_key', '=', param('subtypeKey')!);
      if (given('locationPattern')) query = query.where(like('r.race_location_key', param('locationPattern')!));
      if (given('searchPattern')) {
        const pattern = param('searchPattern')!;
        query = query.where((eb) => eb.or([like('r.race_name_key', pattern), like('r.race_location_key', pattern)]));
      }
      if (given('dateFromMs')) query = query.where('r.race_date_ms', '>=', param('dateFromMs')!);
      if (given('dateToMs')) query = query.where('r.race_date_ms', '<=', param('dateToMs')!);
      if (given('afterMs')) query = query.where('r.race_date_ms', '>', param('afterMs')!);
      return query;
    },
    (query, param, given) => {
      if (given('afterDateMs')) {
        // A row-value comparison, which SQLite and PostgreSQL both read, in the order of the
        // (race_date_ms, race_id) index: the page starts right after the cursor's race
        // whether or not that race still exists, so inserts never shift the next page.
        query = query.where(
          sql<SqlBool>`(${sql.ref('r.race_date_ms')}, ${sql.ref('r.race_id')}) > (${param('afterDateMs')!}, ${param('afterRaceId')!})`,
        );
      }
      return query.orderBy('r.race_date_ms', 'asc').orderBy('r.race_id', 'asc').limit(param('limit'));
    },
  ),
});

/**
 * The races storage on a database.
 *
 * @example
 * ```ts
 * const races = openRaceStorage(context.as<RaceTables>());
 * await races.list({ raceType: 'run', limit: 10 });
 * ```
 */
export function openRaceStorage(context: StorageContext<RaceTables>): RaceStorage {
  const q = context.once(queries);
  const get = async (on: StorageContext<RaceTables>, raceId: string, query = q.get) => {
    const found = await on.first(query.bind({ raceId }));
    return found && fromRow(found);
  };
  return {
    async list(query) {
      const { after, ...rest } = query;
      const values: ListValues = { ...rest };
      if (after !== undefined) {
        values.afterDateMs = after.dateMs;
        values.afterRaceId = after.raceId;
      }
      if (query.raceSubtype !== undefined) values.subtypeKey = caseKey(query.raceSubtype);
      if (query.location !== undefined) values.locationPattern = containsPattern(query.location);
      if (query.search !== undefined) values.searchPattern = containsPattern(query.search);
      const { rows, total } = await readList(context, q.list, values);
      return { rows: rows.map(fromRow), total };
    },
    get: (raceId) => get(context, raceId),
    async insert(race) {
      const row = toRow(race);
      await context.run(q.insert.bind(row));
      // What was just written, mapped as a read would be: a new race has no participants yet
      // (they reference an existing race), so there is nothing to read back.
      return fromRow({ ...row, participants_count: 0 });
    },
    update: (raceId, change) =>
      context.transaction(async (tx) => {
        const current = await get(tx, raceId, q.getForChange);
        if (!current) return undefined;
        await tx.run(q.update.bind(toRow({ ...change(current), race_id: raceId })));
        return get(tx, raceId);
      }),
    delete: (raceId, guard) =>
      context.transaction(async (tx) => {
        const current = await get(tx, raceId, q.getForChange);
        if (!current) return false;
        guard(current);
        await tx.run(q.deleteParticipants.bind({ raceId }));
        await tx.run(q.delete.bind({ raceId }));
        return true;
      }),
    async addParticipant(participant) {
      await context.run(q.addParticipant.bind(participant));
    },
  };
}
