/**
 * The rules of the reference generator's periodization, pure: which phase each week is in,
 * how far each week goes, and the level's bounds every week keeps. The contract states the
 * bounds (`GeneratedPlan.weekly_distance_bounds`); the tests check every plan against them.
 */
import type { GenerationLevel, PlanLevel, TrainingPhase } from './model.js';

export interface DistanceBounds {
  min_in_meters: number;
  max_in_meters: number;
}

/** The level in the plan vocabulary (Decisions: the AI coach's `beginner` is the plan's `basic`). */
export const planLevelOf: Record<GenerationLevel, PlanLevel> = { beginner: 'basic', intermediate: 'intermediate', advanced: 'advanced' };

export const weeklyBounds: Record<GenerationLevel, DistanceBounds> = {
  beginner: { min_in_meters: 10_000, max_in_meters: 40_000 },
  intermediate: { min_in_meters: 20_000, max_in_meters: 70_000 },
  advanced: { min_in_meters: 40_000, max_in_meters: 120_000 },
};

/** The first week's distance with four runs a week; fewer or more runs scale it. */
const firstWeek: Record<GenerationLevel, number> = { beginner: 15_000, intermediate: 30_000, advanced: 50_000 };
const weeklyGrowth = 1.07;
/** Every fourth week of base and build is an easier one, for recovery. */
const recoveryWeekShare = 0.8;

export const clampToBounds = (meters: number, bounds: DistanceBounds) =>
  Math.min(bounds.max_in_meters, Math.max(bounds.min_in_meters, meters));

/**
 * The phase of each week, in order: base, build, peak, and with a goal race a taper (two
 * weeks from eight weeks on, else one). A short plan drops peak, then build.
 */
export function phasesOf(weeks: number, hasGoalRace: boolean): TrainingPhase[] {
  const taper = hasGoalRace ? (weeks >= 8 ? 2 : 1) : 0;
  const rest = weeks - taper;
  const peak = rest >= 6 ? 2 : rest >= 4 ? 1 : 0;
  const build = rest >= 2 ? Math.max(1, Math.round((rest - peak) * 0.4)) : 0;
  const base = rest - peak - build;
  return [
    ...Array<TrainingPhase>(base).fill('base'),
    ...Array<TrainingPhase>(build).fill('build'),
    ...Array<TrainingPhase>(peak).fill('peak'),
    ...Array<TrainingPhase>(taper).fill('taper'),
  ];
}

/** Each week's planned distance in meters (whole kilometres), every one within the level's bounds. */
export function weeklyDistances(phases: readonly TrainingPhase[], level: GenerationLevel, workoutDays: number): number[] {
  const bounds = weeklyBounds[level];
  const distances: number[] = [];
  let load = firstWeek[level] * (0.6 + 0.1 * workoutDays);
  let lastLoad = load;
  phases.forEach((phase, index) => {
    let meters: number;
    if (phase === 'taper') {
      const tapersLeft = phases.length - index;
      meters = lastLoad * (tapersLeft >= 2 ? 0.75 : 0.55);
    } else {
      const recovery = phase !== 'peak' && index % 4 === 3;
      meters = recovery ? load * recoveryWeekShare : load;
      if (!recovery) load *= weeklyGrowth;
      lastLoad = meters;
    }
    distances.push(clampToBounds(Math.round(meters / 1000) * 1000, bounds));
  });
  return distances;
}
