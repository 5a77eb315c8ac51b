/**
 * The Races domain: list with filters and limits, read, create (409 on a duplicate),
 * partial update and delete with authorization. Input arrives validated against the
 * contract by @astral/server; what is checked here is what a schema cannot say
 * (`date_from` after `date_to`, a date-time that is not a real instant).
 */
import { operationTable, queryDefaulter, type operations } from '@astral/openapi';
import { canModifyRace } from './authorization.js';
import { randomId } from './credentials.js';
import { DomainError, forbidden, invalid, notFound } from './errors.js';
import { formatInstant, isWritableInstant, parseInstant } from './time.js';
import type { Principal, Race, RaceCreate, RaceFilters, RaceUpdate, StoredRace } from './types.js';
import { DuplicateRaceError, type RaceQuery, type Repository } from '../storage/repository.js';

/** The list query as the server hands it over (validated, coerced). */
export type ListRacesQuery = NonNullable<operations['listRaces']['parameters']['query']>;

const listOperation = operationTable.listRaces;
// The same derivation the server stubs apply to every request (@astral/openapi).
const fillListDefaults = queryDefaulter('listRaces')!;

/**
 * The `limit` that applies: the caller's, else the smallest contextual default whose
 * parameter is in use (`upcoming=true` → 10, `search` → 20), else the plain default (50).
 * The numbers come from the contract's operation table, through the contract's own defaulter.
 *
 * @example
 * ```ts
 * effectiveLimit({ upcoming: true }); // 10
 * effectiveLimit({ search: 'berlin', limit: 3 }); // 3
 * ```
 */
export function effectiveLimit(query: ListRacesQuery): number {
  return fillListDefaults({ ...query }).limit as number;
}

const conflict = (error: DuplicateRaceError): DomainError => new DomainError(409, 'CONFLICT', error.message, 'race_name');

/** Parses a date-time field or answers 400 on it. */
function instant(value: string, field: string): number {
  const ms = parseInstant(value);
  if (ms === undefined) throw invalid(field, `${field} must be an ISO 8601 date-time`);
  return ms;
}

/** A race date as stored: parsed, within years 0000-9999 in UTC, written in UTC. */
function raceDate(value: string): string {
  const ms = instant(value, 'race_date');
  if (!isWritableInstant(ms)) throw invalid('race_date', 'race_date must fall within the years 0000 to 9999 in UTC');
  return formatInstant(ms);
}

export interface RaceServiceOptions {
  repository: Repository;
  /** The clock, injectable so tests control "now" (upcoming, timestamps). */
  now?: () => Date;
}

/**
 * The Races use cases over a repository.
 *
 * @example
 * ```ts
 * const races = new RaceService({ repository: openSqliteRepository({ inMemory: true }) });
 * const { data, filters } = await races.list({ race_type: 'run', upcoming: true });
 * ```
 */
export class RaceService {
  private readonly repository: Repository;
  private readonly now: () => Date;

  constructor(options: RaceServiceOptions) {
    this.repository = options.repository;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Races matching every filter given, `race_date` ascending then `race_id`, at most the
   * effective limit. `supplied` names the parameters the caller actually sent, so the echo
   * in `filters` leaves out defaults the caller did not ask for (except `limit`).
   */
  async list(query: ListRacesQuery, supplied?: ReadonlySet<string>): Promise<{ data: Race[]; filters: RaceFilters }> {
    const limit = effectiveLimit(query);
    const storageQuery: RaceQuery = { limit };
    if (query.race_type !== undefined) storageQuery.raceType = query.race_type;
    if (query.race_subtype !== undefined) storageQuery.raceSubtype = query.race_subtype;
    if (query.location !== undefined) storageQuery.location = query.location;
    if (query.search !== undefined) storageQuery.search = query.search;
    if (query.date_from !== undefined) storageQuery.dateFromMs = instant(query.date_from, 'date_from');
    if (query.date_to !== undefined) storageQuery.dateToMs = instant(query.date_to, 'date_to');
    if (storageQuery.dateFromMs !== undefined && storageQuery.dateToMs !== undefined && storageQuery.dateFromMs > storageQuery.dateToMs) {
      throw invalid('date_to', 'date_to must not be earlier than date_from');
    }
    if (query.upcoming === true) storageQuery.afterMs = this.now().getTime();

    const echo: Record<string, unknown> = {};
    for (const parameter of listOperation.queryParams) {
      if (parameter === 'limit') continue;
      const value = query[parameter];
      if (value === undefined) continue;
      // A default the caller did not send (upcoming=false) is not an applied filter.
      const sent = supplied ? supplied.has(parameter) : !(parameter === 'upcoming' && value === false);
      if (sent) echo[parameter] = value;
    }
    // In contract order, the effective limit last (as in the contract's examples).
    const filters = { ...echo, limit } as RaceFilters;
    return { data: await this.repository.races.list(storageQuery), filters };
  }

  /** The race with its live `participants_count`, or 404. */
  async get(raceId: string): Promise<Race> {
    const race = await this.repository.races.get(raceId);
    if (!race) throw notFound();
    return race;
  }

  /** Adds a race created by `principal`; 409 on the same name and UTC date as another race. */
  async create(body: RaceCreate, principal: Principal): Promise<Race> {
    const date = raceDate(body.race_date);
    const timestamp = formatInstant(this.now().getTime());
    const race: StoredRace = {
      race_id: randomId('race'),
      race_name: body.race_name,
      race_type: body.race_type,
      race_subtype: body.race_subtype,
      race_date: date,
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
      return await this.repository.races.insert(race);
    } catch (error) {
      if (error instanceof DuplicateRaceError) throw conflict(error);
      throw error;
    }
  }

  /**
   * Changes only the fields supplied (`null` clears an optional one); `updated_at` moves
   * forward. 404 if missing, 403 unless creator or admin (nothing written), 409 on a
   * duplicate name and date.
   */
  async update(raceId: string, patch: RaceUpdate, principal: Principal): Promise<Race> {
    const newDate = patch.race_date === undefined ? undefined : raceDate(patch.race_date);
    try {
      const updated = await this.repository.races.update(raceId, (current) => {
        if (!canModifyRace(principal, current)) throw forbidden('change');
        const { participants_count: _live, ...stored } = current;
        const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
        return {
          ...stored,
          ...changes,
          ...(newDate === undefined ? {} : { race_date: newDate }),
          // Strictly later than before, even for two updates in the same millisecond.
          updated_at: formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1)),
        } as StoredRace;
      });
      if (!updated) throw notFound();
      return updated;
    } catch (error) {
      if (error instanceof DuplicateRaceError) throw conflict(error);
      throw error;
    }
  }

  /** Removes the race and its participants; 404 if missing, 403 unless creator or admin. */
  async delete(raceId: string, principal: Principal): Promise<void> {
    const deleted = await this.repository.races.delete(raceId, (current) => {
      if (!canModifyRace(principal, current)) throw forbidden('delete');
    });
    if (!deleted) throw notFound();
  }
}
