/** The audit log's operation: a thin adapter from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { AuditService } from './service.js';

/**
 * The audit log's handler.
 *
 * @example
 * ```ts
 * const handlers = auditHandlers(new AuditService({ audit: repository.organizations, authorize }));
 * ```
 */
export function auditHandlers(audit: AuditService) {
  return {
    listOrganizationAuditEvents: async ({ params, query, principal }) => {
      const { data, nextCursor } = await audit.list(principal, params.org_id, query);
      return { status: 200, body: { status: 'ok', data, metadata: { total: data.length, next_cursor: nextCursor } } };
    },
  } satisfies Partial<HandlersForTag<'Organizations', Principal>>;
}
