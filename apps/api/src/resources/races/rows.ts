/**
 * A race as a table row and back: the API's fields, plus the columns that make filtering
 * portable and fast (lowercased `*_key` columns, the date in epoch milliseconds, the UTC day
 * the duplicate rule uses), lists as JSON text.
 */
import { caseKey } from '../../storage/dialect.js';
import type { Participant, Race, StoredRace } from './model.js';

/** The `races` table. */
export interface RaceRow {
  race_id: string;
  race_name: string;
  race_name_key: string;
  race_type: Race['race_type'];
  race_subtype: string;
  race_subtype_key: string;
  race_date: string;
  race_date_ms: number;
  race_day: string;
  race_location: string;
  race_location_key: string;
  race_description: string | null;
  race_website_url: string | null;
  race_image_url: string | null;
  race_timezone: string | null;
  race_participant_count: number | null;
  race_variants: string;
  race_categories: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The tables this resource reads and writes (created by the migrations). */
export interface RaceTables {
  races: RaceRow;
  participants: Participant;
}

/** The columns the API returns (no `*_key`, `_ms` or `_day` helpers). */
export const apiColumns = [
  'race_id',
  'race_name',
  'race_type',
  'race_subtype',
  'race_date',
  'race_location',
  'race_description',
  'race_website_url',
  'race_image_url',
  'race_timezone',
  'race_participant_count',
  'race_variants',
  'race_categories',
  'created_by',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof RaceRow>;

/** The columns kept only for matching and ordering: lowercased keys, epoch milliseconds, the UTC day. */
const helperColumns = [
  'race_name_key',
  'race_subtype_key',
  'race_date_ms',
  'race_day',
  'race_location_key',
] as const satisfies ReadonlyArray<keyof RaceRow>;

/** Every column of `races`: what the API returns and the helpers. */
export const raceColumns = [...apiColumns, ...helperColumns] as const;

/** What a race query selects: the API's columns and the live participant count. */
export type SelectedRace = Pick<RaceRow, (typeof apiColumns)[number]> & { participants_count: number | string | bigint };

/**
 * The row to write for a race.
 *
 * @example
 * ```ts
 * toRow(race).race_day; // "2026-05-01" (the UTC calendar day)
 * ```
 */
export function toRow(race: StoredRace): RaceRow {
  const dateMs = Date.parse(race.race_date);
  return {
    race_id: race.race_id,
    race_name: race.race_name,
    race_name_key: caseKey(race.race_name),
    race_type: race.race_type,
    race_subtype: race.race_subtype,
    race_subtype_key: caseKey(race.race_subtype),
    race_date: race.race_date,
    race_date_ms: dateMs,
    race_day: new Date(dateMs).toISOString().slice(0, 10),
    race_location: race.race_location,
    race_location_key: caseKey(race.race_location),
    race_description: race.race_description ?? null,
    race_website_url: race.race_website_url ?? null,
    race_image_url: race.race_image_url ?? null,
    race_timezone: race.race_timezone ?? null,
    race_participant_count: race.race_participant_count ?? null,
    race_variants: JSON.stringify(race.race_variants ?? []),
    race_categories: JSON.stringify(race.race_categories ?? []),
    created_by: race.created_by,
    created_at: race.created_at,
    updated_at: race.updated_at,
  };
}

/**
 * The race the API returns, from a selected row.
 *
 * @example
 * ```ts
 * fromRow(row).race_variants; // ["Marathon"] (parsed from JSON text)
 * ```
 */
export function fromRow(row: SelectedRace): Race {
  return {
    race_id: row.race_id,
    race_name: row.race_name,
    race_type: row.race_type,
    race_subtype: row.race_subtype,
    race_date: row.race_date,
    race_location: row.race_location,
    race_description: row.race_description,
    race_website_url: row.race_website_url,
    race_image_url: row.race_image_url,
    race_timezone: row.race_timezone,
    race_participant_count: row.race_participant_count === null ? null : Number(row.race_participant_count),
    // COUNT(*) is a string on PostgreSQL's driver.
    participants_count: Number(row.participants_count),
    race_variants: JSON.parse(row.race_variants) as string[],
    race_categories: JSON.parse(row.race_categories) as string[],
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
