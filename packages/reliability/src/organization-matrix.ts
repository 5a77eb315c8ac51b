/**
 * The organizations permission matrix as the tests see it: every operation the contract
 * governs with `x-astral-permissions` (one value per caller column) times every caller
 * (admin, head coach, assistant coach, coach, athlete, the organization's API key, a user of
 * no organization, and the head coach, assistant coach, athlete and API key of another
 * organization) times, for operations on one member, whom they act on (an athlete assigned to
 * the caller, an unassigned one, the caller's own membership). The answer of each cell is
 * derived from the contract's row and the rules its descriptions state; nothing here lists
 * routes or statuses by hand.
 */
import { operationObject } from '@astral/openapi/contract';
import { operationIds, operationTable, propertiesOf, requestBodySchema, type OperationId } from './contract.js';
import { accepts } from './auth-matrix.js';

/** The columns of the contract's rows. */
export const permissionColumns = ['admin', 'head_coach', 'assistant_coach', 'coach', 'athlete', 'api_key'] as const;
export type PermissionColumn = (typeof permissionColumns)[number];
export type Permission = 'allow' | 'assigned' | 'self' | 'visible' | 'owner' | 'deny';

/**
 * The principals of another organization, by the column they hold there: the callers that
 * matter most for object-level authorization (BOLA), as each has rights, only elsewhere.
 */
export const otherOrganizationCallers = {
  other_head_coach: 'head_coach',
  other_assistant_coach: 'assistant_coach',
  other_athlete: 'athlete',
  other_api_key: 'api_key',
} as const satisfies Record<string, PermissionColumn>;
export type OtherOrganizationCaller = keyof typeof otherOrganizationCallers;

/** Who calls in a cell: a column, a signed-in user of no organization, or a principal of another organization. */
export type OrganizationCaller = PermissionColumn | 'outsider' | OtherOrganizationCaller;
export const organizationCallers: readonly OrganizationCaller[] = [
  ...permissionColumns,
  'outsider',
  ...(Object.keys(otherOrganizationCallers) as OtherOrganizationCaller[]),
];

/** Whether the caller belongs to another organization. */
export function ofOtherOrganization(caller: OrganizationCaller): caller is OtherOrganizationCaller {
  return caller in otherOrganizationCallers;
}

/** Whom an operation on one member acts on, relative to the caller. */
export type MemberTarget = 'assigned' | 'unassigned' | 'self';
/** Which group an operation on one group acts on, relative to the caller. */
export type GroupTarget = 'owned' | 'joined' | 'public' | 'private';

/** Callers who are members of the organization (they have a membership to act on). */
const memberColumns: readonly OrganizationCaller[] = ['head_coach', 'assistant_coach', 'coach', 'athlete'];
/** Callers who are members of some organization (another one's included): one organization per user. */
const membersSomewhere: readonly OrganizationCaller[] = [...memberColumns, 'other_head_coach', 'other_assistant_coach', 'other_athlete'];
/** Members who coach (and may own groups). */
const coachingCallers: readonly OrganizationCaller[] = ['head_coach', 'assistant_coach', 'coach'];

/**
 * The contract's row of an operation, or `undefined` when it has none (not governed).
 *
 * @example
 * ```ts
 * permissionsOf('updateOrganization')?.head_coach; // "allow"
 * ```
 */
export function permissionsOf(id: OperationId): Record<PermissionColumn, Permission> | undefined {
  return (operationObject(id).operation as Record<string, unknown>)['x-astral-permissions'] as
    Record<PermissionColumn, Permission> | undefined;
}

/**
 * The operations the matrix governs: the organizations' rows. The activities state rows in the
 * same columns, but their answers turn on the athlete's privacy flags as much as on the
 * caller's role, so apps/api's activities-access test covers them (every flag x every reader)
 * and the auth matrix their credentials.
 */
export function governedOperations(): OperationId[] {
  return operationIds.filter((id) => permissionsOf(id) !== undefined && operationTable[id].tag === 'Organizations');
}

/** Whether the operation acts on one member (`/members/{user_id}`). */
export function targetsMember(id: OperationId): boolean {
  return (operationTable[id].pathParams as readonly string[]).includes('user_id');
}

/** Whether the operation acts on one group (`/groups/{group_id}`). */
export function targetsGroup(id: OperationId): boolean {
  return (operationTable[id].pathParams as readonly string[]).includes('group_id');
}

/** Whether the operation is inside an organization: its path names one or a group of one, or its body takes `org_id`. */
export function inOrganization(id: OperationId): boolean {
  const params = operationTable[id].pathParams as readonly string[];
  const body = requestBodySchema(id);
  return params.includes('org_id') || params.includes('group_id') || (body !== undefined && propertiesOf(body)['org_id'] !== undefined);
}

