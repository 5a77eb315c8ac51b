/**
 * Turns the credentials @astral/server read from the headers into the caller's profile.
 * A Bearer token names a user, an `X-API-Key` an organization; both are looked up by their
 * hash, once their format holds (`domain/secrets.ts`: a malformed one is refused before any
 * lookup). Unknown, expired or revoked credentials, a token whose session has ended and a user
 * who is not active give `null` (the server answers 401). Good credentials are remembered
 * while nothing their lookup reads changes (principal-cache.ts). The account use cases
 * (sign-up, sign-in, sessions, password reset) are in `accounts.ts`.
 */
import type { Credentials } from '@astral/server';
import type { OrganizationStorage } from '../organizations/storage.js';
import { organizationPrincipal } from '../organizations/model.js';
import type { UserStorage } from '../users/storage.js';
import type { Principal } from '../../domain/principal.js';
import { userPrincipal } from '../users/model.js';
import { isDevelopmentCredential, isLegacyApiKey, isWellFormedSecret } from '../../domain/secrets.js';
import { hashCredential } from './credentials.js';
import { principalCache, type PrincipalCacheOptions } from './principal-cache.js';

export interface AuthenticatorOptions {
  /** The clock (expiry); default the system's. */
  now?: () => Date;
  /** Accept development credentials (`dev-athlete-token`): outside production only. Default `false`. */
  developmentCredentials?: boolean;
  /** Sizes of the principal cache. */
  cache?: PrincipalCacheOptions;
  /**
   * Reads a calendar feed's `feed_token` (the query credential, which the server reads on the
   * calendar operation only); absent, every one is refused.
   */
  calendarFeed?: (token: string) => Promise<Principal | null>;
}

/**
 * Builds the `authenticate` function the server calls on every secured request.
 *
 * @example
 * ```ts
 * const authenticate = createAuthenticator(repository, { developmentCredentials: true });
 * await authenticate({ bearer: 'dev-athlete-token' }); // { user_id: 'usr_athlete1', principal_type: 'user', ... }
 * ```
 */
export function createAuthenticator(
  storage: { users: UserStorage; organizations: OrganizationStorage },
  options: AuthenticatorOptions = {},
): (credentials: Credentials) => Promise<Principal | null> {
  const now = options.now ?? (() => new Date());
  const cacheOptions = options.cache ?? {};
  const development = options.developmentCredentials === true;
  // Only these reach the cache and the database; anything else is a 401 at once.
  const tokenShape = (token: string) => isWellFormedSecret(token, 'accessToken') || (development && isDevelopmentCredential(token));
  const keyShape = (key: string) =>
    isWellFormedSecret(key, 'apiKey') || isLegacyApiKey(key) || (development && isDevelopmentCredential(key));
  const byToken = cachedLookup(storage.users.tokenLookupVersion, cacheOptions, async (token, at) => {
    const hash = hashCredential(token);
    const holder = await storage.users.findByTokenHash(hash, at.toISOString());
    return (
      holder && {
        principal: userPrincipal(holder, { hash, sessionId: holder.session_id }),
        expiresAtMs: holder.expires_at === null ? Infinity : Date.parse(holder.expires_at),
      }
    );
  });
  const byKey = cachedLookup(storage.organizations.apiKeyLookupVersion, cacheOptions, async (key, at) => {
    const holder = await storage.organizations.findByApiKeyHash(hashCredential(key), at.getTime());
    return holder && { principal: organizationPrincipal(holder), expiresAtMs: holder.key_expires_ms ?? Infinity };
  });
  return async (credentials) => {
    // A Bearer token, when sent, decides alone: a bad token is not rescued by a key.
    if (credentials.bearer !== undefined) return tokenShape(credentials.bearer) ? byToken(credentials.bearer, now()) : null;
    if (credentials.apiKey !== undefined) return keyShape(credentials.apiKey) ? byKey(credentials.apiKey, now()) : null;
    // Not cached: a feed is read every few hours, and its last use is recorded.
    if (credentials.queryKey !== undefined) return options.calendarFeed?.(credentials.queryKey) ?? null;
    return null;
  };
}

type Found = { principal: Principal; expiresAtMs: number } | undefined;

/**
 * `lookup` behind a principal cache, when the storage keeps a change counter for it and the
 * counter can tell (it answers `undefined` while it cannot: PostgreSQL not listening).
 */
function cachedLookup(
  version: (() => Promise<number | undefined>) | undefined,
  cacheOptions: PrincipalCacheOptions,
  lookup: (credential: string, at: Date) => Promise<Found>,
): (credential: string, at: Date) => Promise<Principal | null> {
  const cache = principalCache(cacheOptions);
  return async (credential, at) => {
    const nowMs = at.getTime();
    // Read before the lookup: a change that lands during it leaves the entry stale.
    const current = await version?.();
    const cached = current === undefined ? undefined : cache.get(credential, current, nowMs);
    if (cached) return cached;
    const found = await lookup(credential, at);
    if (!found) return null;
    // One principal may serve many requests: none of them may change it for the others.
    if (found.principal.token) Object.freeze(found.principal.token);
    const principal = Object.freeze(found.principal);
    if (current !== undefined) cache.set(credential, { principal, version: current, expiresAtMs: found.expiresAtMs, nowMs });
    return principal;
  };
}
