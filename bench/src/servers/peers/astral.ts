// @astral/server: the contract's stubs with the three handlers filled in.
import type { FastifyInstance } from 'fastify';
import { createAstralServer, createStubHandlers, type Handlers } from '@astral/server';
import { memoryRaces, PEER_TOKEN } from './memory-races.js';

export function astralPeer(mode: 'production' | 'development'): FastifyInstance {
  const races = memoryRaces();
  const handlers: Handlers<{ id: string }> = {
    ...createStubHandlers<{ id: string }>(),
    getRace: async ({ params }) => races.getRace(params.race_id) as never,
    listRaces: async ({ query }) => races.listRaces(query) as never,
    createRace: async ({ body }) => races.createRace(body) as never,
  };
  return createAstralServer<{ id: string }>({
    handlers,
    authenticate: async ({ bearer }) => (bearer === PEER_TOKEN ? { id: 'usr_athlete1' } : null),
    mode,
    logger: false,
  });
}
