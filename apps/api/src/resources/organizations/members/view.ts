/** A membership as the API shows it to a caller: the contract's `Member`, coach-only fields hidden from athletes. */
import type { Member } from '../model.js';
import type { Access } from '../permissions.js';
import type { MemberView } from './storage.js';

/**
 * A membership as the caller may see it: an athlete never gets the coach-only fields.
 *
 * @example
 * ```ts
 * visibleMember(view, 'athlete'); // no coach_labels, no coach_notes
 * ```
 */
export function visibleMember(member: MemberView, column: Access['column']): Member {
  const { organization_id, coach_labels, coach_notes, ...rest } = member;
  const shown: Member = { ...rest, org_id: organization_id };
  return column === 'athlete' ? shown : { ...shown, coach_labels, coach_notes };
}
