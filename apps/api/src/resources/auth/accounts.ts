/**
 * The account use cases: sign-up by email (verification link, then a password), sign-in with
 * a password or a Firebase ID token, refreshing and ending sessions, and resetting a
 * password by email. Every change that spans several rows (a user, their session and token,
 * the emailed token used up, the email queued) is one transaction. Failures are the domain's
 * errors; `map-error.ts` answers them.
 *
 * Token design (see docs/ARCHITECTURE.md): access tokens are opaque secrets in the one format
 * of `domain/secrets.ts` (`astral_at_`), stored as SHA-256 hashes, 24 hours, each in a
 * session; emailed tokens (`astral_ev_`, `astral_pr_`) likewise, single-use; passwords are
 * argon2id hashes.
 */
import type { components } from '@astral/openapi';
import type { RateLimitPolicy, RateLimitState } from '@astral/server';
import { ConflictError, ForbiddenError, InvalidTokenError, RateLimitedError, UnauthorizedError } from '../../domain/errors.js';
import { randomId } from '../../domain/ids.js';
import { formatInstant } from '../../domain/time.js';
import { UniqueViolationError } from '../../storage/errors.js';
import type { OutboxStorage } from '../../email/index.js';
import type { RateLimitStorage } from '../../rate-limits/index.js';
import type { Transactional } from '../../storage/transactional.js';
import type { Principal } from '../../domain/principal.js';
import type { NewUser, User } from '../users/model.js';
import { emailKey } from '../users/rows.js';
import type { UserStorage } from '../users/storage.js';
import { freeUsername, usernameBase } from '../users/usernames.js';
import { isWellFormedSecret } from '../../domain/secrets.js';
import { hashCredential, newSecret } from './credentials.js';
import type { IdTokenVerifier } from './id-tokens.js';
import { accountLimits } from './limits.js';
import { accountExistsEmail, passwordResetEmail, verificationEmail } from './mail.js';
import { checkPasswordRules, hashPassword, passwordMatches } from './passwords.js';
import type { AuthStorage, EmailTokenRow } from './storage.js';

type Schemas = components['schemas'];
export type AccessToken = Schemas['AccessToken'];
export type Session = Schemas['Session'];
export type SignupResult = Schemas['SignupResult'];
export type TokenCheck = Schemas['TokenCheck'];
export type CompleteSignupRequest = Schemas['CompleteSignupRequest'];
export type LoginRequest = Schemas['LoginRequest'];
export type ResetPasswordRequest = Schemas['ResetPasswordRequest'];
export type FirebaseSignupRequest = Schemas['FirebaseSignupRequest'];

const hour = 3600;
/** How long each kind of token lives, in seconds. */
export const tokenLifetimes = { access: 24 * hour, verification: 24 * hour, passwordReset: hour } as const;

/** Attempts at a sign-up that lost a race for its username or address to another (then checked again). */
const signupAttempts = 3;

/** The storages the account use cases read and change. */
export interface AccountStorages {
  users: UserStorage;
  auth: AuthStorage;
  rateLimits: RateLimitStorage;
  outbox: OutboxStorage;
}

export interface AccountServiceOptions {
  /**
   * The storages (users, emailed tokens, rate limits, the outbox), and `transaction` to change
   * several at once: an email is queued in the outbox on the transaction of the change that
   * sends it.
   */
  repository: Transactional<AccountStorages>;
  /** Verifies Firebase ID tokens. */
  verifyIdToken: IdTokenVerifier;
  /** Where emailed links point (`APP_URL`). */
  appUrl: string;
  /** The clock, injectable for tests. */
  now?: () => Date;
}

/** Stored instants that are compared (expiry, revocation): fixed-width ISO 8601, so text order is time order. */
const storedInstant = (ms: number) => new Date(ms).toISOString();

/** Whether an emailed token can still be used at `nowMs`. */
const usable = (token: EmailTokenRow | undefined, nowMs: number): token is EmailTokenRow =>
  token !== undefined && token.used_at === null && token.expires_at > storedInstant(nowMs);

/** A display name the contract accepts (1 to 50 characters, one line) made from a token's `name`, if any is left. */
const displayNameFrom = (name: string | undefined): string | undefined => {
  const cleaned = name
    ?.replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, 50)
    .trim();
  return cleaned ? cleaned : undefined;
};

