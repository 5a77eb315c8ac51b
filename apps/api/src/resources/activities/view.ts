/**
 * An activity as a reader sees it: the stored row without its storage helpers, the fields
 * derived on read (`has_streams`, the average pace), and `null` where the athlete's privacy
 * flags withhold a field from this reader (the summary with any of them: it speaks of all).
 */
import type { Withheld } from './access.js';
import type { Activity, ActivityRow } from './model.js';
import { averagePace } from './summary.js';

/**
 * @example
 * ```ts
 * activityView(row, { map: true, pace: false, training: false }).polyline; // null
 * ```
 */
export function activityView(row: ActivityRow, withheld: Withheld): Activity {
  const { stream_points: streamPoints, start_ms: _startMs, ...fields } = row;
  const training = withheld.training ? { average_heart_rate: null, max_heart_rate: null, elevation_gain_meters: null } : {};
  const anyWithheld = withheld.map || withheld.pace || withheld.training;
  return {
    ...fields,
    ...training,
    has_streams: streamPoints > 0,
    average_pace_seconds_per_km: withheld.pace ? null : averagePace(row),
    polyline: withheld.map ? null : row.polyline,
    summary: anyWithheld ? null : row.summary,
    summary_title: anyWithheld ? null : row.summary_title,
  };
}
