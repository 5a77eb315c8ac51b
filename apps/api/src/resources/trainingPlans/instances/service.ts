/**
 * The plan instance use cases: assigning a plan (to athletes, or to a group's members at that
 * moment), listing and reading instances with their progress, and pausing, resuming or
 * leaving one. Who may do what is the contract's rows (`x-astral-permissions`), read through
 * `permissionOf`; the caller's organization and their athletes come from the organizations
 * storage, each athlete's time zone from their profile.
 */
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../../domain/errors.js';
import { randomId } from '../../../domain/ids.js';
import { contractId, epochMs, filtersDigest, keysetCursor, keysetPage, type Page } from '../../../domain/keyset-cursor.js';
import type { Principal } from '../../../domain/principal.js';
import { formatInstant } from '../../../domain/time.js';
import type { OrganizationStorage } from '../../organizations/storage.js';
import type { UserStorage } from '../../users/storage.js';
import { permissionOf, planCaller, type PlanCaller } from '../permissions.js';
import type { TrainingPlanService } from '../service.js';
import { instanceCalendar } from './calendar.js';
import { isMonday } from './calendar-dates.js';
import type { CompletedActivity, ListInstancesQuery, StoredInstance, TrainingPlanAssign, TrainingPlanInstance } from './model.js';
import { shownInstance } from './progress.js';
import type { InstanceStorage } from './storage.js';

const cursor = keysetCursor(
  { createdMs: epochMs('t'), id: contractId('i', 'TrainingPlanInstance', 'plan_instance_id') },
  { filtered: true },
);
const instanceNotFound = () => new NotFoundError('plan instance', 'plan_instance_id');

export interface InstanceServiceOptions {
  instances: InstanceStorage;
  plans: TrainingPlanService;
  organizations: Pick<OrganizationStorage, 'membership' | 'member' | 'group'>;
  users: Pick<UserStorage, 'get'>;
  /** The `completed` activities linked to the instance that the caller may read (the activities resource). */
  completedActivities: (instance: StoredInstance, principal: Principal) => Promise<CompletedActivity[]>;
  now?: () => Date;
}

/**
 * The plan instance use cases.
 *
 * @example
 * ```ts
 * const instances = new InstanceService({ instances, plans, organizations, users, completedActivities });
 * await instances.assign('plan_marathon16', { athlete_ids: ['usr_athlete2'], start_date: '2026-03-23' }, principal);
 * ```
 */
export class InstanceService {
  private readonly options: InstanceServiceOptions;
  private readonly now: () => Date;

  constructor(options: InstanceServiceOptions) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  async assign(trainingPlanId: string, body: TrainingPlanAssign, principal: Principal): Promise<TrainingPlanInstance[]> {
    const { organizations, users, plans, instances } = this.options;
    const caller = await planCaller(organizations, principal);
    const plan = await plans.readable(trainingPlanId, caller);
    const permission = permissionOf('assignTrainingPlan', caller);
    if (permission === 'deny' || caller.column === 'outsider') throw new ForbiddenError('Only coaches may assign training plans');
    if ((body.athlete_ids === undefined) === (body.group_id === undefined)) {
      throw new InvalidError('athlete_ids', 'Send exactly one of athlete_ids and group_id');
    }
    if (!isMonday(body.start_date)) throw new InvalidError('start_date', 'start_date must be a Monday, the first day of week 1');
    let athleteIds = body.athlete_ids ?? [];
    const field = body.group_id === undefined ? 'athlete_ids' : 'group_id';
    if (body.group_id !== undefined) {
      const group = await organizations.group(body.group_id);
      if (!group || (caller.column !== 'admin' && group.org_id !== caller.orgId)) throw new NotFoundError('group', 'group_id');
      athleteIds = group.members;
    }
    const timestamp = formatInstant(this.now().getTime());
    const made: StoredInstance[] = [];
    for (const [index, athleteId] of athleteIds.entries()) {
      const orgId = await this.athleteOrganization(
        caller,
        athleteId,
        permission === 'assigned',
        `${field}${field === 'athlete_ids' ? `[${index}]` : ''}`,
      );
      const profile = await users.get(athleteId);
      made.push({
        plan_instance_id: randomId('pli'),
        training_plan_id: plan.training_plan_id,
        training_plan_name: plan.training_plan_name,
        athlete_id: athleteId,
        org_id: orgId,
        group_id: body.group_id ?? null,
        assigned_by: principal.user_id,
        start_date: body.start_date,
        time_zone: profile?.preferences.timezone ?? 'UTC',
        status: 'active',
        weeks: plan.weeks,
        created_at: timestamp,
        updated_at: timestamp,
      });
    }
    await instances.insertAll(made);
    return made.map((instance) => shownInstance(instance, this.now().getTime(), false));
  }

