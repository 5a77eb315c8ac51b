/** The Auth operations. The principal already is the caller's profile (user or organization). */
import type { Handlers } from '@astral/server';
import type { Principal } from '../users/model.js';

export type AuthHandlers = Pick<Handlers<Principal>, 'getMe'>;

/**
 * The Auth handlers: `getMe` answers the caller's profile at the top level.
 *
 * @example
 * ```ts
 * const handlers = { ...raceHandlers(races), ...authHandlers() };
 * ```
 */
export function authHandlers(): AuthHandlers {
  return {
    getMe: async ({ principal }) => ({ status: 200, body: principal }),
  };
}
