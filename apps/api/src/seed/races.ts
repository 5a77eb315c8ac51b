/** The seeded races: the catalog placed around "now", each with 0 to 5 registered participants. */
import { formatInstant } from '../domain/time.js';
import type { Participant, StoredRace } from '../resources/races/model.js';
import { catalog, type CatalogEntry } from './catalog.js';
import { seedIds } from './identities.js';
import { dayMs, type SeedTime } from './time.js';
import type { SeedData } from './write.js';

/**
 * The entry's date in whichever year puts it within [now - 182 days, now + 183 days),
 * so about half the catalog is past and half upcoming, whatever the day of the seed.
 *
 * @example
 * ```ts
 * placeAroundNow({ month: 1, day: 10, hourUtc: 8 }, Date.parse('2026-11-01T00:00:00Z')); // 2027-01-10T08:00Z
 * ```
 */
export function placeAroundNow(entry: Pick<CatalogEntry, 'month' | 'day' | 'hourUtc'>, nowMs: number): number {
  const year = new Date(nowMs).getUTCFullYear();
  for (const candidate of [year - 1, year, year + 1]) {
    const ms = Date.UTC(candidate, entry.month - 1, entry.day, entry.hourUtc);
    if (ms >= nowMs - 182 * dayMs && ms < nowMs + 183 * dayMs) return ms;
  }
  throw new Error(`unreachable: no year places ${entry.month}-${entry.day} around now`);
}

const runnerNames = [
  'Amara Nwosu',
  'Lukas Weber',
  'Sofia Rossi',
  'Kenji Watanabe',
  'Emma Lindqvist',
  'Diego Fernández',
  'Aisha Khan',
  'Noah Dubois',
  'Chloe Martin',
  'Mateus Silva',
];

/** The catalog's races, created by the seeded athlete, admin or organization, and their participants. */
export function seedRaces({ nowMs, addedAt }: SeedTime): Pick<SeedData, 'races' | 'participants'> {
  const creators = { athlete: seedIds.athlete, admin: seedIds.admin, organization: seedIds.organization };
  const races: StoredRace[] = catalog.map((entry) => ({
    race_id: `race_${entry.slug}`,
    race_name: entry.name,
    race_type: entry.type,
    race_subtype: entry.subtype,
    race_date: formatInstant(placeAroundNow(entry, nowMs)),
    race_location: entry.location,
    race_description: entry.description,
    race_website_url: entry.website,
    race_image_url: null,
    race_timezone: entry.timezone,
    race_participant_count: entry.participantCount,
    race_variants: entry.variants,
    race_categories: entry.categories,
    created_by: creators[entry.createdBy],
    created_at: addedAt,
    updated_at: addedAt,
  }));
  // 0 to 5 registered participants per race, varied but deterministic.
  const participants: Participant[] = races.flatMap((race, raceIndex) =>
    Array.from({ length: (raceIndex * 7) % 6 }, (_, n) => {
      const name = runnerNames[(raceIndex + n) % runnerNames.length]!;
      return {
        participant_id: `par_${race.race_id.slice(5)}${n + 1}`,
        race_id: race.race_id,
        user_id: n === 0 && raceIndex % 4 === 0 ? seedIds.athlete : null,
        display_name: n === 0 && raceIndex % 4 === 0 ? 'Maya Okafor' : name,
        registered_at: formatInstant(Math.floor((nowMs - (30 - n) * dayMs) / 60_000) * 60_000),
      };
    }),
  );
  return { races, participants };
}
