/**
 * The Races rules a schema cannot say. Who may change a race (also written in the
 * contract's description): any authenticated caller may read the catalog and add races; a
 * race may be changed or removed by its creator or by an admin; an organization's API key
 * acts for the organization. And which date-times name a real instant the API can store.
 */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../domain/errors.js';
import { formatInstant, isWritableInstant, parseInstant } from '../../domain/time.js';
import type { Principal } from '../../domain/principal.js';
import type { Race, StoredRace } from './model.js';

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

/**
 * The race does not exist (404 on `race_id`).
 *
 * @example
 * ```ts
 * if (!race) throw raceNotFound();
 * ```
 */
export const raceNotFound = (): NotFoundError => new NotFoundError('race', 'race_id');

/**
 * Only the creator or an admin may `change` or `delete` a race (403).
 *
 * @example
 * ```ts
 * if (!canModifyRace(principal, race)) throw notCreator('delete');
 * ```
 */
export const notCreator = (action: 'change' | 'delete'): ForbiddenError =>
  new ForbiddenError(`Only the creator of this race or an admin may ${action} it`);

/**
 * Another race has this name on this UTC day (409 on `race_name`).
 *
 * @example
 * ```ts
 * duplicateRace({ race_name: 'Berlin Marathon', race_date: '2026-09-27T07:15:00Z' }, cause).message;
 * // "A race named Berlin Marathon already exists on 2026-09-27"
 * ```
 */
export const duplicateRace = (race: Pick<StoredRace, 'race_name' | 'race_date'>, cause: unknown): ConflictError =>
  new ConflictError(`A race named ${race.race_name} already exists on ${race.race_date.slice(0, 10)}`, 'race_name', { cause });

/**
 * Parses a date-time parameter or field, or refuses it on that field.
 *
 * @example
 * ```ts
 * instant('2026-05-01T10:00:00+02:00', 'date_from'); // 1777622400000
 * ```
 */
export function instant(value: string, field: string): number {
  const ms = parseInstant(value);
  if (ms === undefined) throw new InvalidError(field, `${field} must be an ISO 8601 date-time`);
  return ms;
}

/**
 * A race date as stored: parsed, within years 0000-9999 in UTC, written in UTC.
 *
 * @example
 * ```ts
 * raceDate('2026-09-01T10:00:00+02:00'); // "2026-09-01T08:00:00Z"
 * ```
 */
export function raceDate(value: string): string {
  const ms = instant(value, 'race_date');
  if (!isWritableInstant(ms)) throw new InvalidError('race_date', 'race_date must fall within the years 0000 to 9999 in UTC');
  return formatInstant(ms);
}
