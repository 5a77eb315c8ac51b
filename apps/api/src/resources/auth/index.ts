/**
 * Auth: who is calling (`GET /auth/me`) and the `authenticate` function the server runs
 * on every secured request. It stores nothing of its own: credentials belong to the users
 * and organizations they identify.
 */
import { defineResource } from '../module.js';
import { authHandlers, type AuthHandlers } from './handlers.js';

export { createAuthenticator } from './service.js';

export const auth = defineResource({
  name: 'auth',
  handlers: (): AuthHandlers => authHandlers(),
});
