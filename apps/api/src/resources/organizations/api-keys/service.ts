/**
 * The API key use cases: list an organization's active keys, create one (its secret shown
 * once), revoke one. Who may do what is asked of `authorize` (permissions.ts) first.
 */
import { ConflictError, InvalidError, NotFoundError } from '../../../domain/errors.js';
import { randomId } from '../../../domain/ids.js';
import { formatInstant, parseInstant } from '../../../domain/time.js';
import { hashCredential, newSecret } from '../../auth/credentials.js';
import type { Principal } from '../../../domain/principal.js';
import type { ApiKey, ApiKeyCreate } from '../model.js';
import type { OrganizationParts } from '../parts.js';

/** The most active keys an organization may hold (the list answers them all). */
export const maxActiveApiKeys = 50;

/**
 * The API key use cases over the organization storages.
 *
 * @example
 * ```ts
 * const keys = new ApiKeyService({ repository, authorize, now: () => new Date() });
 * const { key, secret } = await keys.create(principal, 'org_alpineclub', { name: 'Timing system' });
 * ```
 */
export class ApiKeyService {
  constructor(private readonly options: OrganizationParts) {}

  /** The organization's active keys, newest first; never their secrets. */
  async list(principal: Principal, organizationId: string): Promise<ApiKey[]> {
    await this.options.authorize('listOrganizationApiKeys', principal, organizationId);
    return this.options.repository.organizations.apiKeys(organizationId, this.options.now().getTime(), maxActiveApiKeys);
  }

  /**
   * A new key: its secret is returned here only, its SHA-256 hash stored (as access tokens),
   * so a leaked database gives no usable key.
   */
  async create(principal: Principal, organizationId: string, input: ApiKeyCreate): Promise<{ key: ApiKey; secret: string }> {
    const access = await this.options.authorize('createOrganizationApiKey', principal, organizationId);
    const nowMs = this.options.now().getTime();
    const expiresMs = input.expires_at === undefined ? undefined : parseInstant(input.expires_at);
    if (expiresMs !== undefined && expiresMs <= nowMs) throw new InvalidError('expires_at', 'expires_at must be in the future');
    const secret = newSecret('apiKey');
    const key: ApiKey = {
      key_id: randomId('key'),
      org_id: organizationId,
      name: input.name,
      prefix: secret.slice(0, 16),
      created_by: access.callerUserId ?? null,
      created_at: formatInstant(nowMs),
      expires_at: expiresMs === undefined ? null : formatInstant(expiresMs),
    };
    await this.options.repository.transaction(async (tx) => {
      if ((await tx.organizations.apiKeys(organizationId, nowMs, maxActiveApiKeys)).length >= maxActiveApiKeys) {
        throw new ConflictError(`This organization already has ${maxActiveApiKeys} active API keys; revoke one first`);
      }
      await tx.organizations.addApiKey(organizationId, hashCredential(secret), { ...key });
    });
    return { key, secret };
  }

  /** Revokes a key of the organization: the next request with it is refused, on every instance. */
  async revoke(principal: Principal, organizationId: string, keyId: string): Promise<void> {
    await this.options.authorize('deleteOrganizationApiKey', principal, organizationId);
    const at = formatInstant(this.options.now().getTime());
    if (!(await this.options.repository.organizations.revokeApiKeyById(organizationId, keyId, at))) {
      throw new NotFoundError('API key', 'key_id');
    }
  }
}
