/**
 * `repository.principals`, the storage's name for users and organizations before they
 * became resources of their own. Kept so callers written against it (the reliability
 * suite's setup) keep working; new code uses `repository.users` and `repository.organizations`.
 */
import type { OrganizationRecord } from './resources/organizations/model.js';
import { organizationPrincipal } from './resources/organizations/model.js';
import { userPrincipal, type Principal, type UserRecord } from './resources/users/model.js';
import type { Repository } from './storage/repository.js';

/** The previous storage API for users and organizations; new code uses `repository.users` and `repository.organizations`. */
export interface LegacyPrincipals {
  findByTokenHash(tokenHash: string, nowIso: string): Promise<Principal | undefined>;
  findByApiKeyHash(keyHash: string): Promise<Principal | undefined>;
  createOrganization(organization: OrganizationRecord): Promise<void>;
  createUser(user: UserRecord): Promise<void>;
  addAccessToken(userId: string, tokenHash: string, expiresAt?: string): Promise<void>;
  addApiKey(organizationId: string, keyHash: string): Promise<void>;
}

/**
 * The repository with `principals` beside its resources (it delegates to the repository,
 * whatever its class, rather than copying it).
 *
 * @example
 * ```ts
 * await legacyPrincipals(repository).principals.createUser(user); // = repository.users.create(user)
 * ```
 */
export function legacyPrincipals(repository: Repository): Repository & { readonly principals: LegacyPrincipals } {
  const principals: LegacyPrincipals = {
    findByTokenHash: async (hash, nowIso) => {
      const user = await repository.users.findByTokenHash(hash, nowIso);
      return user && userPrincipal(user);
    },
    findByApiKeyHash: async (hash) => {
      const organization = await repository.organizations.findByApiKeyHash(hash);
      return organization && organizationPrincipal(organization);
    },
    createOrganization: (organization) => repository.organizations.create(organization),
    createUser: (user) => repository.users.create(user),
    addAccessToken: (userId, hash, expiresAt) => repository.users.addAccessToken(userId, hash, expiresAt),
    addApiKey: (organizationId, hash) => repository.organizations.addApiKey(organizationId, hash),
  };
  return Object.create(repository, { principals: { value: principals, enumerable: true } }) as Repository & {
    readonly principals: LegacyPrincipals;
  };
}
