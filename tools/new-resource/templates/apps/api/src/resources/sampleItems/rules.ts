/**
 * The Sample Items rules a schema cannot say (also written in the contract's descriptions):
 * any authenticated caller may read sample items and create them; one may be changed or
 * removed by its creator or by an admin; an organization's API key acts for the organization.
 */
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { SampleItem } from './model.js';

/**
 * Whether `principal` may change or remove `sampleItem`.
 *
 * @example
 * ```ts
 * canModifySampleItem({ ...athlete, user_id: 'usr_a' }, { created_by: 'usr_a' }); // true
 * ```
 */
export function canModifySampleItem(principal: Principal, sampleItem: Pick<SampleItem, 'created_by'>): boolean {
  if (principal.principal_type === 'user' && principal.role === 'admin') return true;
  return sampleItem.created_by === principal.user_id;
}

/**
 * The sample item does not exist (404 on `sample_item_id`).
 *
 * @example
 * ```ts
 * if (!sampleItem) throw sampleItemNotFound();
 * ```
 */
export const sampleItemNotFound = (): NotFoundError => new NotFoundError('sample item', 'sample_item_id');

/**
 * Only the creator or an admin may `change` or `delete` a sample item (403).
 *
 * @example
 * ```ts
 * if (!canModifySampleItem(principal, sampleItem)) throw notCreator('delete');
 * ```
 */
export const notCreator = (action: 'change' | 'delete'): ForbiddenError =>
  new ForbiddenError(`Only the creator of this sample item or an admin may ${action} it`);
