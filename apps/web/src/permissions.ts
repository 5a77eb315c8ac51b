/**
 * What the signed-in person may do, read from the contract's permission matrix
 * (`x-astral-permissions`, put into the bundle at build time by `contract-values.mjs`): the
 * navigation and the buttons ask here, so they follow the matrix the API enforces.
 */
import type { OperationId } from '@astral/openapi';

/** A caller's column of the matrix: their role in the organization, or a platform admin. */
export type Column = 'admin' | (typeof __ASTRAL_ORGANIZATION_ROLES__)[number];

/**
 * Whether the column may call the operation at all (`allow`, `assigned`, `self`, `visible` or
 * `owner`); `false` for `deny`, for an operation without a row, and for someone in no organization.
 *
 * @example
 * ```ts
 * allows('listOrganizationAuditEvents', 'assistant_coach'); // false
 * ```
 */
export function allows(operationId: OperationId, column: Column | null): boolean {
  if (column === null) return false;
  const permission = __ASTRAL_PERMISSIONS__[operationId]?.[column];
  return permission !== undefined && permission !== 'deny';
}

/** Coaches are who may edit a member's attributes, the coach-only notes among them. */
export const isCoachColumn = (column: Column | null): boolean => allows('updateOrganizationMember', column);
