/** The Races operations: thin adapters from the typed handler context to the domain. */
import type { Handlers } from '@astral/server';
import type { RaceService } from '../domain/races.js';
import type { Principal } from '../domain/types.js';
import { domain } from './errors.js';

type RaceHandlers = Pick<Handlers<Principal>, 'listRaces' | 'createRace' | 'getRace' | 'updateRace' | 'deleteRace'>;

/** The query parameter names the caller actually sent (the server fills in defaults). */
function sentParameters(url: string): Set<string> {
  const query = url.indexOf('?');
  return new Set(query === -1 ? [] : new URLSearchParams(url.slice(query + 1)).keys());
}

/**
 * The five Races handlers over a `RaceService`.
 *
 * @example
 * ```ts
 * const handlers = { ...raceHandlers(new RaceService({ repository })), ...authHandlers() };
 * ```
 */
export function raceHandlers(races: RaceService): RaceHandlers {
  return {
    listRaces: async ({ query, request }) => {
      const { data, filters } = await domain(() => races.list(query, sentParameters(request.url)));
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, filters } } };
    },
    createRace: async ({ body, principal }) => {
      const race = await domain(() => races.create(body, principal));
      return { status: 201, body: { status: 'ok', race_id: race.race_id, message: 'Race created successfully', data: race } };
    },
    getRace: async ({ params }) => {
      const race = await domain(() => races.get(params.race_id));
      return { status: 200, body: { status: 'ok', data: race } };
    },
    updateRace: async ({ params, body, principal }) => {
      const race = await domain(() => races.update(params.race_id, body, principal));
      return { status: 200, body: { status: 'ok', message: 'Race updated successfully', data: race } };
    },
    deleteRace: async ({ params, principal }) => {
      await domain(() => races.delete(params.race_id, principal));
      return { status: 200, body: { status: 'ok', message: 'Race deleted successfully' } };
    },
  };
}
