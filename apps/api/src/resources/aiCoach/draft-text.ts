/**
 * The draft as text: a summary, then one line per week (`Week 3 · build · 38 km`) that a
 * coach may edit. Reading it back takes each week's distance from its line; the phases stay
 * the rules' (they must stay in order), and a line that does not parse is left to the rules.
 */
import { addDays } from './calendar-dates.js';
import type { GenerationInput, TrainingPhase } from './model.js';
import type { DistanceBounds } from './periodization.js';

const km = (meters: number) => `${Number((meters / 1000).toFixed(1))} km`;

export function weekLine(week: number, phase: TrainingPhase, meters: number): string {
  return `Week ${week} · ${phase} · ${km(meters)}`;
}

/** The draft's lines (each without its newline). */
export function draftLines(
  input: GenerationInput,
  weeks: ReadonlyArray<{ phase: TrainingPhase; meters: number }>,
  bounds: DistanceBounds,
): string[] {
  const { request, goalRace, trainingPrinciple } = input;
  const end = goalRace?.date ?? addDays(request.start_date, request.weeks * 7 - 1);
  const runs = request.workout_days.length;
  const lines = [
    `${request.weeks}-week ${request.level} plan, ${runs} run${runs === 1 ? '' : 's'} a week (${request.workout_days.join(', ')}), ` +
      `${request.start_date} to ${end}${goalRace ? `, ending with ${goalRace.race_name} on ${goalRace.date}` : ''}.`,
  ];
  if (trainingPrinciple.text) lines.push(`Training principle (${trainingPrinciple.source}): ${trainingPrinciple.text}`);
  if (request.additional_prompt) lines.push(`Coach's notes: ${request.additional_prompt}`);
  lines.push(`Every week between ${km(bounds.min_in_meters)} and ${km(bounds.max_in_meters)}.`, '');
  weeks.forEach(({ phase, meters }, index) => lines.push(weekLine(index + 1, phase, meters)));
  return lines;
}

/** The weekly distances an edited draft names, by week number (1-based), in meters. */
export function editedDistances(draft: string): Map<number, number> {
  const distances = new Map<number, number>();
  for (const match of draft.matchAll(/^\s*Week\s+(\d{1,2})\s*·[^·\n]*·\s*(\d{1,3}(?:\.\d)?)\s*km\s*$/gim)) {
    distances.set(Number(match[1]), Math.round(Number(match[2]) * 10) * 100);
  }
  return distances;
}
