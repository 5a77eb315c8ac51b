/**
 * Auth: accounts and sessions (`/auth/...`: sign-up by email, sign-in with a password or a
 * Firebase ID token, refresh, logout, password reset, the caller's profile) and the
 * `authenticate` function the server runs on every secured request. It stores the emailed
 * tokens; users, their sessions and access tokens belong to the Users resource.
 */
import type { Transactional } from '../../storage/transactional.js';
import { defineResource, type ResourceContext } from '../module.js';
import { AccountService, type AccountStorages } from './accounts.js';
import { authHandlers, type AuthHandlers } from './handlers.js';
import { idTokenVerifier } from './id-tokens.js';
import { openAuthStorage } from './storage.js';

export { createAuthenticator } from './service.js';

export const auth = defineResource({
  name: 'auth',
  storage: openAuthStorage,
  handlers: ({ repository, now, accounts }: ResourceContext<Transactional<AccountStorages>>): AuthHandlers =>
    authHandlers(new AccountService({ repository, now, appUrl: accounts.appUrl, verifyIdToken: idTokenVerifier(accounts.oidc) })),
});
