/**
 * Who may do what with plans: each operation's row is the contract's `x-astral-permissions`
 * (read with the organizations' `permissionRow`), and `TrainingPlanVisibility`'s rules say
 * who reads a plan. A plan the caller may not read is a 404, as one that does not exist.
 */
import type { OperationId } from '@astral/openapi';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { permissionRow, type CallerColumn } from '../organizations/permissions.js';
import type { OrganizationStorage } from '../organizations/storage.js';
import type { PlanViewer, TrainingPlan } from './model.js';

/** The caller as plans see them: their column in their organization (`outsider`: in none). */
export interface PlanCaller {
  column: CallerColumn | 'outsider';
  /** The user (`undefined` for an API key). */
  userId: string | undefined;
  /** Their organization, or the key's (`undefined` for a user in none). */
  orgId: string | undefined;
}

/**
 * The caller's column: an API key acts for its organization, an admin is an admin, a member
 * holds their role; a user in no organization (or a suspended member) is an outsider.
 */
export async function planCaller(organizations: Pick<OrganizationStorage, 'membership'>, principal: Principal): Promise<PlanCaller> {
  if (principal.principal_type === 'organization') {
    return { column: 'api_key', userId: undefined, orgId: principal.organization_id ?? undefined };
  }
  const membership = await organizations.membership(principal.user_id);
  const member = membership && membership.status !== 'suspended' ? membership : undefined;
  if (principal.role === 'admin') return { column: 'admin', userId: principal.user_id, orgId: member?.organization_id };
  return { column: member?.role ?? 'outsider', userId: principal.user_id, orgId: member?.organization_id };
}

/** The operation's permission for the caller; an outsider has the athlete's (they read only). */
export function permissionOf(operationId: OperationId, caller: PlanCaller) {
  return permissionRow(operationId)[caller.column === 'outsider' ? 'athlete' : caller.column];
}

export const planNotFound = (): NotFoundError => new NotFoundError('training plan', 'training_plan_id');

/**
 * Whether the caller reads the plan, apart from an assignment (which the service asks the
 * storage about): `system` and `public` plans, their organization's `org` plans, their own,
 * and as head coach their organization's `private` ones.
 */
export function readsPlan(caller: PlanCaller, plan: Pick<TrainingPlan, 'visibility' | 'org_id' | 'owner_id'>): boolean {
  if (caller.column === 'admin' || plan.visibility === 'system' || plan.visibility === 'public') return true;
  if (caller.userId !== undefined && plan.owner_id === caller.userId) return true;
  if (caller.orgId === undefined || plan.org_id !== caller.orgId) return false;
  return plan.visibility === 'org' || caller.column === 'head_coach';
}

/** The list's scope in storage terms (`undefined`: every plan, for a row that says `allow`). */
export function viewerOf(caller: PlanCaller, orgFilter: string | undefined): PlanViewer | undefined {
  if (permissionOf('listTrainingPlans', caller) === 'allow') return undefined;
  const orgId = caller.orgId ?? '';
  return {
    viewerId: caller.userId ?? '',
    viewerOrgId: orgId,
    headCoach: caller.column === 'head_coach' ? 1 : 0,
    publicOrgId: orgFilter ?? orgId,
  };
}

/**
 * Throws unless the caller may change or delete the plan they read: `allow` is any plan of
 * their organization (an admin's: any plan at all), `owner` their own; a `system` plan is
 * the platform's.
 */
export function assertMayModify(
  operationId: 'updateTrainingPlan' | 'deleteTrainingPlan',
  caller: PlanCaller,
  plan: Pick<TrainingPlan, 'visibility' | 'org_id' | 'owner_id'>,
): void {
  const permission = permissionOf(operationId, caller);
  const action = operationId === 'updateTrainingPlan' ? 'change' : 'delete';
  const refuse = () => new ForbiddenError(`Only the plan's owner, the head coach or an admin may ${action} this training plan`);
  if (caller.column === 'admin' && permission === 'allow') return;
  if (plan.visibility === 'system' || caller.column === 'outsider') throw refuse();
  if (permission === 'allow' && plan.org_id === caller.orgId) return;
  if (permission === 'owner' && caller.userId !== undefined && plan.owner_id === caller.userId) return;
  throw refuse();
}

/** Throws unless the caller may create plans (a member who coaches, an admin, a key; never an outsider). */
export function assertMayCreate(caller: PlanCaller): void {
  if (caller.column === 'outsider' || permissionOf('createTrainingPlan', caller) === 'deny') {
    throw new ForbiddenError('Only coaches of an organization may create training plans');
  }
}
