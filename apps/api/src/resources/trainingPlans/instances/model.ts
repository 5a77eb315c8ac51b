/** The plan instance types, from the contract; and an instance as stored. */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';
import type { PlanWeek } from '../model.js';

export type TrainingPlanInstance = components['schemas']['TrainingPlanInstance'];
export type TrainingPlanAssign = components['schemas']['TrainingPlanAssign'];
export type ScheduledWorkout = components['schemas']['ScheduledWorkout'];
export type ListInstancesQuery = QueryParams<'listTrainingPlanInstances'>;

/** A `completed` activity linked to an instance, as far as its progress needs it. */
export interface CompletedActivity {
  activity_id: string;
  start_time: string;
}

/** What is kept of an instance; the rest (`end_date`, `current_week`, `completed`, the schedule) is derived on read. */
export interface StoredInstance {
  plan_instance_id: string;
  training_plan_id: string;
  training_plan_name: string;
  athlete_id: string;
  org_id: string | null;
  group_id: string | null;
  assigned_by: string;
  start_date: string;
  time_zone: string;
  /** `active`, `paused` or `left` (`completed` is derived from the dates). */
  status: 'active' | 'paused' | 'left';
  weeks: PlanWeek[];
  created_at: string;
  updated_at: string;
}

/** A list's query in storage terms, newest first. */
export interface InstanceQuery {
  limit: number;
  /** Only instances of this organization (the head coach, a key). */
  orgId?: string | undefined;
  /** Only the instances of athletes assigned to this coach (in `orgId`). */
  coachId?: string | undefined;
  athleteId?: string | undefined;
  trainingPlanId?: string | undefined;
  status?: string | undefined;
  before?: { createdMs: number; id: string } | undefined;
}
