/**
 * The plan editor's model: the contract's own `TrainingPlanCreate` (weeks → days → one
 * workout a day → content blocks), what a new week, workout and block start as, how a block
 * changes kind (a step ↔ an interval), the request paths the API names in `details.field`,
 * and the partial update of what changed. Nesting stops at the contract's
 * `x-astral-max-depth` (`__ASTRAL_BLOCK_MAX_DEPTH__`, read at build time).
 */
import { AstralApiError } from '@astral/client';
import type { components } from '@astral/openapi';

export type EditablePlan = components['schemas']['TrainingPlanCreate'];
export type PlanUpdate = components['schemas']['TrainingPlanUpdate'];
export type Block = components['schemas']['ContentBlock'];
export type Workout = components['schemas']['PlanWorkout'];
export type Week = components['schemas']['PlanWeek'];
export type Weekday = components['schemas']['Weekday'];

/** Whether a block at `depth` (a workout's blocks are depth 1) may hold children: an interval. */
export const mayNest = (depth: number): boolean => depth < __ASTRAL_BLOCK_MAX_DEPTH__;

/** The block kinds offered at `depth`: no interval where its children would be too deep. */
export const blockTypesAt = (depth: number): Block['type'][] =>
  __ASTRAL_BLOCK_TYPES__.filter((type) => type !== 'interval' || mayNest(depth));

/** A step as it starts: 1 km at an easy pace. */
export const newStep = (type: Exclude<Block['type'], 'interval'> = 'run'): Block => ({
  type,
  block_length_target: 'distance',
  block_distance_in_meters: 1000,
  block_pace: 'z2',
});

/** An interval as it starts: twice one step. */
export const newInterval = (): Block => ({ type: 'interval', block_repeat: 2, blocks: [newStep()] });

/** The block changed to `type`: a step keeps its length and pace, an interval its children. */
export function withType(block: Block, type: Block['type']): Block {
  if (type === 'interval') return block.type === 'interval' ? block : newInterval();
  if (block.type !== 'interval') return { ...block, type };
  return newStep(type);
}

export const newWorkout = (): Workout => ({ workout_name: 'Easy run', workout_type: 'run', blocks: [newStep()] });

export const newWeek = (weekNumber: number): Week => ({ week_number: weekNumber, days: {} });

export const newPlan = (): EditablePlan => ({
  training_plan_name: '',
  training_plan_type: __ASTRAL_PLAN_TYPES__[0]!,
  level: __ASTRAL_PLAN_LEVELS__[0]!,
  visibility: 'org',
  weeks: [newWeek(1)],
});

/** A week's number is its position (the contract refuses another). */
export const renumbered = (weeks: Week[]): Week[] => weeks.map((week, index) => ({ ...week, week_number: index + 1 }));

/** The plan with `workout_days` as its weeks have them: the weekdays that hold a workout in any week, Monday first. */
export function withWorkoutDays(plan: EditablePlan): EditablePlan {
  const days = __ASTRAL_WEEKDAYS__.filter((day) => plan.weeks.some((week) => week.days[day]));
  return { ...plan, workout_days: days };
}

/** A stored plan as the editor holds it: the fields a request may send (server-set ones left out). */
export function editableOf(plan: components['schemas']['TrainingPlan']): EditablePlan {
  const editable: EditablePlan = {
    training_plan_name: plan.training_plan_name,
    training_plan_type: plan.training_plan_type,
    level: plan.level,
    visibility: plan.visibility === 'system' ? 'public' : plan.visibility,
    workout_days: plan.workout_days,
    weeks: plan.weeks ?? [],
  };
  if (plan.training_plan_description !== undefined) editable.training_plan_description = plan.training_plan_description;
  return editable;
}

/** The partial `PUT`: only the fields that differ from the stored plan (`weeks` whole, as the contract replaces them). */
export function changesOf(before: EditablePlan, after: EditablePlan): PlanUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof EditablePlan>) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changes[key] = after[key];
  }
  return changes;
}

/** The request path of a day's workout, as the API's `details.field` writes it: `weeks[0].days.tuesday`. */
export const dayPath = (week: number, day: Weekday): string => `weeks[${week}].days.${day}`;

/** The API's message when its `details.field` is exactly `path` (a block's own error, not one of its children's). */
export function errorAt(error: unknown, path: string): string | undefined {
  return error instanceof AstralApiError && error.field === path ? error.message : undefined;
}
