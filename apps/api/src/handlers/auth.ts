/** The Auth operations. The principal already is the caller's profile (user or organization). */
import type { Handlers } from '@astral/server';
import type { Principal } from '../domain/types.js';

/**
 * The Auth handlers: `getMe` answers the caller's profile at the top level.
 *
 * @example
 * ```ts
 * const handlers = { ...raceHandlers(races), ...authHandlers() };
 * ```
 */
export function authHandlers(): Pick<Handlers<Principal>, 'getMe'> {
  return {
    getMe: async ({ principal }) => ({ status: 200, body: principal }),
  };
}
