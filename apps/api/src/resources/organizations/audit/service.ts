/**
 * The audit log of an organization: every change of membership, role, group or invitation
 * records one event in the transaction of the change (`recordAudit`), and the log is read
 * newest first, a page at a time.
 */
import type { QueryParams } from '@astral/server';
import { randomId } from '../../../domain/ids.js';
import { contractId, epochMs, keysetCursor, keysetPage, type Page } from '../../../domain/keyset-cursor.js';
import type { Principal } from '../../../domain/principal.js';
import type { AuditAction, AuditEvent } from '../model.js';
import type { Access, Authorize } from '../permissions.js';
import type { AuditStorage } from './storage.js';

/** Who acts: the organization and who is recorded (a user, or the organization for its key). */
export type Actor = Pick<Access, 'organizationId' | 'actorId'>;

/** One change to record: `action` done to `userId`, from what to what, at `at`. */
export interface AuditEntry {
  action: AuditAction;
  userId: string;
  from: string | null;
  to: string | null;
  at: string;
}

let sequence = 0;
/** `aud_` + the instant + a per-process sequence + randomness: events of one instant keep their order on one instance. */
function auditEventId(ms: number): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `aud_${ms.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomId('x', 8).slice(2)}`;
}

/**
 * Records one event, on the storage of the change's transaction.
 *
 * @example
 * ```ts
 * await recordAudit(tx.organizations, access, { action: 'member_added', userId, from: null, to: 'athlete', at });
 * ```
 */
export async function recordAudit(storage: Pick<AuditStorage, 'addAuditEvent'>, actor: Actor, entry: AuditEntry): Promise<void> {
  await storage.addAuditEvent({
    event_id: auditEventId(Date.parse(entry.at)),
    org_id: actor.organizationId,
    actor_id: actor.actorId,
    action: entry.action,
    user_id: entry.userId,
    from_value: entry.from,
    to_value: entry.to,
    occurred_at: entry.at,
  });
}

const cursor = keysetCursor({ ms: epochMs('t'), eventId: contractId('i', 'AuditEvent', 'event_id') });

/**
 * Reading the log.
 *
 * @example
 * ```ts
 * const audit = new AuditService({ audit: repository.organizations, authorize });
 * await audit.list(principal, 'org_alpineclub', { limit: 20 });
 * ```
 */
export class AuditService {
  constructor(private readonly options: { audit: Pick<AuditStorage, 'auditEvents'>; authorize: Authorize }) {}

  /** A page of the log, newest first. */
  async list(principal: Principal, organizationId: string, query: QueryParams<'listOrganizationAuditEvents'>): Promise<Page<AuditEvent>> {
    await this.options.authorize('listOrganizationAuditEvents', principal, organizationId);
    const before = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
    const rows = await this.options.audit.auditEvents({ organizationId, before, limit: query.limit + 1 });
    return keysetPage(rows, query.limit, (last) => cursor.encode({ ms: Date.parse(last.occurred_at), eventId: last.event_id }));
  }
}
