/** The API key operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { ApiKeyService } from './service.js';

/**
 * The API key handlers over an `ApiKeyService`.
 *
 * @example
 * ```ts
 * const handlers = apiKeyHandlers(new ApiKeyService({ repository, authorize, now }));
 * ```
 */
export function apiKeyHandlers(keys: ApiKeyService) {
  return {
    listOrganizationApiKeys: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await keys.list(principal, params.org_id) },
    }),
    createOrganizationApiKey: async ({ params, body, principal }) => {
      const { key, secret } = await keys.create(principal, params.org_id, body);
      return { status: 201, body: { status: 'ok', data: key, secret } };
    },
    deleteOrganizationApiKey: async ({ params, principal }) => {
      await keys.revoke(principal, params.org_id, params.key_id);
      return { status: 200, body: { status: 'ok', message: 'API key revoked' } };
    },
  } satisfies Partial<HandlersForTag<'Organizations', Principal>>;
}
