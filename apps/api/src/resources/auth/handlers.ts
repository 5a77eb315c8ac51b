/**
 * The Auth operations: thin adapters from the typed handler context to the account service.
 * Auth answers carry their fields at the top level (no envelope); the rate-limited ones carry
 * the `RateLimit` headers of the count they made.
 */
import { rateLimitHeaders, type HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import { callerProfile } from '../users/model.js';
import type { AccountService } from './accounts.js';

export type AuthHandlers = HandlersForTag<'Auth', Principal>;

/**
 * The Auth handlers over an `AccountService`. `getMe` answers the caller's profile, mapped
 * explicitly from the principal (which also holds the caller's token, for refresh and logout).
 *
 * @example
 * ```ts
 * const handlers = authHandlers(new AccountService({ repository, sendEmail, verifyIdToken, appUrl }));
 * ```
 */
export function authHandlers(accounts: AccountService): AuthHandlers {
  return {
    getMe: async ({ principal }) => ({ status: 200, body: callerProfile(principal) }),
    requestVerification: async ({ body }) => {
      const { expiresIn, rateLimit } = await accounts.requestVerification(body.email);
      return {
        status: 200,
        body: { message: 'Verification email sent', expires_in: expiresIn },
        headers: rateLimitHeaders(rateLimit),
      };
    },
    verifyToken: async ({ body }) => ({ status: 200, body: await accounts.checkSignupToken(body.token) }),
    completeSignup: async ({ body }) => ({ status: 201, body: await accounts.completeSignup(body) }),
    login: async ({ body }) => ({ status: 200, body: await accounts.login(body) }),
    refreshToken: async ({ principal }) => ({ status: 200, body: await accounts.refresh(principal) }),
    logout: async ({ principal }) => {
      await accounts.logout(principal);
      return { status: 200, body: { message: 'Logged out' } };
    },
    requestPasswordReset: async ({ body }) => {
      const { rateLimit } = await accounts.requestPasswordReset(body.email);
      return {
        status: 200,
        body: { message: 'If an account exists for this address, a password reset email has been sent' },
        headers: rateLimitHeaders(rateLimit),
      };
    },
    resetPassword: async ({ body }) => {
      await accounts.resetPassword(body);
      return { status: 200, body: { message: 'Password has been reset. Sign in with the new password.' } };
    },
    exchangeFirebaseToken: async ({ body }) => {
      const { created, result } = await accounts.exchangeIdToken(body);
      return { status: created ? 201 : 200, body: result };
    },
  };
}
