/**
 * The account use cases, one object for the handlers: sign-up by email (`email-signup.ts`),
 * sign-in with a password and its reset (`password-sign-in.ts`) or with a Firebase ID token
 * (`firebase-sign-in.ts`), refreshing and ending sessions (`sessions.ts`). Every change that
 * spans several rows (a user, their session and token, the emailed token used up, the email
 * queued) is one transaction. Failures are the domain's errors; `map-error.ts` answers them.
 *
 * Token design (see docs/ARCHITECTURE.md): access tokens are opaque secrets in the one format
 * of `domain/secrets.ts` (`astral_at_`), stored as SHA-256 hashes, 24 hours, each in a
 * session; emailed tokens (`astral_ev_`, `astral_pr_`) likewise, single-use; passwords are
 * argon2id hashes.
 */
import type { RateLimitState } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { AccountContext, AccountServiceOptions } from './context.js';
import * as emailSignup from './email-signup.js';
import type { CompleteSignupRequest, TokenCheck } from './email-signup.js';
import * as firebase from './firebase-sign-in.js';
import type { FirebaseSignupRequest } from './firebase-sign-in.js';
import type { SignupResult } from './new-account.js';
import * as password from './password-sign-in.js';
import type { LoginRequest, ResetPasswordRequest, Session } from './password-sign-in.js';
import * as sessions from './sessions.js';
import type { AccessToken } from './sessions.js';

export { tokenLifetimes, type AccountServiceOptions, type AccountStorages } from './context.js';

/**
 * The account use cases over the users' and the emailed tokens' storages.
 *
 * @example
 * ```ts
 * const accounts = new AccountService({ repository, verifyIdToken: idTokenVerifier(undefined), appUrl: 'http://127.0.0.1:5173' });
 * const session = await accounts.login({ email: 'maya@example.com', password: 'Tempo-Run-2025' });
 * ```
 */
export class AccountService {
  private readonly context: AccountContext;

  constructor(options: AccountServiceOptions) {
    this.context = { ...options, now: options.now ?? (() => new Date()) };
  }

  /** See `email-signup.ts`. */
  requestVerification(email: string): Promise<{ expiresIn: number; rateLimit: RateLimitState }> {
    return emailSignup.requestVerification(this.context, email);
  }

  checkSignupToken(token: string): Promise<TokenCheck> {
    return emailSignup.checkSignupToken(this.context, token);
  }

  completeSignup(request: CompleteSignupRequest): Promise<SignupResult> {
    return emailSignup.completeSignup(this.context, request);
  }

  /** See `password-sign-in.ts`. */
  login(request: LoginRequest): Promise<Session> {
    return password.login(this.context, request);
  }

  requestPasswordReset(email: string): Promise<{ rateLimit: RateLimitState }> {
    return password.requestPasswordReset(this.context, email);
  }

  resetPassword(request: ResetPasswordRequest): Promise<void> {
    return password.resetPassword(this.context, request);
  }

  /** See `sessions.ts`. */
  refresh(principal: Principal): Promise<AccessToken> {
    return sessions.refresh(this.context, principal);
  }

  logout(principal: Principal): Promise<void> {
    return sessions.logout(this.context, principal);
  }

  /** See `firebase-sign-in.ts`. */
  exchangeIdToken(request: FirebaseSignupRequest): Promise<{ created: boolean; result: SignupResult }> {
    return firebase.exchangeIdToken(this.context, request);
  }
}