const noSession = (action: string) =>
  new ForbiddenError(`This token belongs to no session (a development or admin-issued token): it cannot be ${action}`);

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
  private readonly repository: AccountServiceOptions['repository'];
  private readonly verifyIdToken: IdTokenVerifier;
  private readonly appUrl: string;
  private readonly now: () => Date;

  constructor(options: AccountServiceOptions) {
    this.repository = options.repository;
    this.verifyIdToken = options.verifyIdToken;
    this.appUrl = options.appUrl;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Emails a sign-up link (24 hours) to an address that has no account yet, and a note that it
   * has one (no link) to an address that has: the same answer either way, so the answer does
   * not tell whether an address is registered (the description's *Account probing*). Counted
   * against the `verification` limit first.
   */
  async requestVerification(email: string): Promise<{ expiresIn: number; rateLimit: RateLimitState }> {
    const rateLimit = await this.consume(accountLimits.verification, email, 'Too many verification emails for this address');
    const token = newSecret('verificationToken');
    const nowMs = this.now().getTime();
    await this.repository.transaction(async (tx) => {
      const to = email.trim();
      const found = await tx.users.findByEmail(email);
      if (found) {
        await tx.outbox.enqueue(accountExistsEmail({ to: found.user.email ?? to, appUrl: this.appUrl }), this.now());
        return;
      }
      await tx.auth.addEmailToken({
        token_hash: hashCredential(token),
        purpose: 'verification',
        email: to,
        user_id: null,
        expires_at: storedInstant(nowMs + tokenLifetimes.verification * 1000),
      });
      await tx.outbox.enqueue(verificationEmail({ to, token, appUrl: this.appUrl }), this.now());
    });
    return { expiresIn: tokenLifetimes.verification, rateLimit };
  }

  /** Whether a sign-up token can still be used, and for which address; uses nothing up. */
  async checkSignupToken(token: string): Promise<TokenCheck> {
    // A malformed token is refused as an unknown one is, without a lookup.
    if (!isWellFormedSecret(token, 'verificationToken')) return { valid: false, error: 'Token is invalid or already used' };
    const row = await this.repository.auth.findEmailToken(hashCredential(token), 'verification');
    if (!row || row.used_at !== null) return { valid: false, error: 'Token is invalid or already used' };
    if (!usable(row, this.now().getTime())) return { valid: false, error: 'Token has expired' };
    if (await this.repository.users.findByEmail(row.email)) return { valid: false, error: 'An account with this email already exists' };
    return { valid: true, email: row.email };
  }

  /**
   * Creates the account of a sign-up token's address, signed in: the user, their session and
   * token, the sign-up token deleted, all at once. The username is the one sent (a conflict
   * if taken) or one made from the address.
   */
  async completeSignup(request: CompleteSignupRequest): Promise<SignupResult> {
    checkPasswordRules(request.password);
    // A malformed token is refused as an unknown one is, before the hashing and the lookup.
    if (!isWellFormedSecret(request.token, 'verificationToken')) throw new InvalidTokenError('token');
    const passwordHash = await hashPassword(request.password);
    const tokenHash = hashCredential(request.token);
    return this.retryingConflicts(() =>
      this.repository.transaction(async (tx) => {
        const nowMs = this.now().getTime();
        const token = await tx.auth.findEmailTokenForUse(tokenHash, 'verification');
        if (!usable(token, nowMs)) throw new InvalidTokenError('token');
        if (await tx.users.findByEmail(token.email)) throw new ConflictError('An account with this email already exists', 'email');
        if (request.username !== undefined && (await tx.users.usernameTaken(request.username))) {
          throw new ConflictError('username already taken', 'username');
        }
        const username = request.username ?? (await this.freeUsernameFor(tx.users, token.email));
        const profile = await tx.users.create({
          ...this.newAccount(nowMs, { email: token.email, username, displayName: request.display_name }),
          first_name: request.first_name ?? null,
          last_name: request.last_name ?? null,
          password_hash: passwordHash,
        });
        await tx.auth.deleteEmailToken(tokenHash);
        const access = await this.openSession(tx.users, profile.user_id, nowMs);
        return signupResult(profile, token.email, access, true);
      }),
    );
  }

  /**
   * Signs in with a password: a new session. A wrong password, an unknown address and an
   * inactive account are the same refusal, in the same time. After 5 failures for an address
   * within 15 minutes, every attempt for it is refused until the window moves on.
   */
  async login(request: LoginRequest): Promise<Session> {
    const { rateLimits, users } = this.repository;
    const { login } = accountLimits;
    // Past the failures allowed, every attempt is refused, right or wrong, until the window moves on.
    const failures = await rateLimits.check(login, request.email, this.now());
    if (failures.remaining === 0) throw new RateLimitedError(failures, 'email', 'Too many failed sign-ins for this address');
    const candidate = await users.findByEmail(request.email);
    const matches = await passwordMatches(candidate?.passwordHash ?? null, request.password);
    if (!candidate || !matches || candidate.user.status !== 'active') {
      await rateLimits.hit(login, request.email, this.now());
      throw new UnauthorizedError('Invalid email or password');
    }
    await rateLimits.reset(login, request.email);
    const userId = candidate.user.user_id;
    return this.repository.transaction(async (tx) => {
      const nowMs = this.now().getTime();
      const profile = await tx.users.update(userId, (current) => ({ ...current, last_login_at: formatInstant(nowMs) }));
      if (!profile) throw new UnauthorizedError('Invalid email or password');
      const access = await this.openSession(tx.users, userId, nowMs);
      return { user_id: userId, ...access, profile };
    });
  }

  /** A new token in the caller's session; the caller's token is revoked at once. */
  async refresh(principal: Principal): Promise<AccessToken> {
    const { token } = principal;
    if (!token?.sessionId) throw noSession('refreshed');
    const sessionId = token.sessionId;
    return this.repository.transaction(async (tx) => {
      const nowMs = this.now().getTime();
      // A token refreshed once cannot be refreshed again (two refreshes racing: one wins).
      if (!(await tx.users.revokeAccessToken(token.hash, storedInstant(nowMs)))) {
        throw new UnauthorizedError('The credentials are invalid, expired or revoked');
      }
      return this.issueToken(tx.users, principal.user_id, sessionId, nowMs);
    });
  }

  /** Ends the caller's session: every token of it is refused from the next request on. */
  async logout(principal: Principal): Promise<void> {
    if (!principal.token?.sessionId) throw noSession('signed out');
    await this.repository.users.endSession(principal.token.sessionId, storedInstant(this.now().getTime()));
  }

  /**
   * Emails a password-reset link (1 hour) if the address has an active account; the same
   * answer either way. Counted against the `password_reset` limit first.
   */
  async requestPasswordReset(email: string): Promise<{ rateLimit: RateLimitState }> {
    const rateLimit = await this.consume(accountLimits.passwordReset, email, 'Too many password reset requests for this address');
    await this.repository.transaction(async (tx) => {
      const found = await tx.users.findByEmail(email);
      if (!found || found.user.status !== 'active' || found.user.email === null) return;
      const token = newSecret('resetToken');
      await tx.auth.addEmailToken({
        token_hash: hashCredential(token),
        purpose: 'password_reset',
        email: found.user.email,
        user_id: found.user.user_id,
        expires_at: storedInstant(this.now().getTime() + tokenLifetimes.passwordReset * 1000),
      });
      await tx.outbox.enqueue(passwordResetEmail({ to: found.user.email, token, appUrl: this.appUrl }), this.now());
    });
    return { rateLimit };
  }

  /** Sets the password with a reset token, uses the token up and ends every session of the user. */
  async resetPassword(request: ResetPasswordRequest): Promise<void> {
    checkPasswordRules(request.password);
    // A malformed token is refused as an unknown one is, before the hashing and the lookup.
    if (!isWellFormedSecret(request.token, 'resetToken')) throw new InvalidTokenError('token');
    const passwordHash = await hashPassword(request.password);
    const tokenHash = hashCredential(request.token);
    await this.repository.transaction(async (tx) => {
      const nowMs = this.now().getTime();
      const token = await tx.auth.findEmailTokenForUse(tokenHash, 'password_reset');
      if (!usable(token, nowMs) || token.user_id === null) throw new InvalidTokenError('token');
      const user = await tx.users.get(token.user_id);
      if (!user || user.status !== 'active' || !(await tx.auth.useEmailToken(tokenHash, storedInstant(nowMs)))) {
        throw new InvalidTokenError('token');
      }
      await tx.users.setPasswordHash(user.user_id, passwordHash, formatInstant(nowMs));
      await tx.users.endSessions(user.user_id, storedInstant(nowMs));
    });
  }

  /**
   * Signs in with a Firebase ID token: the user linked to its subject, else the user with its
   * verified address (then linked), else a new account (`created`). `membershipRole`, when
   * given, becomes the user's role.
   */
  async exchangeIdToken(request: FirebaseSignupRequest): Promise<{ created: boolean; result: SignupResult }> {
    const identity = await this.verifyIdToken(request.firebase_id_token, this.now());
    const role = request.profile_data?.membership_role;
    return this.retryingConflicts(() =>
      this.repository.transaction(async (tx) => {
        const nowMs = this.now().getTime();
        const at = formatInstant(nowMs);
        let userId = await tx.users.findIdentity('firebase', identity.subject);
        let profile: User | undefined;
        if (userId === undefined) {
          const existing = await tx.users.findByEmail(identity.email);
          if (existing) {
            userId = existing.user.user_id;
          } else {
            const username = await this.freeUsernameFor(tx.users, identity.email);
            profile = await tx.users.create({
              ...this.newAccount(nowMs, { email: identity.email, username, displayName: displayNameFrom(identity.name) }),
              ...(role === undefined ? {} : { role }),
            });
            userId = profile.user_id;
          }
          await tx.users.linkIdentity({ provider: 'firebase', subject: identity.subject, user_id: userId, created_at: at });
        }
        const created = profile !== undefined;
        profile ??= await tx.users.update(userId, (current) => {
          if (current.status !== 'active') throw new InvalidTokenError('firebase_id_token', 'This account is not active');
          const roleChanges = role !== undefined && role !== current.membership_role;
          return {
            ...current,
            membership_role: role ?? current.membership_role,
            // The issuer verified this address: if it is the account's, the account's is verified.
            is_verified: current.is_verified || emailKey(current.email) === emailKey(identity.email),
            last_login_at: at,
            updated_at: roleChanges ? formatInstant(Math.max(nowMs, Date.parse(current.updated_at) + 1)) : current.updated_at,
          };
        });
        if (!profile) throw new InvalidTokenError('firebase_id_token', 'This account no longer exists');
        const access = await this.openSession(tx.users, userId, nowMs);
        return { created, result: signupResult(profile, profile.email ?? identity.email, access, created) };
      }),
    );
  }

  /** Counts a request against `policy` for an address; refused past the limit. */
  private async consume(policy: RateLimitPolicy, email: string, refusal: string): Promise<RateLimitState> {
    // Counted per address, trimmed and lowercased by the storage: every spelling shares one count.
    const { allowed, ...state } = await this.repository.rateLimits.consume(policy, email, this.now());
    if (!allowed) throw new RateLimitedError(state, 'email', refusal);
    return state;
  }

  /** Runs `attempt` again when it lost a race for a unique username or address (its checks then see the winner). */
  private async retryingConflicts<T>(attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof UniqueViolationError) || n >= signupAttempts) throw error;
      }
    }
  }

  /** A free username made from an address (`maya.runs@...` → `maya_runs`, else `maya_runs2`...). */
  private async freeUsernameFor(users: UserStorage, email: string): Promise<string> {
    const base = usernameBase(email);
    // Suffixes of up to 6 digits keep at least this much of the base.
    return freeUsername(base, await users.usernamesStartingWith(base.slice(0, 24)));
  }

  /** A verified athlete account for an address, signed in now. */
  private newAccount(nowMs: number, account: { email: string; username: string; displayName: string | undefined }): NewUser {
    const at = formatInstant(nowMs);
    return {
      user_id: randomId('usr'),
      username: account.username,
      display_name: account.displayName ?? account.username,
      email: account.email,
      role: 'athlete',
      organization_id: null,
      is_verified: true,
      created_at: at,
      last_login_at: at,
    };
  }

  /** Starts a session for a user, with its first token. */
  private async openSession(users: UserStorage, userId: string, nowMs: number): Promise<AccessToken> {
    const sessionId = randomId('ses', 24);
    await users.startSession({ session_id: sessionId, user_id: userId, created_at: storedInstant(nowMs) });
    return this.issueToken(users, userId, sessionId, nowMs);
  }

  /** A new access token (24 hours) in a session; only its hash is stored. */
  private async issueToken(users: UserStorage, userId: string, sessionId: string, nowMs: number): Promise<AccessToken> {
    const token = newSecret('accessToken');
    const expiresMs = nowMs + tokenLifetimes.access * 1000;
    await users.addSessionToken({
      token_hash: hashCredential(token),
      user_id: userId,
      session_id: sessionId,
      expires_at: storedInstant(expiresMs),
    });
    return { access_token: token, token_type: 'Bearer', expires_at: formatInstant(expiresMs) };
  }
}

/** The answer of a sign-up or a Firebase exchange. */
function signupResult(profile: User, email: string, access: AccessToken, isNewUser: boolean): SignupResult {
  return {
    user_id: profile.user_id,
    ...access,
    is_new_user: isNewUser,
    credentials: {
      user_id: profile.user_id,
      email,
      is_verified: profile.is_verified,
      is_active: profile.status === 'active',
      roles: profile.roles,
    },
    profile,
  };
}
