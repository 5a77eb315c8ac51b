// The rule-based plan generator's invariants over a grid of requests: the number of weeks,
// phases in order, workouts only on the chosen days (and the race day), each week's distance
// within the stated bounds and equal to its workouts, a taper before the goal race; the draft
// read back, edited distances honoured within the bounds, determinism, and the abort signal.
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysOfWeek } from '../src/resources/aiCoach/calendar-dates.js';
import type {
  DayOfWeek,
  DraftStep,
  GeneratedPlan,
  GenerationInput,
  GenerationLevel,
  GoalRace,
  PlanStep,
} from '../src/resources/aiCoach/model.js';
import { phasesOf, weeklyBounds } from '../src/resources/aiCoach/periodization.js';
import { RuleBasedPlanGenerator } from '../src/resources/aiCoach/rule-based-generator.js';
import { raceDistanceOf } from '../src/resources/aiCoach/service.js';

const generator = new RuleBasedPlanGenerator(() => new Date('2026-02-20T09:30:00Z'));
const never = new AbortController().signal;
const phaseOrder = ['base', 'build', 'peak', 'taper'];

async function all<T>(steps: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const step of steps) out.push(step);
  return out;
}

function input(options: {
  weeks: number;
  level: GenerationLevel;
  days: DayOfWeek[];
  start?: string;
  raceOffset?: number | null;
}): GenerationInput {
  const start = options.start ?? '2026-03-04'; // a Wednesday: weeks need not start on Monday
  const goalRace: GoalRace | null =
    options.raceOffset === null || options.raceOffset === undefined
      ? null
      : {
          race_id: 'race_goal',
          race_name: 'Goal 10K',
          date: addDays(start, (options.weeks - 1) * 7 + options.raceOffset),
          distanceInMeters: 10_000,
        };
  return {
    request: { weeks: options.weeks, level: options.level, start_date: start, workout_days: options.days, org_id: 'org_alpineclub' },
    goalRace,
    trainingPrinciple: { text: null, source: 'none' },
  };
}

async function planOf(generation: GenerationInput, refinedDraft = 'no edits here'): Promise<GeneratedPlan> {
  const steps = await all(generator.plan({ ...generation, refinedDraft }, never));
  const last = steps.at(-1);
  if (last?.type !== 'plan_completed') throw new Error('no plan');
  return last.data;
}

const daySets: DayOfWeek[][] = [['sunday'], ['tuesday', 'saturday'], ['monday', 'wednesday', 'friday', 'sunday'], [...daysOfWeek]];
const grid = (['beginner', 'intermediate', 'advanced'] as const).flatMap((level) =>
  [1, 2, 3, 8, 16, 52].flatMap((weeks) =>
    daySets.flatMap((days) => [null, 0, 6].map((raceOffset) => ({ level, weeks, days, raceOffset }))),
  ),
);

describe('RuleBasedPlanGenerator: plan invariants', () => {
  it(`holds for every one of the grid's requests`, async () => {
    expect(grid.length).toBeGreaterThan(200);
    for (const cell of grid) {
      const generation = input(cell);
      const plan = await planOf(generation);
      const where = JSON.stringify(cell);
      const bounds = weeklyBounds[cell.level];
      // The number of weeks, numbered from 1, each 7 days after the last.
      expect(
        plan.weeks.map((week) => week.week),
        where,
      ).toEqual(Array.from({ length: cell.weeks }, (_, i) => i + 1));
      expect(
        plan.weeks.map((week) => week.start_date),
        where,
      ).toEqual(plan.weeks.map((_, i) => addDays('2026-03-04', i * 7)));
      // Phases never go back: base, build, peak, taper.
      const order = plan.weeks.map((week) => phaseOrder.indexOf(week.phase));
      expect(order, where).toEqual([...order].sort((a, b) => a - b));
      expect(plan.weekly_distance_bounds).toEqual(bounds);
      const race = generation.goalRace;
      for (const week of plan.weeks) {
        const training = week.workouts.filter((workout) => workout.sub_type !== 'race');
        // Only the chosen days; the race day is the one exception.
        for (const workout of training) expect(cell.days, where).toContain(workout.day_of_week);
        for (const workout of week.workouts) {
          expect(dayOfWeek(workout.date)).toBe(workout.day_of_week);
          expect(workout.date >= week.start_date && workout.date <= addDays(week.start_date, 6), where).toBe(true);
          // Each workout is the sum of its blocks (an interval's distance is its repeats').
          expect(workout.blocks.reduce((sum, block) => sum + block.block_distance_in_meters, 0)).toBe(workout.target_distance_in_meters);
          for (const block of workout.blocks.filter((b) => b.type === 'interval')) {
            expect(block.blocks!.reduce((sum, step) => sum + step.block_distance_in_meters, 0) * block.block_repeat!).toBe(
              block.block_distance_in_meters,
            );
          }
        }
        // The week's distance is its training, and stays within the bounds (the race week at most the maximum).
        expect(week.distance_in_meters).toBe(training.reduce((sum, workout) => sum + workout.target_distance_in_meters, 0));
        expect(week.distance_in_meters, where).toBeLessThanOrEqual(bounds.max_in_meters);
        const raceWeek = race !== null && week.week === cell.weeks;
        if (!raceWeek) {
          expect(week.distance_in_meters, where).toBeGreaterThanOrEqual(bounds.min_in_meters);
          expect(training.length, where).toBe(cell.days.length);
        }
      }
      if (race) {
        // A taper before the goal race: the last week(s) are taper, the race is the last workout.
        expect(plan.weeks.at(-1)!.phase, where).toBe('taper');
        const workouts = plan.weeks.flatMap((week) => week.workouts);
        expect(workouts.at(-1), where).toMatchObject({ sub_type: 'race', date: race.date });
        expect(workouts.filter((workout) => workout.date > race.date)).toEqual([]);
        expect(plan.end_date).toBe(race.date);
        if (cell.weeks >= 2) {
          const taper = plan.weeks.filter((week) => week.phase === 'taper');
          const before = plan.weeks[plan.weeks.length - taper.length - 1]!;
          expect(taper[0]!.distance_in_meters, where).toBeLessThanOrEqual(Math.max(before.distance_in_meters, bounds.min_in_meters));
        }
      } else {
        expect(
          plan.weeks.some((week) => week.phase === 'taper'),
          where,
        ).toBe(false);
        expect(plan.goal_race).toBeNull();
      }
    }
  });

  it('has every phase in a long plan with a goal race, two taper weeks from eight weeks on', () => {
    const sixteen = phasesOf(16, true);
    expect(new Set(sixteen)).toEqual(new Set(['base', 'build', 'peak', 'taper']));
    expect(sixteen.slice(-2)).toEqual(['taper', 'taper']);
    expect(phasesOf(7, true).filter((phase) => phase === 'taper')).toHaveLength(1);
    expect(phasesOf(1, true)).toEqual(['taper']);
    expect(phasesOf(1, false)).toEqual(['base']);
  });

  it('is deterministic: the same request gives the same plan', async () => {
    const generation = input({ weeks: 12, level: 'intermediate', days: ['tuesday', 'thursday', 'sunday'], raceOffset: 4 });
    expect(await planOf(generation)).toEqual(await planOf(generation));
  });
});