  /** The athlete's organization, after checking the caller may assign to them (`field` names them in a refusal). */
  private async athleteOrganization(caller: PlanCaller, athleteId: string, onlyAssigned: boolean, field: string): Promise<string | null> {
    const { organizations, users } = this.options;
    if (caller.column === 'admin') {
      if (!(await users.get(athleteId))) throw new InvalidError(field, `${field} is not a user`);
      return (await organizations.membership(athleteId))?.organization_id ?? null;
    }
    const member = caller.orgId === undefined ? undefined : await organizations.member(caller.orgId, athleteId);
    if (!member) throw new InvalidError(field, `${field} is not a member of your organization`);
    if (onlyAssigned && member.coach_id !== caller.userId)
      throw new ForbiddenError('You may only assign plans to the athletes assigned to you', field);
    return member.organization_id;
  }

  async list(query: ListInstancesQuery, principal: Principal): Promise<Page<TrainingPlanInstance>> {
    const caller = await planCaller(this.options.organizations, principal);
    const scope = this.scopeOf(caller);
    const filters = { athleteId: query.athlete_id, trainingPlanId: query.training_plan_id, status: query.status };
    const digest = filtersDigest([filters]);
    const before = query.cursor === undefined ? undefined : cursor.decode(query.cursor, digest);
    const limit = query.limit ?? 50;
    const nowMs = this.now().getTime();
    const found = await this.options.instances.list({
      ...filters,
      ...scope,
      // An athlete's `athlete_id` filter can only narrow their own list.
      ...(scope.selfId === undefined ? {} : { athleteId: query.athlete_id ?? scope.selfId }),
      ...(scope.selfId !== undefined && query.athlete_id !== undefined && query.athlete_id !== scope.selfId ? { athleteId: '' } : {}),
      limit: limit + 1,
      before,
      today: new Date(nowMs).toISOString().slice(0, 10),
    });
    const page = keysetPage(found, limit, (last) =>
      cursor.encode({ createdMs: Date.parse(last.created_at), id: last.plan_instance_id }, digest),
    );
    return { ...page, data: page.data.map((instance) => shownInstance(instance, nowMs, false)) };
  }

  /** What the caller's row lets them list: everything, their organization's, their athletes', their own. */
  private scopeOf(caller: PlanCaller): { orgId?: string; coachId?: string; selfId?: string } {
    const permission = permissionOf('listTrainingPlanInstances', caller);
    if (permission === 'allow' && caller.column === 'admin') return {};
    if (permission === 'allow') return { orgId: caller.orgId ?? '' };
    if (permission === 'assigned') return { orgId: caller.orgId ?? '', coachId: caller.userId ?? '' };
    return { selfId: caller.userId ?? '' };
  }

  /** The stored instance, if the caller may read it (else the 404 of one that does not exist). */
  private async readable(instanceId: string, caller: PlanCaller): Promise<StoredInstance> {
    const instance = await this.options.instances.get(instanceId);
    if (!instance || !(await this.reads(caller, instance))) throw instanceNotFound();
    return instance;
  }

  private async reads(caller: PlanCaller, instance: StoredInstance): Promise<boolean> {
    const scope = this.scopeOf(caller);
    if (scope.selfId !== undefined) return instance.athlete_id === scope.selfId;
    if (scope.orgId === undefined) return true;
    if (instance.org_id !== scope.orgId) return false;
    if (scope.coachId === undefined) return true;
    const member = await this.options.organizations.member(scope.orgId, instance.athlete_id);
    return member?.coach_id === scope.coachId;
  }

  /** Throws the instance's 404 unless the caller may read it (a calendar feed is made by and read as such a caller). */
  async ensureReadable(instanceId: string, principal: Principal): Promise<void> {
    await this.readable(instanceId, await planCaller(this.options.organizations, principal));
  }

  /** The instance's iCalendar feed, for those who may read it. */
  async calendar(instanceId: string, principal: Principal): Promise<string> {
    const caller = await planCaller(this.options.organizations, principal);
    return instanceCalendar(await this.readable(instanceId, caller));
  }

  async get(instanceId: string, principal: Principal): Promise<TrainingPlanInstance> {
    const caller = await planCaller(this.options.organizations, principal);
    const instance = await this.readable(instanceId, caller);
    const completed = await this.options.completedActivities(instance, principal);
    return shownInstance(instance, this.now().getTime(), true, completed);
  }

  /** Pauses, resumes or leaves; an instance that was left cannot change (409). */
  async setStatus(instanceId: string, status: StoredInstance['status'], principal: Principal): Promise<TrainingPlanInstance> {
    const caller = await planCaller(this.options.organizations, principal);
    await this.readable(instanceId, caller);
    const updated = await this.options.instances.update(instanceId, (current) => {
      if (current.status === 'left') throw new ConflictError('This plan instance was left; leaving is final', 'status');
      const updatedAt = formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1));
      return { ...current, status, updated_at: updatedAt };
    });
    if (!updated) throw instanceNotFound();
    return shownInstance(updated, this.now().getTime(), false);
  }
}
