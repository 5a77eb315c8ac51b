/**
 * Where the audit log of membership and role changes is kept: one row per event, ordered by
 * when it happened (epoch milliseconds) and its id. Every query is compiled once.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { StorageContext } from '../../../storage/context.js';
import { columnParams, prepareList, prepareQuery, readList, type ListRows } from '../../../storage/prepared.js';
import type { AuditEvent } from '../model.js';

interface AuditRow extends Omit<AuditEvent, 'org_id'> {
  organization_id: string;
  occurred_ms: number | string;
}

/** The table this storage reads and writes (created by the migrations). */
export interface AuditTables {
  organization_audit_events: AuditRow;
}

/** Where a page of the log starts: before this event, newest first. */
export interface AuditPosition {
  ms: number;
  eventId: string;
}

export interface AuditStorage {
  addAuditEvent(event: AuditEvent): Promise<void>;
  /** A page of the log, newest first, before the position given. */
  auditEvents(query: { organizationId: string; before?: AuditPosition | undefined; limit: number }): Promise<ListRows<AuditEvent>>;
}

const apiColumns = ['event_id', 'organization_id', 'actor_id', 'action', 'user_id', 'from_value', 'to_value', 'occurred_at'] as const;

type PageValues = { organizationId: string; beforeMs?: number | undefined; beforeEventId?: string | undefined; limit: number };

const queries = (db: Kysely<AuditTables>) => ({
  add: prepareQuery<AuditRow, never>((param) =>
    db.insertInto('organization_audit_events').values(columnParams(param, [...apiColumns, 'occurred_ms'])),
  ),
  /** The page (with and without a cursor) and the count of the organization's events. */
  page: prepareList<PageValues, Omit<AuditRow, 'occurred_ms'>>()(
    { filters: [], position: ['beforeMs'] },
    (param) => db.selectFrom('organization_audit_events').select(apiColumns).where('organization_id', '=', param('organizationId')),
    (query, param, given) => {
      if (given('beforeMs')) {
        // Row values in the order of the list (newest first): the page starts right after the cursor's event.
        query = query.where(
          sql<SqlBool>`(${sql.ref('occurred_ms')}, ${sql.ref('event_id')}) < (${param('beforeMs')!}, ${param('beforeEventId')!})`,
        );
      }
      return query.orderBy('occurred_ms', 'desc').orderBy('event_id', 'desc').limit(param('limit'));
    },
  ),
});

/**
 * The audit log's storage on a database.
 *
 * @example
 * ```ts
 * const audit = openAuditStorage(context.as<AuditTables>());
 * await audit.auditEvents({ organizationId: 'org_alpineclub', limit: 21 });
 * ```
 */
export function openAuditStorage(context: StorageContext<AuditTables>): AuditStorage {
  const q = context.once(queries);
  return {
    addAuditEvent: async ({ org_id, ...event }) => {
      await context.run(q.add.bind({ ...event, organization_id: org_id, occurred_ms: Date.parse(event.occurred_at) }));
    },
    auditEvents: async ({ organizationId, before, limit }) => {
      const { rows, total } = await readList(context, q.page, {
        organizationId,
        beforeMs: before?.ms,
        beforeEventId: before?.eventId,
        limit,
      });
      return { rows: rows.map(({ organization_id, ...row }) => ({ ...row, org_id: organization_id })), total };
    },
  };
}