export interface OrganizationCell {
  operationId: OperationId;
  caller: OrganizationCaller;
  /** For an operation on one member: whom it acts on; on one group: which group. */
  target?: MemberTarget | GroupTarget;
  expectStatus: number;
}

/** The documented answer of one cell. */
function expectation(id: OperationId, caller: OrganizationCaller, target: MemberTarget | GroupTarget | undefined): number {
  const row = permissionsOf(id)!;
  const success = operationTable[id].successStatus;
  // A valid key on an operation whose security does not list keys lacks the right (createOrganization: Bearer only).
  if ((caller === 'api_key' || caller === 'other_api_key') && !accepts(id, { 'x-api-key': 'k' })) return 403;
  if (!inOrganization(id)) {
    // One organization per user: a member can neither create another nor accept an invitation (their descriptions).
    if ((id === 'createOrganization' || id === 'acceptInvitation') && membersSomewhere.includes(caller)) return 409;
    return success;
  }
  // Outside the organization (no member of it, or of another one, or another one's key): not
  // found, whether or not it exists.
  if (caller === 'outsider' || ofOtherOrganization(caller)) return 404;
  const permission = row[caller];
  if (permission === 'deny') return 403;
  if (target === undefined) return success;
  // On a group: `visible` is a public group or one the caller is in or owns; `owner` one they own.
  if (permission === 'visible') return target === 'private' ? 403 : success;
  if (permission === 'owner') return target === 'owned' ? success : 403;
  if (permission === 'self' && target !== 'self') return 403;
  if (permission === 'assigned' && target !== 'assigned') return 403;
  // The rules the descriptions add: the head coach is never removed nor has their role
  // changed (403), and only athletes are assigned to a coach (400 on user_id).
  if (target === 'self' && caller === 'head_coach' && (id === 'deleteOrganizationMember' || id === 'updateOrganizationMemberRole'))
    return 403;
  if (target === 'self' && id === 'updateOrganizationMemberCoach') return 400;
  return success;
}

/**
 * Every cell: each governed operation, each caller, and for an operation on one member each
 * target that exists for that caller (only members have a membership of their own).
 *
 * @example
 * ```ts
 * organizationMatrix().find((c) => c.operationId === 'getOrganizationMember' && c.caller === 'athlete' && c.target === 'self')?.expectStatus; // 200
 * ```
 */
export function organizationMatrix(ids: readonly OperationId[] = governedOperations()): OrganizationCell[] {
  return ids.flatMap((operationId) =>
    organizationCallers.flatMap((caller) => {
      if (targetsGroup(operationId)) {
        // Only coaches own groups (athletes may not create one); only members can be in one.
        const groups: GroupTarget[] = coachingCallers.includes(caller)
          ? ['owned', 'joined', 'public', 'private']
          : memberColumns.includes(caller)
            ? ['joined', 'public', 'private']
            : ['public', 'private'];
        return groups.map((target) => ({ operationId, caller, target, expectStatus: expectation(operationId, caller, target) }));
      }
      if (!targetsMember(operationId)) return [{ operationId, caller, expectStatus: expectation(operationId, caller, undefined) }];
      // A member of another organization aims at their own membership through this one's path as well.
      const targets: MemberTarget[] = membersSomewhere.includes(caller) ? ['assigned', 'unassigned', 'self'] : ['assigned', 'unassigned'];
      return targets.map((target) => ({ operationId, caller, target, expectStatus: expectation(operationId, caller, target) }));
    }),
  );
}

/** How a cell's caller stands to the organization, for {@link representativeCells}. */
function standing(caller: OrganizationCaller): string {
  if (caller === 'outsider') return 'no organization';
  if (caller === 'other_api_key') return "another organization's key";
  if (ofOtherOrganization(caller)) return "another organization's member";
  return caller === 'api_key' ? 'its key' : 'its member';
}

/**
 * A smaller share of the matrix that still reaches every code path: one cell per operation,
 * target, expected answer and standing of the caller (a member of the organization, its
 * key, a user of none, a member of another organization, another organization's key), the
 * first caller of each in matrix order. The PostgreSQL lane runs this share, the SQLite lane
 * every cell.
 *
 * @example
 * ```ts
 * representativeCells(organizationMatrix()).length < organizationMatrix().length; // true
 * ```
 */
export function representativeCells(cells: readonly OrganizationCell[]): OrganizationCell[] {
  const seen = new Set<string>();
  return cells.filter((cell) => {
    const key = `${cell.operationId} ${cell.target ?? ''} ${cell.expectStatus} ${standing(cell.caller)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
