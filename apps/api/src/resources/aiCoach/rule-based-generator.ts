/**
 * The reference `PlanGenerator`: deterministic rules of periodization (`periodization.ts`)
 * and weekly structure (`workouts.ts`), no model. The same input (and clock) gives the same
 * draft and plan. It yields each draft line and each week as an event, and stops as soon as
 * the signal is aborted (a client that closed its stream).
 */
import { addDays } from './calendar-dates.js';
import { draftLines, editedDistances } from './draft-text.js';
import type { DraftStep, GeneratedPlanWeek, GenerationInput, PlanGenerator, PlanStep } from './model.js';
import { clampToBounds, phasesOf, planLevelOf, weeklyBounds, weeklyDistances } from './periodization.js';
import { daysOfWeek } from './calendar-dates.js';
import { planBodyOf } from './plan-body.js';
import { weekWorkouts } from './workouts.js';

export class RuleBasedPlanGenerator implements PlanGenerator {
  readonly name = 'rule-based-periodization/1';

  constructor(private readonly now: () => Date) {}

  /** The weeks' phases and distances by the rules (`edited` replaces distances, within the bounds). */
  private outline(input: GenerationInput, edited = new Map<number, number>()) {
    const { weeks, level, workout_days } = input.request;
    const bounds = weeklyBounds[level];
    const phases = phasesOf(weeks, input.goalRace !== null);
    const distances = weeklyDistances(phases, level, workout_days.length);
    return {
      bounds,
      weeks: phases.map((phase, index) => {
        const asEdited = edited.get(index + 1);
        return { phase, meters: asEdited === undefined ? distances[index]! : clampToBounds(asEdited, bounds) };
      }),
    };
  }

  async *draft(input: GenerationInput, signal: AbortSignal): AsyncGenerator<DraftStep> {
    yield { type: 'draft_started', generator: this.name };
    const { bounds, weeks } = this.outline(input);
    const lines = draftLines(input, weeks, bounds);
    for (const line of lines) {
      if (signal.aborted) return;
      yield { type: 'draft_chunk', text: `${line}\n` };
    }
    yield {
      type: 'draft_completed',
      data: {
        draft: lines.map((line) => `${line}\n`).join(''),
        training_principle: input.trainingPrinciple,
        request: input.request,
        generator: this.name,
        generated_at: this.now().toISOString(),
      },
    };
  }

  async *plan(input: GenerationInput & { refinedDraft: string }, signal: AbortSignal): AsyncGenerator<PlanStep> {
    const { request, goalRace } = input;
    yield { type: 'plan_started', generator: this.name, duration_in_weeks: request.weeks };
    const { bounds, weeks } = this.outline(input, editedDistances(input.refinedDraft));
    const workoutDays = daysOfWeek.filter((day) => request.workout_days.includes(day));
    const generated: GeneratedPlanWeek[] = [];
    for (const [index, { phase, meters }] of weeks.entries()) {
      if (signal.aborted) return;
      const weekStart = addDays(request.start_date, index * 7);
      const { workouts, distance } = weekWorkouts({ weekStart, meters, phase, level: request.level, workoutDays, goalRace });
      const week: GeneratedPlanWeek = { week: index + 1, phase, start_date: weekStart, distance_in_meters: distance, workouts };
      generated.push(week);
      yield { type: 'plan_week', week };
    }
    const level = planLevelOf[request.level];
    const runs = workoutDays.length;
    const plan = {
      name: `${request.weeks}-week ${level} plan${goalRace ? ` for ${goalRace.race_name}` : ''}`,
      description:
        `${runs} run${runs === 1 ? '' : 's'} a week, ${[...new Set(weeks.map((week) => week.phase))].join(' to ')}` +
        (goalRace ? `, tapering into ${goalRace.race_name} on ${goalRace.date}.` : '.'),
      level,
      duration_in_weeks: request.weeks,
      start_date: request.start_date,
      end_date: goalRace?.date ?? addDays(request.start_date, request.weeks * 7 - 1),
      goal_race: goalRace && { race_id: goalRace.race_id, race_name: goalRace.race_name, date: goalRace.date },
      workout_days: workoutDays,
      weekly_distance_bounds: bounds,
      training_principle: input.trainingPrinciple,
      generator: this.name,
      weeks: generated,
    };
    yield { type: 'plan_completed', data: { ...plan, training_plan: planBodyOf(plan) } };
  }
}
