/**
 * The AI coach types, taken from the contract (never hand-written), and what a generator is
 * given once the service has resolved the request (goal race, training principle).
 */
import type { components } from '@astral/openapi';

type Schemas = components['schemas'];
export type PlanDraftRequest = Schemas['PlanDraftRequest'];
export type PlanRequest = Schemas['PlanRequest'];
export type PlanDraft = Schemas['PlanDraft'];
export type GeneratedPlan = Schemas['GeneratedPlan'];
export type GeneratedPlanWeek = Schemas['GeneratedPlanWeek'];
export type GeneratedWorkout = Schemas['GeneratedWorkout'];
export type GeneratedWorkoutBlock = Schemas['GeneratedWorkoutBlock'];
export type PlanDraftStreamEvent = Schemas['PlanDraftStreamEvent'];
export type PlanStreamEvent = Schemas['PlanStreamEvent'];
export type DayOfWeek = Schemas['Weekday'];
export type TrainingPhase = Schemas['TrainingPhase'];
export type BlockPace = Schemas['BlockPace'];
export type TrainingPrinciple = Schemas['TrainingPrinciple'];
/** The request's level, in the AI coach's words. */
export type GenerationLevel = PlanDraftRequest['level'];
/** The plan's level, in the plan vocabulary. */
export type PlanLevel = GeneratedPlan['level'];

/** The goal race as a generator needs it. */
export interface GoalRace {
  race_id: string;
  race_name: string;
  /** The race's local calendar date (in its time zone). */
  date: string;
  /** Read from its subtype (`marathon`, `10k`); `null` when the subtype names no distance. */
  distanceInMeters: number | null;
}

/** A generation request after the service resolved it. */
export interface GenerationInput {
  /** The request as applied (`org_id` filled in), echoed in the draft. */
  request: PlanDraftRequest;
  goalRace: GoalRace | null;
  trainingPrinciple: TrainingPrinciple;
}

/** The events a generator yields: the stream's, apart from `error` (the server's to send). */
export type DraftStep = Exclude<PlanDraftStreamEvent, { type: 'error' }>;
export type PlanStep = Exclude<PlanStreamEvent, { type: 'error' }>;

/**
 * What generates plans. The reference is `RuleBasedPlanGenerator`; a language model can
 * implement the same two methods. Each yields its events as it produces them and ends with
 * the `*_completed` event; it stops (returns) once `signal` is aborted.
 */
export interface PlanGenerator {
  /** `name/version`, answered as `generator`. */
  readonly name: string;
  draft(input: GenerationInput, signal: AbortSignal): AsyncIterable<DraftStep>;
  plan(input: GenerationInput & { refinedDraft: string }, signal: AbortSignal): AsyncIterable<PlanStep>;
}
