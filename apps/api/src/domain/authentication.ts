/**
 * Turns the credentials @astral/server extracted from the headers into a principal.
 * A Bearer token names a user, an `X-API-Key` an organization; both are looked up by
 * their hash. Unknown, expired or revoked credentials give `null` (the server answers 401).
 */
import { hashCredential } from './credentials.js';
import type { Principal } from './types.js';
import type { PrincipalRepository } from '../storage/repository.js';

export interface Credentials {
  bearer?: string;
  apiKey?: string;
}

/**
 * Builds the `authenticate` function the server calls on every secured request.
 *
 * @example
 * ```ts
 * const authenticate = createAuthenticator(repository.principals);
 * await authenticate({ bearer: 'dev-athlete-token' }); // { user_id: 'usr_athlete1', ... }
 * ```
 */
export function createAuthenticator(principals: PrincipalRepository, now: () => Date = () => new Date()) {
  return async (credentials: Credentials): Promise<Principal | null> => {
    // A Bearer token, when sent, decides alone: a bad token is not rescued by a key.
    if (credentials.bearer !== undefined) {
      return (await principals.findByTokenHash(hashCredential(credentials.bearer), now().toISOString())) ?? null;
    }
    if (credentials.apiKey !== undefined) {
      return (await principals.findByApiKeyHash(hashCredential(credentials.apiKey))) ?? null;
    }
    return null;
  };
}
