import { measureTrack } from './measure-track.js';
import type { TrackPoint } from './track-point.js';

/** What an activity stores from its track; rounded to what a device can honestly measure. */
export type TrackSummary = {
  /** Metres, 0.1 m. */
  distance_m: number;
  /** Seconds in motion (pauses and gaps excluded; measure-track.ts says how), whole seconds. */
  moving_time_s: number;
  /** Seconds from the first to the last point, whole seconds. */
  elapsed_time_s: number;
  /** Metres climbed, with a hysteresis of ELEVATION_HYSTERESIS_M; 0 without altitudes. 0.1 m. */
  elevation_gain_m: number;
  /** Moving time per kilometre, 0.1 s; null when the track covers no distance. */
  average_pace_s_per_km: number | null;
  /** ISO 8601 UTC time of the first point. */
  start_time: string;
  /** ISO 8601 UTC time of the last point. */
  end_time: string;
  point_count: number;
  /** Present when any point has a heart rate: the maximum, and the mean of the samples (whole bpm). */
  max_heart_rate?: number;
  average_heart_rate?: number;
  /** Present when any point has a cadence: the mean of the samples (whole strides per minute). */
  average_cadence?: number;
};

/**
 * Elevation gain counts a climb only once the altitude has risen this far above the lowest point
 * since the last descent, and ends it only after a drop of as much (a Schmitt trigger): GPS and
 * barometric noise of a metre or two in either direction adds nothing, a real climb counts from
 * its trough to its peak.
 */
export const ELEVATION_HYSTERESIS_M = 3;

/** Metrics of a validated track (two or more points, in time order: what the parsers return). */
export function summarizeTrack(points: TrackPoint[]): TrackSummary {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined || points.length < 2) throw new RangeError('summarizeTrack needs at least two points.');
  const { distance, movingMs } = measureTrack(points);
  const distanceM = distance[distance.length - 1]!;
  const movingS = Math.round(movingMs / 1000);
  const summary: TrackSummary = {
    distance_m: round(distanceM, 1),
    moving_time_s: movingS,
    elapsed_time_s: Math.round((last.time - first.time) / 1000),
    elevation_gain_m: round(elevationGain(points.map((point) => point.altitude)), 1),
    average_pace_s_per_km: distanceM >= 1 ? round(movingS / (distanceM / 1000), 1) : null,
    start_time: new Date(first.time).toISOString(),
    end_time: new Date(last.time).toISOString(),
    point_count: points.length,
  };
  const heartRates = present(points.map((point) => point.heartRate));
  if (heartRates.length > 0) {
    summary.max_heart_rate = heartRates.reduce((max, value) => Math.max(max, value));
    summary.average_heart_rate = Math.round(mean(heartRates));
  }
  const cadences = present(points.map((point) => point.cadence));
  if (cadences.length > 0) summary.average_cadence = Math.round(mean(cadences));
  return summary;
}

/** Sum of the climbs (trough to peak) of at least ELEVATION_HYSTERESIS_M; missing altitudes are skipped. */
export function elevationGain(altitudes: (number | undefined)[]): number {
  let gain = 0;
  let reference: number | undefined;
  // Start as if descending, so a climb from a dip just after the start counts from the dip.
  let climbing = false;
  for (const altitude of altitudes) {
    if (altitude === undefined) continue;
    if (reference === undefined) reference = altitude;
    else if (climbing ? altitude > reference : altitude - reference >= ELEVATION_HYSTERESIS_M) {
      gain += altitude - reference;
      reference = altitude;
      climbing = true;
    } else if (climbing ? reference - altitude >= ELEVATION_HYSTERESIS_M : altitude < reference) {
      reference = altitude;
      climbing = false;
    }
  }
  return gain;
}

const present = (values: (number | undefined)[]): number[] => values.filter((value): value is number => value !== undefined);
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;
