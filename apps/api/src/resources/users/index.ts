/**
 * The Users resource: the people who sign in, their canonical profiles (`/users/{user_id}`,
 * `/users/{user_id}/public`), and what signs them in (password hashes, sessions, access
 * tokens, linked identities), which the Auth resource uses.
 */
import { defineResource, type ResourceContext } from '../module.js';
import { userHandlers, type UserHandlers } from './handlers.js';
import { UserService } from './service.js';
import { openUserStorage, type UserStorage } from './storage.js';

export const users = defineResource({
  name: 'users',
  storage: openUserStorage,
  handlers: ({ repository, now }: ResourceContext<{ users: UserStorage }>): UserHandlers =>
    userHandlers(new UserService({ users: repository.users, now })),
});
