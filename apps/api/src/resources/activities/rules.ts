/**
 * The Activities rules a schema cannot say (also written in the contract's descriptions):
 * any authenticated caller may read activities and create them; one may be changed or
 * removed by its creator or by an admin; an organization's API key acts for the organization.
 */
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { Activity } from './model.js';

/**
 * Whether `principal` may change or remove `activity`.
 *
 * @example
 * ```ts
 * canModifyActivity({ ...athlete, user_id: 'usr_a' }, { created_by: 'usr_a' }); // true
 * ```
 */
export function canModifyActivity(principal: Principal, activity: Pick<Activity, 'created_by'>): boolean {
  if (principal.principal_type === 'user' && principal.role === 'admin') return true;
  return activity.created_by === principal.user_id;
}

/**
 * The activity does not exist (404 on `activity_id`).
 *
 * @example
 * ```ts
 * if (!activity) throw activityNotFound();
 * ```
 */
export const activityNotFound = (): NotFoundError => new NotFoundError('activity', 'activity_id');

/**
 * Only the creator or an admin may `change` or `delete` an activity (403).
 *
 * @example
 * ```ts
 * if (!canModifyActivity(principal, activity)) throw notCreator('delete');
 * ```
 */
export const notCreator = (action: 'change' | 'delete'): ForbiddenError =>
  new ForbiddenError(`Only the creator of this activity or an admin may ${action} it`);
