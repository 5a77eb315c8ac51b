/**
 * The plan use cases: the list (the caller's scope, the filters, newest-first keyset pages
 * whose cursor is bound to the filters), reading one (404 unless the caller may read it),
 * creating (the caller's organization and name, the structure's rules), and changing or
 * deleting (the permission row, then the owner or organization).
 */
import { randomId } from '../../domain/ids.js';
import { contractId, epochMs, filtersDigest, keysetCursor, keysetPage, type Page } from '../../domain/keyset-cursor.js';
import type { Principal } from '../../domain/principal.js';
import { formatInstant } from '../../domain/time.js';
import { containsPattern } from '../../storage/dialect.js';
import type { OrganizationStorage } from '../organizations/storage.js';
import type { ListTrainingPlansQuery, StoredPlan, TrainingPlan, TrainingPlanCreate, TrainingPlanUpdate } from './model.js';
import { assertMayCreate, assertMayModify, planCaller, planNotFound, readsPlan, viewerOf, type PlanCaller } from './permissions.js';
import type { TrainingPlanStorage } from './storage.js';
import { checkWeeks } from './structure.js';

const cursor = keysetCursor({ createdMs: epochMs('t'), id: contractId('i', 'TrainingPlan', 'training_plan_id') }, { filtered: true });

export interface TrainingPlanServiceOptions {
  plans: TrainingPlanStorage;
  organizations: Pick<OrganizationStorage, 'membership'>;
  now?: () => Date;
}

/** A plan as a list shows it: without `weeks` when `summary` is asked. */
const shown = (plan: StoredPlan, summary: boolean): TrainingPlan => {
  if (!summary) return plan;
  const { weeks: _weeks, ...light } = plan;
  return light;
};

/**
 * The plan use cases.
 *
 * @example
 * ```ts
 * const plans = new TrainingPlanService({ plans: repository.trainingPlans, organizations: repository.organizations });
 * await plans.list({ limit: 50, summary: true }, principal);
 * ```
 */
export class TrainingPlanService {
  private readonly plans: TrainingPlanStorage;
  private readonly organizations: Pick<OrganizationStorage, 'membership'>;
  private readonly now: () => Date;

  constructor(options: TrainingPlanServiceOptions) {
    this.plans = options.plans;
    this.organizations = options.organizations;
    this.now = options.now ?? (() => new Date());
  }

  async list(query: ListTrainingPlansQuery, principal: Principal): Promise<Page<TrainingPlan>> {
    const caller = await planCaller(this.organizations, principal);
    const filters = {
      type: query.training_plan_type,
      level: query.level,
      visibility: query.visibility,
      ownerId: query.owner_id,
      orgId: query.org_id,
      searchPattern: query.search === undefined ? undefined : containsPattern(query.search),
    };
    const digest = filtersDigest([filters, query.summary ?? false]);
    const before = query.cursor === undefined ? undefined : cursor.decode(query.cursor, digest);
    const limit = query.limit ?? 50;
    const found = await this.plans.list({ ...filters, viewer: viewerOf(caller, query.org_id), limit: limit + 1, before });
    const page = keysetPage(found, limit, (last) =>
      cursor.encode({ createdMs: Date.parse(last.created_at), id: last.training_plan_id }, digest),
    );
    return { ...page, data: page.data.map((plan) => shown(plan, query.summary === true)) };
  }

  /** The plan, if the caller may read it (else the same 404 as a plan that does not exist). */
  async get(trainingPlanId: string, principal: Principal): Promise<StoredPlan> {
    const caller = await planCaller(this.organizations, principal);
    return this.readable(trainingPlanId, caller);
  }

  /** The plan, if this caller may read it: reading, changing and assigning all start here. */
  async readable(trainingPlanId: string, caller: PlanCaller): Promise<StoredPlan> {
    const plan = await this.plans.get(trainingPlanId);
    if (!plan) throw planNotFound();
    if (readsPlan(caller, plan)) return plan;
    if (caller.userId !== undefined && (await this.plans.assignedTo(trainingPlanId, caller.userId))) return plan;
    throw planNotFound();
  }

  async create(body: TrainingPlanCreate, principal: Principal): Promise<StoredPlan> {
    const caller = await planCaller(this.organizations, principal);
    assertMayCreate(caller);
    checkWeeks(body.weeks);
    const timestamp = formatInstant(this.now().getTime());
    const byUser = principal.principal_type === 'user';
    return this.plans.insert({
      training_plan_id: randomId('plan'),
      training_plan_name: body.training_plan_name,
      training_plan_description: body.training_plan_description ?? null,
      training_plan_type: body.training_plan_type,
      level: body.level,
      duration_in_weeks: body.weeks.length,
      visibility: body.visibility,
      org_id: caller.orgId ?? null,
      owner_id: byUser ? principal.user_id : null,
      coach_name: byUser ? principal.display_name : null,
      cover_image_url: body.cover_image_url ?? null,
      workout_days: body.workout_days ?? [],
      weeks: body.weeks,
      created_at: timestamp,
      updated_at: timestamp,
    });
  }

  /** Changes the fields sent (`weeks` whole); `updated_at` moves strictly forward. */
  async update(trainingPlanId: string, patch: TrainingPlanUpdate, principal: Principal): Promise<StoredPlan> {
    const caller = await planCaller(this.organizations, principal);
    await this.readable(trainingPlanId, caller);
    if (patch.weeks) checkWeeks(patch.weeks);
    const updated = await this.plans.update(trainingPlanId, (current) => {
      assertMayModify('updateTrainingPlan', caller, current);
      const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<StoredPlan>;
      const weeks = patch.weeks ?? current.weeks;
      const updatedAt = formatInstant(Math.max(this.now().getTime(), Date.parse(current.updated_at) + 1));
      return { ...current, ...changes, weeks, duration_in_weeks: weeks.length, updated_at: updatedAt };
    });
    if (!updated) throw planNotFound();
    return updated;
  }

  async delete(trainingPlanId: string, principal: Principal): Promise<void> {
    const caller = await planCaller(this.organizations, principal);
    await this.readable(trainingPlanId, caller);
    const deleted = await this.plans.delete(trainingPlanId, (current) => assertMayModify('deleteTrainingPlan', caller, current));
    if (!deleted) throw planNotFound();
  }
}
