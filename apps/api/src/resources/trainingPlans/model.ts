/**
 * The Training Plans types, taken from the contract (never hand-written): a plan as the API
 * returns it, its parts, the bodies that create and change one, the list query as handlers
 * receive it; and the list query in storage terms.
 */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';

export type TrainingPlan = components['schemas']['TrainingPlan'];
export type TrainingPlanCreate = components['schemas']['TrainingPlanCreate'];
export type TrainingPlanUpdate = components['schemas']['TrainingPlanUpdate'];
export type PlanWeek = components['schemas']['PlanWeek'];
export type PlanWorkout = components['schemas']['PlanWorkout'];
export type ContentBlock = components['schemas']['ContentBlock'];
export type Weekday = components['schemas']['Weekday'];

/** A plan as stored: every field of the contract's, `weeks` always present. */
export type StoredPlan = TrainingPlan & { weeks: PlanWeek[] };

/** The list query as the server hands it over: validated, coerced, every default applied. */
export type ListTrainingPlansQuery = QueryParams<'listTrainingPlans'>;

/** Who reads a list, in storage terms; absent for an admin, who reads every plan. */
export interface PlanViewer {
  /** The caller's user ID (`''` for an API key, which owns nothing and has no instances). */
  viewerId: string;
  /** The caller's organization (`''` for a user in none). */
  viewerOrgId: string;
  /** 1 when the caller is the head coach of `orgId`: they read its `private` plans too. */
  headCoach: 0 | 1;
  /** Whose `public` plans are read besides the caller's organization's (the `org_id` filter, else `viewerOrgId`). */
  publicOrgId: string;
}

/** The list query in storage terms: at most `limit` plans, newest first, after a position. */
export interface PlanQuery {
  limit: number;
  viewer?: PlanViewer | undefined;
  type?: string | undefined;
  level?: string | undefined;
  visibility?: string | undefined;
  ownerId?: string | undefined;
  orgId?: string | undefined;
  /** `search`, as a `LIKE` pattern over the lower-cased name and description. */
  searchPattern?: string | undefined;
  /** Only plans before this position (the cursor's): created earlier, or at the same instant with a smaller id. */
  before?: { createdMs: number; id: string } | undefined;
}
