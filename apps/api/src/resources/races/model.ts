/**
 * The Races types, taken from the contract (never hand-written): a race as the API returns
 * it, the bodies that create and change one, the list query as handlers receive it.
 */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';

export type Race = components['schemas']['Race'];
export type RaceCreate = components['schemas']['RaceCreate'];
export type RaceUpdate = components['schemas']['RaceUpdate'];
export type RaceType = components['schemas']['RaceType'];
export type RaceFilters = components['schemas']['RaceFilters'];

/** A race as stored: everything but the live `participants_count`. */
export type StoredRace = Omit<Race, 'participants_count'>;

/** The list query as the server hands it over: validated, coerced, every default applied. */
export type ListRacesQuery = QueryParams<'listRaces'>;

/** A participant registered for a race (what `participants_count` counts). */
export interface Participant {
  participant_id: string;
  race_id: string;
  user_id: string | null;
  display_name: string;
  registered_at: string;
}

/** The list query in storage terms. Filters combine with AND. */
export interface RaceQuery {
  raceType?: string;
  /** Exact match, case-insensitive. */
  raceSubtype?: string;
  /** Partial match on the location, case-insensitive. */
  location?: string;
  /** Partial match on the name or the location, case-insensitive. */
  search?: string;
  /** Inclusive lower bound on `race_date`, epoch milliseconds. */
  dateFromMs?: number;
  /** Inclusive upper bound on `race_date`, epoch milliseconds. */
  dateToMs?: number;
  /** Exclusive lower bound on `race_date` (the `upcoming` flag), epoch milliseconds. */
  afterMs?: number;
  /** Only races after this one in (`race_date`, `race_id`) order: the page a cursor names. */
  after?: RacePosition;
  /** At most this many races, ordered by `race_date` then `race_id`. */
  limit: number;
}

/** Where a page starts: after this race in (`race_date`, `race_id`) order. */
export interface RacePosition {
  /** The race's `race_date`, epoch milliseconds. */
  dateMs: number;
  raceId: string;
}
