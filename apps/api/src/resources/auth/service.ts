/**
 * Turns the credentials @astral/server read from the headers into the caller's profile.
 * A Bearer token names a user, an `X-API-Key` an organization; both are looked up by their
 * hash. Unknown, expired or revoked credentials, a token whose session has ended and a user
 * who is not active give `null` (the server answers 401). The account use cases (sign-up,
 * sign-in, sessions, password reset) are in `accounts.ts`.
 */
import type { Credentials } from '@astral/server';
import type { OrganizationStorage } from '../organizations/storage.js';
import { organizationPrincipal } from '../organizations/model.js';
import type { UserStorage } from '../users/storage.js';
import { userPrincipal, type Principal } from '../users/model.js';
import { hashCredential } from './credentials.js';

/**
 * Builds the `authenticate` function the server calls on every secured request.
 *
 * @example
 * ```ts
 * const authenticate = createAuthenticator(repository);
 * await authenticate({ bearer: 'dev-athlete-token' }); // { user_id: 'usr_athlete1', principal_type: 'user', ... }
 * ```
 */
export function createAuthenticator(
  storage: { users: UserStorage; organizations: OrganizationStorage },
  now: () => Date = () => new Date(),
): (credentials: Credentials) => Promise<Principal | null> {
  return async (credentials) => {
    // A Bearer token, when sent, decides alone: a bad token is not rescued by a key.
    if (credentials.bearer !== undefined) {
      const hash = hashCredential(credentials.bearer);
      const holder = await storage.users.findByTokenHash(hash, now().toISOString());
      return holder ? userPrincipal(holder, { hash, sessionId: holder.session_id }) : null;
    }
    if (credentials.apiKey !== undefined) {
      const organization = await storage.organizations.findByApiKeyHash(hashCredential(credentials.apiKey), now().getTime());
      return organization ? organizationPrincipal(organization) : null;
    }
    return null;
  };
}
