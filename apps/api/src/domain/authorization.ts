/**
 * Who may do what with a race (also written in the contract's description):
 * any authenticated caller may read the catalog and add races; a race may be changed or
 * removed by its creator or by an admin. An organization's API key acts for the
 * organization, so it may change or remove the races created with that organization's keys.
 */
import type { Principal, Race } from './types.js';

/**
 * Whether `principal` may change or remove `race`.
 *
 * @example
 * ```ts
 * canModifyRace({ ...athlete, user_id: 'usr_a' }, { ...race, created_by: 'usr_a' }); // true
 * ```
 */
export function canModifyRace(principal: Principal, race: Pick<Race, 'created_by'>): boolean {
  if (principal.principal_type === 'user' && principal.role === 'admin') return true;
  return race.created_by === principal.user_id;
}
