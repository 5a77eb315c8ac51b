/**
 * The reference generator's week: which run falls on which requested day, how the week's
 * distance is shared among them (exactly: the workouts add up to the week), and each run's
 * content blocks and estimated duration.
 */
import { addDays, dayOfWeek, daysBetween } from './calendar-dates.js';
import type { BlockPace, DayOfWeek, GeneratedWorkout, GeneratedWorkoutBlock, GenerationLevel, GoalRace, TrainingPhase } from './model.js';

type SubType = GeneratedWorkout['sub_type'];

/** Seconds per kilometre at z2 for the level; other zones scale it. */
const easyPace: Record<GenerationLevel, number> = { beginner: 420, intermediate: 345, advanced: 300 };
const zoneFactor: Record<BlockPace, number> = { z1: 1.1, z2: 1, z3: 0.9, z4: 0.85, z5: 0.8, z6: 0.75 };
/** How much of the week a run takes, relative to an easy run. */
const share: Record<Exclude<SubType, 'race'>, number> = { 'easy-run': 1, 'long-run': 2, 'tempo-run': 1.2, 'interval-run': 1.2 };
const names: Record<SubType, string> = {
  'easy-run': 'Easy run',
  'long-run': 'Long run',
  'tempo-run': 'Tempo run',
  'interval-run': 'Intervals',
  race: 'Race',
};
/** Effort and recovery of one interval repeat, by level. */
const repeatOf: Record<GenerationLevel, [number, number]> = { beginner: [400, 200], intermediate: [800, 400], advanced: [1000, 400] };
const roundTo100 = (meters: number) => Math.max(100, Math.round(meters / 100) * 100);

/** The runs of a week on its workout days, in order: the last is long, the first (from build on) is the quality session. */
function subTypesOf(count: number, phase: TrainingPhase, level: GenerationLevel): Exclude<SubType, 'race'>[] {
  const kinds = Array<Exclude<SubType, 'race'>>(count).fill('easy-run');
  if (count >= 2) kinds[count - 1] = 'long-run';
  if (count >= 3 || (count === 2 && phase !== 'base')) {
    if (phase === 'build' || phase === 'taper') kinds[0] = 'tempo-run';
    if (phase === 'peak') kinds[0] = level === 'beginner' ? 'tempo-run' : 'interval-run';
  }
  if (count >= 4 && phase === 'peak' && level !== 'beginner') kinds[1] = 'tempo-run';
  return kinds;
}

function blocksOf(kind: SubType, meters: number, level: GenerationLevel): GeneratedWorkoutBlock[] {
  if (kind === 'easy-run' || kind === 'long-run') return [{ type: 'run', block_distance_in_meters: meters, block_pace: 'z2' }];
  if (kind === 'race') return [{ type: 'run', block_distance_in_meters: meters, block_pace: 'z4' }];
  const warmUp = meters >= 6000 ? 2000 : roundTo100(meters * 0.25);
  let coolDown = meters >= 6000 ? 1500 : roundTo100(meters * 0.2);
  const main = meters - warmUp - coolDown;
  const [effort, recovery] = repeatOf[level];
  const warm: GeneratedWorkoutBlock = { type: 'warm-up', block_distance_in_meters: warmUp, block_pace: 'z1' };
  if (kind === 'interval-run' && main >= effort + recovery) {
    const repeats = Math.min(50, Math.floor(main / (effort + recovery)));
    coolDown += main - repeats * (effort + recovery);
    return [
      warm,
      {
        type: 'interval',
        block_distance_in_meters: repeats * (effort + recovery),
        block_pace: 'z5',
        block_repeat: repeats,
        blocks: [
          { type: 'run', block_distance_in_meters: effort, block_pace: 'z5' },
          { type: 'recovery-run', block_distance_in_meters: recovery, block_pace: 'z1' },
        ],
      },
      { type: 'cool-down', block_distance_in_meters: coolDown, block_pace: 'z1' },
    ];
  }
  if (main < 100) return [{ type: 'run', block_distance_in_meters: meters, block_pace: 'z3' }];
  return [
    warm,
    { type: 'run', block_distance_in_meters: main, block_pace: 'z3' },
    { type: 'cool-down', block_distance_in_meters: coolDown, block_pace: 'z1' },
  ];
}

function workout(date: string, kind: SubType, meters: number, level: GenerationLevel, raceName?: string): GeneratedWorkout {
  const blocks = blocksOf(kind, meters, level);
  const seconds = blocks.reduce(
    (sum, block) => sum + (block.block_distance_in_meters / 1000) * easyPace[level] * zoneFactor[block.block_pace],
    0,
  );
  return {
    date,
    day_of_week: dayOfWeek(date),
    name: raceName ? `Race: ${raceName}` : names[kind],
    type: 'run',
    sub_type: kind,
    target_distance_in_meters: meters,
    target_duration_in_seconds: Math.max(1, Math.round(seconds)),
    blocks,
  };
}

/**
 * The workouts of one week starting `weekStart`: one on each requested day, sharing
 * `meters` exactly; in the goal race's week, those after the race are dropped and the race
 * day is the race (not counted in `distance`).
 */
export function weekWorkouts(options: {
  weekStart: string;
  meters: number;
  phase: TrainingPhase;
  level: GenerationLevel;
  workoutDays: readonly DayOfWeek[];
  goalRace: GoalRace | null;
}): { workouts: GeneratedWorkout[]; distance: number } {
  const { weekStart, phase, level, goalRace } = options;
  const inWeek = (date: string) => daysBetween(weekStart, date) >= 0 && daysBetween(weekStart, date) < 7;
  const raceThisWeek = goalRace && inWeek(goalRace.date) ? goalRace : null;
  const dates = [0, 1, 2, 3, 4, 5, 6]
    .map((offset) => addDays(weekStart, offset))
    .filter((date) => options.workoutDays.includes(dayOfWeek(date)))
    .filter((date) => !raceThisWeek || date < raceThisWeek.date);
  const kinds = subTypesOf(dates.length, phase, level);
  // With the race in the week, the runs before it share what the week would have kept for them.
  const meters = raceThisWeek
    ? Math.round((options.meters * dates.length) / Math.max(1, options.workoutDays.length) / 100) * 100
    : options.meters;
  const total = kinds.reduce((sum, kind) => sum + share[kind], 0);
  const distances = kinds.map((kind) => roundTo100((meters * share[kind]) / total));
  // The largest run absorbs the rounding, so the week adds up to its distance exactly.
  if (distances.length > 0) {
    const largest = distances.indexOf(Math.max(...distances));
    distances[largest]! += meters - distances.reduce((sum, value) => sum + value, 0);
  }
  const workouts = dates.map((date, index) => workout(date, kinds[index]!, distances[index]!, level));
  const distance = distances.reduce((sum, value) => sum + value, 0);
  if (raceThisWeek) {
    workouts.push(workout(raceThisWeek.date, 'race', raceThisWeek.distanceInMeters ?? 10_000, level, raceThisWeek.race_name));
  }
  return { workouts, distance };
}
