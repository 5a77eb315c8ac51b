/**
 * A generated plan as the body `POST /training/plans` accepts (`GeneratedPlan.training_plan`),
 * so a client can store what it was given without translating it. Week `n` keeps each
 * workout on its weekday; every generated block is governed by distance.
 */
import type { components } from '@astral/openapi';
import { dayOfWeek } from './calendar-dates.js';
import type { GeneratedPlan, GeneratedPlanWeek, GeneratedWorkout, GeneratedWorkoutBlock } from './model.js';

type Schemas = components['schemas'];
type TrainingPlanCreate = Schemas['TrainingPlanCreate'];
type PlanWorkout = Schemas['PlanWorkout'];
type ContentBlock = Schemas['ContentBlock'];
type PlanDays = Schemas['PlanDays'];

function blockOf(block: GeneratedWorkoutBlock | NonNullable<GeneratedWorkoutBlock['blocks']>[number]): ContentBlock {
  if ('block_repeat' in block && block.blocks) {
    // An interval's length and pace are those of its children, which the plan model states.
    return { type: 'interval', block_repeat: block.block_repeat ?? 1, blocks: block.blocks.map(blockOf) };
  }
  return {
    type: block.type,
    block_length_target: 'distance',
    block_distance_in_meters: block.block_distance_in_meters,
    block_pace: block.block_pace,
  };
}

function workoutOf(workout: GeneratedWorkout): PlanWorkout {
  return {
    workout_name: workout.name,
    workout_type: workout.type,
    workout_sub_type: workout.sub_type,
    target_distance_in_meters: workout.target_distance_in_meters,
    target_duration_in_seconds: workout.target_duration_in_seconds,
    blocks: workout.blocks.map(blockOf),
  };
}

function daysOf(week: GeneratedPlanWeek): PlanDays {
  const days: PlanDays = {};
  for (const workout of week.workouts) {
    // A week is seven consecutive days, so a weekday names at most one of its dates.
    days[dayOfWeek(workout.date)] = workoutOf(workout);
  }
  return days;
}

/** The plan body of a generated plan: private, a running plan, weeks numbered from 1. */
export function planBodyOf(plan: Omit<GeneratedPlan, 'training_plan'>): TrainingPlanCreate {
  return {
    training_plan_name: plan.name,
    training_plan_description: plan.description,
    training_plan_type: 'run',
    level: plan.level,
    visibility: 'private',
    workout_days: plan.workout_days,
    weeks: plan.weeks.map((week) => ({ week_number: week.week, days: daysOf(week) })),
  };
}
