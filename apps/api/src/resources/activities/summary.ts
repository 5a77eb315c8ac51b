/**
 * The coaching summary of an activity: a `Summarizer` takes the metrics and writes a short
 * headline and text. The contract promises one for every completed activity of 3 km or more;
 * the reference implementation is `ruleSummarizer`, plain rules over the numbers, and a
 * language model could implement the same interface later.
 */
import type { ActivityRow } from './model.js';

/** The metrics a summary is written from. */
export type SummaryInput = Pick<
  ActivityRow,
  | 'activity_type'
  | 'status'
  | 'duration_seconds'
  | 'distance_meters'
  | 'moving_time_seconds'
  | 'elevation_gain_meters'
  | 'average_heart_rate'
  | 'max_heart_rate'
>;

export interface Summary {
  title: string;
  text: string;
}

/** Writes the summary of an activity that qualifies (see {@link qualifiesForSummary}). */
export interface Summarizer {
  summarize(activity: SummaryInput): Summary;
}

/** The contract's threshold: 3 km. */
export const SUMMARY_MIN_METERS = 3000;

/**
 * Whether the contract promises a summary: `completed` and at least 3 km.
 *
 * @example
 * ```ts
 * qualifiesForSummary({ status: 'completed', distance_meters: 3000 }); // true
 * ```
 */
export function qualifiesForSummary(activity: Pick<SummaryInput, 'status' | 'distance_meters'>): boolean {
  return activity.status === 'completed' && activity.distance_meters !== null && activity.distance_meters >= SUMMARY_MIN_METERS;
}

/**
 * `mm:ss` or `h:mm:ss`.
 *
 * @example
 * ```ts
 * clock(2730); // "45:30"
 * ```
 */
export function clock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/**
 * Seconds per kilometre: the moving time (or the duration) over the distance; `null` without
 * a distance of at least 1 m (below it a pace means nothing, and would exceed the contract's bound).
 *
 * @example
 * ```ts
 * averagePace({ distance_meters: 10000, moving_time_seconds: 3000, duration_seconds: 3100 }); // 300
 * ```
 */
export function averagePace(activity: Pick<SummaryInput, 'distance_meters' | 'moving_time_seconds' | 'duration_seconds'>): number | null {
  if (activity.distance_meters === null || activity.distance_meters < 1) return null;
  const seconds = activity.moving_time_seconds ?? activity.duration_seconds;
  return Math.round((seconds / (activity.distance_meters / 1000)) * 10) / 10;
}

const sportNoun: Record<SummaryInput['activity_type'], string> = {
  run: 'run',
  bike: 'ride',
  swim: 'swim',
  walk: 'walk',
  hike: 'hike',
  workout: 'workout',
};

/** How the effort reads from heart rate (bpm): easy below 140, steady to 160, hard above. */
function effortOf(heartRate: number | null): { word: string; advice: string } {
  if (heartRate === null) return { word: 'Steady', advice: 'Wear a heart-rate monitor to see how hard it was.' };
  if (heartRate < 140) return { word: 'Easy', advice: 'An easy aerobic effort that builds the base.' };
  if (heartRate <= 160) return { word: 'Steady', advice: 'A solid aerobic effort.' };
  return { word: 'Hard', advice: 'A hard effort: plan an easy day next.' };
}

/**
 * The reference summarizer: the distance, time and pace, the heart rate and climb when
 * known, and one sentence of advice chosen by the average heart rate.
 *
 * @example
 * ```ts
 * ruleSummarizer.summarize({ activity_type: 'run', distance_meters: 8042.5, moving_time_seconds: 2655, ... }).title;
 * // "Steady 8 km run"
 * ```
 */
export const ruleSummarizer: Summarizer = {
  summarize(activity) {
    const km = (activity.distance_meters ?? 0) / 1000;
    const effort = effortOf(activity.average_heart_rate);
    const parts = [`${km.toFixed(2)} km in ${clock(activity.duration_seconds)}`];
    const pace = averagePace(activity);
    if (pace !== null && (activity.activity_type === 'run' || activity.activity_type === 'walk' || activity.activity_type === 'hike')) {
      parts.push(`at ${clock(pace)} /km`);
    }
    if (activity.average_heart_rate !== null) parts.push(`average heart rate ${activity.average_heart_rate} bpm`);
    if (activity.elevation_gain_meters !== null && activity.elevation_gain_meters >= 1) {
      parts.push(`${Math.round(activity.elevation_gain_meters)} m of climbing`);
    }
    return {
      title: `${effort.word} ${Math.round(km)} km ${sportNoun[activity.activity_type]}`,
      text: `${parts.join(', ')}. ${effort.advice}`,
    };
  },
};

/**
 * The row with its summary written, or cleared when it does not qualify (any longer).
 *
 * @example
 * ```ts
 * withSummary({ ...row, status: 'skipped' }).summary; // null
 * ```
 */
export function withSummary<Row extends SummaryInput & { summary: string | null; summary_title: string | null }>(
  row: Row,
  summarizer: Summarizer = ruleSummarizer,
): Row {
  if (!qualifiesForSummary(row)) return { ...row, summary: null, summary_title: null };
  const summary = summarizer.summarize(row);
  return { ...row, summary: summary.text, summary_title: summary.title };
}
