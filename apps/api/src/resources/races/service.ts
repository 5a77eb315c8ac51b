/**
 * The Races use cases: list with filters, read, create (409 on a duplicate), partial update
 * and delete with authorization. Input arrives validated against the contract, with every
 * default applied, by @astral/server; the rules a schema cannot say are in `rules.ts`.
 * Failures are the domain's errors; `map-error.ts` answers them.
 */
import { operationTable } from '@astral/openapi';
import { randomId } from '../../domain/ids.js';
import { formatInstant } from '../../domain/time.js';
import { InvalidError } from '../../domain/errors.js';
import { keysetPage } from '../../domain/keyset-cursor.js';
import { UniqueViolationError } from '../../storage/errors.js';
import type { Principal } from '../../domain/principal.js';
import { decodeCursor, encodeCursor, filtersFingerprint } from './cursor.js';
import type { ListRacesQuery, Race, RaceCreate, RaceFilters, RaceQuery, RaceUpdate, StoredRace } from './model.js';
import { canModifyRace, duplicateRace, instant, notCreator, raceDate, raceNotFound } from './rules.js';
import type { RaceStorage } from './storage.js';

const { queryParams } = operationTable.listRaces;

export interface RaceServiceOptions {
  races: RaceStorage;
  /** The clock, injectable so tests control "now" (upcoming, timestamps). */
  now?: () => Date;
}

/**
 * The Races use cases over their storage.
 *
 * @example
 * ```ts
 * const races = new RaceService({ races: repository.races });
 * const { data, filters, nextCursor } = await races.list({ race_type: 'run', upcoming: true, limit: 10 }, new Set(['race_type', 'upcoming']));
 * ```
 */
export class RaceService {
  private readonly races: RaceStorage;
  private readonly now: () => Date;

  constructor(options: RaceServiceOptions) {
    this.races = options.races;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Races matching every filter given, `race_date` ascending then `race_id`, at most
   * `query.limit`, after the position `query.cursor` names (400 on `cursor` when it is not
   * one this list issued for these filters). `nextCursor` is where the following page
   * starts, `null` when no race follows. `sent` names the parameters the caller sent:
   * `filters` echoes those (a default such as `upcoming=false` is not a filter the caller
   * applied, and the cursor is a position, not a filter), then the limit.
   */
  async list(query: ListRacesQuery, sent: ReadonlySet<string>): Promise<{ data: Race[]; filters: RaceFilters; nextCursor: string | null }> {
    const storageQuery: RaceQuery = { limit: query.limit };
    if (query.race_type !== undefined) storageQuery.raceType = query.race_type;
    if (query.race_subtype !== undefined) storageQuery.raceSubtype = query.race_subtype;
    if (query.location !== undefined) storageQuery.location = query.location;
    if (query.search !== undefined) storageQuery.search = query.search;
    if (query.date_from !== undefined) storageQuery.dateFromMs = instant(query.date_from, 'date_from');
    if (query.date_to !== undefined) storageQuery.dateToMs = instant(query.date_to, 'date_to');
    if (storageQuery.dateFromMs !== undefined && storageQuery.dateToMs !== undefined && storageQuery.dateFromMs > storageQuery.dateToMs) {
      throw new InvalidError('date_to', 'date_to must not be earlier than date_from');
    }
    // Bound to the filters before the clock moves `afterMs`: `upcoming=true` is the same
    // filter on every page even though "now" is later on the next one.
    const { limit: _limit, ...cursorFilters } = storageQuery;
    // Hashed only when a cursor is read or written: most pages need neither.
    const fingerprint = () => filtersFingerprint({ ...cursorFilters, upcoming: query.upcoming });
    if (query.cursor !== undefined) storageQuery.after = decodeCursor(query.cursor, fingerprint());
    if (query.upcoming) storageQuery.afterMs = this.now().getTime();

    // In contract order, the effective limit last (as in the contract's examples).
    const echo: Record<string, unknown> = {};
    for (const parameter of queryParams) {
      if (parameter !== 'limit' && parameter !== 'cursor' && sent.has(parameter)) echo[parameter] = query[parameter];
    }
    const filters = { ...echo, limit: query.limit } as RaceFilters;

    // One race more than the page holds says whether another page follows, without a count.
    const races = await this.races.list({ ...storageQuery, limit: query.limit + 1 });
    const { data, nextCursor } = keysetPage(races, query.limit, (last) =>
      encodeCursor({ dateMs: Date.parse(last.race_date), raceId: last.race_id }, fingerprint()),
    );
    return { data, filters, nextCursor };
  }

  /** The race with its live `participants_count`. */
  async get(raceId: string): Promise<Race> {
    const race = await this.races.get(raceId);
    if (!race) throw raceNotFound();
    return race;
  }

  /** Adds a race created by `principal`; a conflict on the same name and UTC date as another race. */
  async create(body: RaceCreate, principal: Principal): Promise<Race> {
    const timestamp = formatInstant(this.now().getTime());
    const race: StoredRace = {
      race_id: randomId('race'),
      race_name: body.race_name,
      race_type: body.race_type,
      race_subtype: body.race_subtype,
      race_date: raceDate(body.race_date),
      race_location: body.race_location,
      race_description: body.race_description ?? null,
      race_website_url: body.race_website_url ?? null,
      race_image_url: body.race_image_url ?? null,
      race_timezone: body.race_timezone ?? null,
      race_participant_count: body.race_participant_count ?? null,
      race_variants: body.race_variants ?? [],
      race_categories: body.race_categories ?? [],
      created_by: principal.user_id,
      created_at: timestamp,
      updated_at: timestamp,
    };
    try {
      return await this.races.insert(race);
    } catch (error) {
      throw error instanceof UniqueViolationError ? duplicateRace(race, error) : error;
    }
  }

  /**
   * Changes only the fields supplied (`null` clears an optional one); `updated_at` moves
   * forward. Not found, forbidden unless creator or admin (nothing written), or a conflict.
   */
  async update(raceId: string, patch: RaceUpdate, principal: Principal): Promise<Race> {
    const newDate = patch.race_date === undefined ? undefined : raceDate(patch.race_date);
    let next: StoredRace | undefined;
    try {
      const updated = await this.races.update(raceId, (current) => {
        if (!canModifyRace(principal, current)) throw notCreator('change');
        const { participants_count: _live, ...stored } = current;
        const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
        next = {
          ...stored,
          ...changes,
          ...(newDate === undefined ? {} : { race_date: newDate }),
          // Strictly later than before, even for two updates in the same millisecond.
          updated_at: formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1)),
        };
        return next;
      });
      if (!updated) throw raceNotFound();
      return updated;
    } catch (error) {
      throw error instanceof UniqueViolationError && next ? duplicateRace(next, error) : error;
    }
  }

  /** Removes the race and its participants; not found, or forbidden unless creator or admin. */
  async delete(raceId: string, principal: Principal): Promise<void> {
    const deleted = await this.races.delete(raceId, (current) => {
      if (!canModifyRace(principal, current)) throw notCreator('delete');
    });
    if (!deleted) throw raceNotFound();
  }
}
