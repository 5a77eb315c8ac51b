/** The Users operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { UserService } from './service.js';

export type UserHandlers = HandlersForTag<'Users', Principal>;

/**
 * The three Users handlers over a `UserService`. Errors the service throws are answered by
 * the app's one `mapError`, so nothing here catches.
 *
 * @example
 * ```ts
 * const handlers = userHandlers(new UserService({ users: repository.users }));
 * ```
 */
export function userHandlers(users: UserService): UserHandlers {
  return {
    getUser: async ({ params, principal }) => ({ status: 200, body: { status: 'ok', data: await users.get(principal, params.user_id) } }),
    updateUser: async ({ params, body, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await users.update(principal, params.user_id, body) },
    }),
    getUserPublicProfile: async ({ params }) => ({ status: 200, body: { status: 'ok', data: await users.publicProfile(params.user_id) } }),
  };
}
