/**
 * A plan as a row of `training_plans`: its structure (`weeks`, `workout_days`) as JSON text,
 * `created_ms` for the newest-first order (ISO text with and without milliseconds does not
 * sort), and lower-cased name and description keys for `search`.
 */
import { caseKey } from '../../storage/dialect.js';
import type { StoredPlan, TrainingPlan } from './model.js';

export interface PlanRow {
  training_plan_id: string;
  training_plan_name: string;
  training_plan_description: string | null;
  training_plan_type: string;
  level: string;
  duration_in_weeks: number;
  visibility: string;
  org_id: string | null;
  owner_id: string | null;
  coach_name: string | null;
  cover_image_url: string | null;
  workout_days: string;
  weeks: string;
  created_at: string;
  updated_at: string;
  created_ms: number;
  search_key: string;
}

/** Every column of `training_plans`. */
export const planColumns = [
  'training_plan_id',
  'training_plan_name',
  'training_plan_description',
  'training_plan_type',
  'level',
  'duration_in_weeks',
  'visibility',
  'org_id',
  'owner_id',
  'coach_name',
  'cover_image_url',
  'workout_days',
  'weeks',
  'created_at',
  'updated_at',
  'created_ms',
  'search_key',
] as const satisfies ReadonlyArray<keyof PlanRow>;

/** The row of a plan. */
export function planToRow(plan: StoredPlan): PlanRow {
  return {
    ...plan,
    training_plan_description: plan.training_plan_description ?? null,
    workout_days: JSON.stringify(plan.workout_days),
    weeks: JSON.stringify(plan.weeks),
    created_ms: Date.parse(plan.created_at),
    // One key for both texts: a match may not span them, hence the line break between.
    search_key: `${caseKey(plan.training_plan_name)}\n${caseKey(plan.training_plan_description ?? '')}`,
  };
}

/** The plan of a row; `summary` leaves `weeks` out, as the list's `summary=true` does. */
export function rowToPlan(row: PlanRow): StoredPlan {
  const { created_ms: _ms, search_key: _key, workout_days, weeks, ...fields } = row;
  return {
    ...(fields as Omit<TrainingPlan, 'workout_days' | 'weeks'>),
    duration_in_weeks: Number(row.duration_in_weeks),
    workout_days: JSON.parse(workout_days) as TrainingPlan['workout_days'],
    weeks: JSON.parse(weeks) as StoredPlan['weeks'],
  };
}
