/**
 * The cursors of the organization lists, as the races list's: base64url JSON of where the
 * next page starts, and, for members, a digest of the filters it was issued for. Opaque to
 * clients, not signed (a forged one only moves where a page starts in a list the caller may
 * read anyway); anything this module did not write, or a cursor sent with other filters, is
 * a 400 on `cursor`.
 */
import { createHash } from 'node:crypto';
import { InvalidError } from '../../domain/errors.js';

const userIdPattern = /^usr_[A-Za-z0-9]{1,64}$/;
const eventIdPattern = /^aud_[A-Za-z0-9]{1,64}$/;

const encode = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64url');

function decode(cursor: string): Record<string, unknown> {
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) return payload as Record<string, unknown>;
  } catch {
    // Not ours: refused below.
  }
  throw notOurs();
}

const notOurs = () => new InvalidError('cursor', 'cursor is not a cursor this list issued; pass metadata.next_cursor back unchanged');

/**
 * A short digest of the members filters a cursor is bound to.
 *
 * @example
 * ```ts
 * membersFingerprint({ role: 'athlete' }); // 16 characters
 * ```
 */
export function membersFingerprint(filters: {
  role?: string | undefined;
  status?: string | undefined;
  label?: string | undefined;
}): string {
  const canonical = JSON.stringify([filters.role ?? null, filters.status ?? null, filters.label ?? null]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

/**
 * The cursor of the members page after `userId`.
 *
 * @example
 * ```ts
 * decodeMembersCursor(encodeMembersCursor('usr_a', f), f); // "usr_a"
 * ```
 */
export function encodeMembersCursor(userId: string, fingerprint: string): string {
  return encode({ u: userId, f: fingerprint });
}

/** The `user_id` a members cursor continues after; a 400 on `cursor` when it is not ours or for other filters. */
export function decodeMembersCursor(cursor: string, fingerprint: string): string {
  const payload = decode(cursor);
  if (typeof payload.u !== 'string' || !userIdPattern.test(payload.u) || typeof payload.f !== 'string') throw notOurs();
  if (payload.f !== fingerprint)
    throw new InvalidError('cursor', 'cursor was issued for other filters; send the same filters as the page that issued it');
  return payload.u;
}

/** The cursor of the audit page after (older than) an event. */
export function encodeAuditCursor(position: { ms: number; eventId: string }): string {
  return encode({ t: position.ms, i: position.eventId });
}

/** Where an audit cursor continues; a 400 on `cursor` when it is not ours. */
export function decodeAuditCursor(cursor: string): { ms: number; eventId: string } {
  const payload = decode(cursor);
  if (
    typeof payload.t !== 'number' ||
    !Number.isSafeInteger(payload.t) ||
    typeof payload.i !== 'string' ||
    !eventIdPattern.test(payload.i)
  ) {
    throw notOurs();
  }
  return { ms: payload.t, eventId: payload.i };
}

const orgIdPattern = /^org_[A-Za-z0-9]{1,64}$/;

/** The cursor of the organizations page after `organizationId`. */
export function encodeOrganizationsCursor(organizationId: string): string {
  return encode({ o: organizationId });
}

/** The `org_id` an organizations cursor continues after; a 400 on `cursor` when it is not ours. */
export function decodeOrganizationsCursor(cursor: string): string {
  const payload = decode(cursor);
  if (typeof payload.o !== 'string' || !orgIdPattern.test(payload.o)) throw notOurs();
  return payload.o;
}

const groupIdPattern = /^grp_[A-Za-z0-9]{1,64}$/;

/** The cursor of the groups page after `groupId`. */
export function encodeGroupsCursor(groupId: string): string {
  return encode({ g: groupId });
}

/** The `group_id` a groups cursor continues after; a 400 on `cursor` when it is not ours. */
export function decodeGroupsCursor(cursor: string): string {
  const payload = decode(cursor);
  if (typeof payload.g !== 'string' || !groupIdPattern.test(payload.g)) throw notOurs();
  return payload.g;
}

const invitationIdPattern = /^inv_[A-Za-z0-9]{1,64}$/;

/** The cursor of the invitations page after `invitationId`. */
export function encodeInvitationsCursor(invitationId: string): string {
  return encode({ i: invitationId });
}

/** The `invitation_id` an invitations cursor continues after; a 400 on `cursor` when it is not ours. */
export function decodeInvitationsCursor(cursor: string): string {
  const payload = decode(cursor);
  if (typeof payload.i !== 'string' || !invitationIdPattern.test(payload.i)) throw notOurs();
  return payload.i;
}
