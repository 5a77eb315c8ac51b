/**
 * The AI coach's rules around a `PlanGenerator`: who may generate (the contract's permission
 * row, through the organizations' one authorizer), which training principle applies, which
 * goal race and whether it falls in the plan's last week. The service resolves all of that
 * before anything is generated, so bad input is an ordinary error answer, never a stream.
 */
import type { OperationId } from '@astral/openapi';
import { InvalidError, NotFoundError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { Authorize } from '../organizations/permissions.js';
import type { OrganizationStorage } from '../organizations/storage.js';
import type { RaceStorage } from '../races/storage.js';
import { addDays, daysOfWeek, localDate } from './calendar-dates.js';
import type {
  DraftStep,
  GeneratedPlan,
  GenerationInput,
  GoalRace,
  PlanDraft,
  PlanDraftRequest,
  PlanGenerator,
  PlanRequest,
  PlanStep,
  TrainingPrinciple,
} from './model.js';

export interface AiCoachParts {
  races: Pick<RaceStorage, 'get'>;
  organizations: Pick<OrganizationStorage, 'membership'>;
  authorize: Authorize;
  generator: PlanGenerator;
}

/** Meters of the common race distances a race subtype names (`half-marathon`, `10k`, `5 km`). */
export function raceDistanceOf(subtype: string | null | undefined): number | null {
  const text = (subtype ?? '').toLowerCase();
  if (/half[\s_-]?marathon/.test(text)) return 21_097;
  if (/marathon/.test(text)) return 42_195;
  const km = /(\d+(?:\.\d+)?)\s*k(?:m)?\b/.exec(text);
  return km ? Math.round(Number(km[1]) * 1000) : null;
}

type Generation = 'generatePlanDraft' | 'streamPlanDraft' | 'generatePlan' | 'streamPlan';

export class AiCoachService {
  constructor(private readonly parts: AiCoachParts) {}

  /** The draft, generated whole (the JSON operation). */
  async draft(body: PlanDraftRequest, principal: Principal, signal: AbortSignal): Promise<PlanDraft> {
    const completed = await lastOf(await this.draftSteps('generatePlanDraft', body, principal, signal));
    if (completed?.type !== 'draft_completed') throw new Error('The plan generator ended without a draft');
    return completed.data;
  }

  /** The draft's events (the stream); input is checked before the first. */
  async draftSteps(
    operationId: Generation,
    body: PlanDraftRequest,
    principal: Principal,
    signal: AbortSignal,
  ): Promise<AsyncIterable<DraftStep>> {
    const input = await this.resolve(operationId, body, principal);
    return this.parts.generator.draft(input, signal);
  }

  /** The plan, generated whole (the JSON operation). */
  async plan(body: PlanRequest, principal: Principal, signal: AbortSignal): Promise<GeneratedPlan> {
    const completed = await lastOf(await this.planSteps('generatePlan', body, principal, signal));
    if (completed?.type !== 'plan_completed') throw new Error('The plan generator ended without a plan');
    return completed.data;
  }

  /** The plan's events (the stream); input is checked before the first. */
  async planSteps(operationId: Generation, body: PlanRequest, principal: Principal, signal: AbortSignal): Promise<AsyncIterable<PlanStep>> {
    const { refined_draft: refinedDraft, ...request } = body;
    const input = await this.resolve(operationId, request, principal);
    return this.parts.generator.plan({ ...input, refinedDraft }, signal);
  }

  private async resolve(operationId: OperationId, body: PlanDraftRequest, principal: Principal): Promise<GenerationInput> {
    const orgId = body.org_id ?? (await this.callersOrganization(principal));
    if (!orgId) throw new InvalidError('org_id', 'org_id is required for a caller who belongs to no organization');
    const { organization } = await this.parts.authorize.organization(operationId, principal, orgId);
    if (addDays(body.start_date, 0) !== body.start_date) throw new InvalidError('start_date', `${body.start_date} is not a calendar date`);
    const request: PlanDraftRequest = {
      ...body,
      org_id: orgId,
      workout_days: daysOfWeek.filter((day) => body.workout_days.includes(day)),
    };
    const fromOrganization = organization.settings?.training_principle ?? null;
    const trainingPrinciple: TrainingPrinciple = body.training_principle
      ? { text: body.training_principle, source: 'request' }
      : fromOrganization
        ? { text: fromOrganization, source: 'organization' }
        : { text: null, source: 'none' };
    return { request, goalRace: await this.goalRace(request), trainingPrinciple };
  }

  private async callersOrganization(principal: Principal): Promise<string | undefined> {
    if (principal.principal_type === 'organization') return principal.organization_id ?? undefined;
    return (await this.parts.organizations.membership(principal.user_id))?.organization_id;
  }

  /** The goal race, whose local date must fall in the plan's last week. */
  private async goalRace(request: PlanDraftRequest): Promise<GoalRace | null> {
    if (!request.race_id) return null;
    const race = await this.parts.races.get(request.race_id);
    if (!race) throw new NotFoundError('race', 'race_id');
    const date = localDate(race.race_date, race.race_timezone);
    const lastWeek = addDays(request.start_date, (request.weeks - 1) * 7);
    const end = addDays(request.start_date, request.weeks * 7 - 1);
    if (date < lastWeek || date > end) {
      throw new InvalidError('race_id', `The goal race (${date}) must fall in the plan's last week, ${lastWeek} to ${end}`);
    }
    return { race_id: race.race_id, race_name: race.race_name, date, distanceInMeters: raceDistanceOf(race.race_subtype) };
  }
}

/** The last item of an iterable (a generator's `*_completed` event). */
async function lastOf<T>(steps: AsyncIterable<T>): Promise<T | undefined> {
  let last: T | undefined;
  for await (const step of steps) last = step;
  return last;
}
