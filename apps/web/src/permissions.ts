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

/**
 * Whether the viewer may call `operationId` on `userId`'s data: a `self` permission reaches
 * only their own, `coached`, `assigned` and `allow` others too (which others, the API decides:
 * a typed-in URL for an athlete they do not coach gets its 403 as a toast). Someone in no
 * organization is in the athlete column for their own data.
 *
 * @example
 * ```ts
 * allowsOn('listActivities', { userId: 'usr_coach1', column: 'head_coach' }, 'usr_athlete2'); // true
 * allowsOn('listActivities', { userId: 'usr_athlete1', column: null }, 'usr_athlete2'); // false
 * ```
 */
export function allowsOn(operationId: OperationId, viewer: { userId: string; column: Column | null }, userId: string): boolean {
  const permission = __ASTRAL_PERMISSIONS__[operationId]?.[viewer.column ?? 'athlete'];
  if (permission === undefined || permission === 'deny') return false;
  return userId === viewer.userId || permission !== 'self';
}
