/** The Races resource: the catalog of events (`/races`, `/races/{race_id}`). */
import { defineResource, type ResourceContext } from '../module.js';
import { raceHandlers, type RaceHandlers } from './handlers.js';
import { RaceService } from './service.js';
import { openRaceStorage, type RaceStorage } from './storage.js';

export const races = defineResource({
  name: 'races',
  storage: openRaceStorage,
  handlers: ({ repository, now }: ResourceContext<{ races: RaceStorage }>): RaceHandlers =>
    raceHandlers(new RaceService({ races: repository.races, now })),
});
