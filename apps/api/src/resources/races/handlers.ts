/** The Races operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { RaceService } from './service.js';

export type RaceHandlers = HandlersForTag<'Races', Principal>;

/**
 * The five Races handlers over a `RaceService`. Errors the service throws are answered by
 * the app's one `mapError`, so nothing here catches.
 *
 * @example
 * ```ts
 * const handlers = raceHandlers(new RaceService({ races: repository.races }));
 * ```
 */
export function raceHandlers(races: RaceService): RaceHandlers {
  return {
    listRaces: async ({ query, sentQuery }) => {
      const { data, filters, nextCursor } = await races.list(query, sentQuery);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor, filters } } };
    },
    createRace: async ({ body, principal }) => {
      const race = await races.create(body, principal);
      return { status: 201, body: { status: 'ok', race_id: race.race_id, message: 'Race created successfully', data: race } };
    },
    getRace: async ({ params }) => ({ status: 200, body: { status: 'ok', data: await races.get(params.race_id) } }),
    updateRace: async ({ params, body, principal }) => {
      const race = await races.update(params.race_id, body, principal);
      return { status: 200, body: { status: 'ok', message: 'Race updated successfully', data: race } };
    },
    deleteRace: async ({ params, principal }) => {
      await races.delete(params.race_id, principal);
      return { status: 200, body: { status: 'ok', message: 'Race deleted successfully' } };
    },
  };
}