describe('RuleBasedPlanGenerator: the draft', () => {
  const generation = input({ weeks: 6, level: 'beginner', days: ['tuesday', 'saturday'], raceOffset: 3 });

  it('streams the draft line by line; the lines joined are the draft, one per week', async () => {
    const steps: DraftStep[] = await all(generator.draft(generation, never));
    expect(steps[0]).toEqual({ type: 'draft_started', generator: 'rule-based-periodization/1' });
    const completed = steps.at(-1)!;
    if (completed.type !== 'draft_completed') throw new Error('no draft');
    const chunks = steps.flatMap((step) => (step.type === 'draft_chunk' ? [step.text] : []));
    expect(chunks.join('')).toBe(completed.data.draft);
    expect(completed.data.draft.match(/^Week \d+ · \w+ · [\d.]+ km$/gm)).toHaveLength(6);
    expect(completed.data.draft).toContain('ending with Goal 10K');
  });

  it('honours an edited week distance, clamped to the bounds, and leaves the phases to the rules', async () => {
    const draft = (await all(generator.draft(generation, never))).at(-1) as Extract<DraftStep, { type: 'draft_completed' }>;
    const edited = draft.data.draft
      .replace(/^Week 2 · (\w+) · [\d.]+ km$/m, 'Week 2 · peak · 17 km')
      .replace(/^Week 3 · (\w+) · [\d.]+ km$/m, 'Week 3 · $1 · 300 km');
    const plan = await planOf(generation, edited);
    const rules = await planOf(generation, draft.data.draft);
    expect(plan.weeks[1]).toMatchObject({ distance_in_meters: 17_000, phase: rules.weeks[1]!.phase });
    expect(plan.weeks[2]!.distance_in_meters).toBe(weeklyBounds.beginner.max_in_meters);
    expect(plan.weeks[0]).toEqual(rules.weeks[0]);
  });
});

describe('RuleBasedPlanGenerator: stopping', () => {
  it('stops producing weeks once the signal is aborted', async () => {
    const controller = new AbortController();
    const seen: PlanStep[] = [];
    for await (const step of generator.plan(
      { ...input({ weeks: 20, level: 'advanced', days: ['monday'] }), refinedDraft: 'none at all' },
      controller.signal,
    )) {
      seen.push(step);
      if (step.type === 'plan_week' && step.week.week === 3) controller.abort();
    }
    expect(seen.map((step) => step.type)).toEqual(['plan_started', 'plan_week', 'plan_week', 'plan_week']);
  });
});

describe('raceDistanceOf', () => {
  it('reads the common distances from a race subtype, and none from others', () => {
    expect([
      raceDistanceOf('marathon'),
      raceDistanceOf('Half-Marathon'),
      raceDistanceOf('10k'),
      raceDistanceOf('5 km'),
      raceDistanceOf('sprint-triathlon'),
    ]).toEqual([42_195, 21_097, 10_000, 5_000, null]);
  });
});
