/**
 * An activity's metrics, route and streams from a recorded track (the tracks library's
 * points): what the development seed stores, and what an imported device file would.
 * Cadence is recorded in strides (one foot) per minute, as Garmin writes it; the API speaks of
 * steps, so foot sports double it.
 */
import type { ActivityRow } from './model.js';
import { computeStreams, encodePolyline, summarizeTrack, type TrackPoint, type TrackStreams } from './tracks/index.js';

/** The columns a track decides. */
export type TrackColumns = Pick<
  ActivityRow,
  | 'start_time'
  | 'start_ms'
  | 'duration_seconds'
  | 'distance_meters'
  | 'moving_time_seconds'
  | 'elevation_gain_meters'
  | 'average_heart_rate'
  | 'max_heart_rate'
  | 'average_cadence'
  | 'polyline'
  | 'stream_points'
>;

/**
 * @example
 * ```ts
 * const { columns, streams } = recordedTrack(generateRoute({ seed: 1, start, distance_m: 8000, pace_s_per_km: 330 }), 'run');
 * columns.distance_meters; // about 8000
 * ```
 */
export function recordedTrack(
  points: TrackPoint[],
  activityType: ActivityRow['activity_type'],
): { columns: TrackColumns; streams: TrackStreams } {
  const summary = summarizeTrack(points);
  const stepsPerStride = activityType === 'run' || activityType === 'walk' || activityType === 'hike' ? 2 : 1;
  const streams = computeStreams(points);
  const startMs = points[0]!.time;
  return {
    columns: {
      start_time: new Date(startMs).toISOString().replace('.000Z', 'Z'),
      start_ms: startMs,
      duration_seconds: summary.elapsed_time_s,
      distance_meters: summary.distance_m,
      moving_time_seconds: summary.moving_time_s,
      elevation_gain_meters: summary.elevation_gain_m,
      average_heart_rate: summary.average_heart_rate ?? null,
      max_heart_rate: summary.max_heart_rate ?? null,
      average_cadence: summary.average_cadence === undefined ? null : summary.average_cadence * stepsPerStride,
      polyline: encodePolyline(points),
      stream_points: points.length,
    },
    streams: { ...streams, cadence: streams.cadence.map((value) => (value === null ? null : value * stepsPerStride)) },
  };
}
