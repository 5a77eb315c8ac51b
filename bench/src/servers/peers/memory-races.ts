// The one in-memory handler every peer serves (no database: the peers suite measures the
// serving layer). Races are built from the contract's own Race example, so every body the
// handler returns is the contract's shape; what a peer adds or loses is its own doing.
import { componentExample } from '@astral/openapi/contract';
import type { components } from '@astral/openapi';

type Race = components['schemas']['Race'];
type RaceCreate = components['schemas']['RaceCreate'];

export interface Answer {
  status: number;
  body: unknown;
}

const TYPES: Race['race_type'][] = ['run', 'bike', 'swim', 'triathlon', 'walk', 'hike'];

/** How many races the handler starts with: enough for a full page of 50 of one type. */
export const PEER_RACES = 600;

/** A catalogue of `PEER_RACES` races, dated a day apart, types in turn. */
function seed(): Map<string, Race> {
  const template = componentExample('Race');
  const races = new Map<string, Race>();
  for (let i = 0; i < PEER_RACES; i++) {
    const race_id = `race_peer${i}`;
    const date = new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().replace('.000Z', 'Z');
    races.set(race_id, { ...template, race_id, race_name: `Peer Race ${i}`, race_type: TYPES[i % TYPES.length]!, race_date: date });
  }
  return races;
}

const notFound = (field: string): Answer => ({ status: 404, body: { error: 'Race not found', details: { code: 'NOT_FOUND', field } } });

/**
 * The three operations over one catalogue: `getRace`, `listRaces` (by `race_type`, date
 * order, at most `limit`, with the total) and `createRace` (a new id per call).
 */
export function memoryRaces() {
  const races = seed();
  let created = 0;
  return {
    getRace(raceId: string): Answer {
      const race = races.get(raceId);
      return race ? { status: 200, body: { status: 'ok', data: race } } : notFound('race_id');
    },
    listRaces(query: { race_type?: Race['race_type']; limit?: number }): Answer {
      const limit = Number(query.limit ?? 50);
      const data: Race[] = [];
      let total = 0;
      for (const race of races.values()) {
        if (query.race_type !== undefined && race.race_type !== query.race_type) continue;
        total++;
        if (data.length < limit) data.push(race);
      }
      const filters = query.race_type === undefined ? { limit } : { race_type: query.race_type, limit };
      return { status: 200, body: { status: 'ok', data, metadata: { total, next_cursor: null, filters } } };
    },
    createRace(input: RaceCreate): Answer {
      const race_id = `race_new${++created}`;
      const race: Race = {
        race_id,
        race_name: input.race_name,
        race_type: input.race_type,
        race_subtype: input.race_subtype,
        race_date: input.race_date,
        race_location: input.race_location,
        race_description: input.race_description ?? null,
        race_website_url: input.race_website_url ?? null,
        race_image_url: input.race_image_url ?? null,
        race_timezone: input.race_timezone ?? null,
        race_participant_count: input.race_participant_count ?? null,
        participants_count: 0,
        race_variants: input.race_variants ?? [],
        race_categories: input.race_categories ?? [],
        created_by: 'usr_athlete1',
        created_at: '2026-12-07T12:00:00Z',
        updated_at: '2026-12-07T12:00:00Z',
      };
      // Not kept: a benchmark creating thousands must not grow the list it also serves.
      return { status: 201, body: { status: 'ok', race_id, message: 'Race created successfully', data: race } };
    },
  };
}

/** The credential every variant accepts (each checks the Bearer header its own way). */
export const PEER_TOKEN = 'peer-bench-token';
