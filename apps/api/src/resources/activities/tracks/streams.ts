import { measureTrack, STILL_SPEED_M_S } from './measure-track.js';
import type { TrackPoint } from './track-point.js';

/**
 * Per-point series of a track, all of the same length and aligned by index (a chart's x axis is
 * `time` or `distance`). A point without a value has `null` in that series.
 */
export type TrackStreams = {
  /** Seconds since the first point. */
  time: number[];
  /** [lat, lon] in degrees, as recorded (not smoothed). */
  latlng: [number, number][];
  /** Metres. */
  altitude: (number | null)[];
  /** Cumulative metres, as the summary counts them: its last value is the summary's distance. */
  distance: number[];
  /** Beats per minute. */
  heartrate: (number | null)[];
  /** Strides per minute. */
  cadence: (number | null)[];
  /** Seconds per kilometre over PACE_WINDOW_MS either side of the point, 0.1 s; null while standing still. */
  pace: (number | null)[];
};

export type StreamName = keyof TrackStreams;
export const STREAM_NAMES: readonly StreamName[] = ['time', 'latlng', 'altitude', 'distance', 'heartrate', 'cadence', 'pace'];

/** Pace is distance over a centred 30 s window: a 1 Hz point-to-point pace jumps by a minute per km. */
export const PACE_WINDOW_MS = 15_000;

export function computeStreams(points: TrackPoint[]): TrackStreams {
  const start = points[0]?.time ?? 0;
  const { distance } = measureTrack(points);
  return {
    time: points.map((point) => (point.time - start) / 1000),
    latlng: points.map((point) => [point.lat, point.lon]),
    altitude: points.map((point) => point.altitude ?? null),
    distance: Array.from(distance, (metres) => Math.round(metres * 10) / 10),
    heartrate: points.map((point) => point.heartRate ?? null),
    cadence: points.map((point) => point.cadence ?? null),
    pace: smoothedPace(points, distance),
  };
}

function smoothedPace(points: TrackPoint[], distance: Float64Array): (number | null)[] {
  const pace: (number | null)[] = [];
  let from = 0;
  let to = 0;
  for (let i = 0; i < points.length; i++) {
    const time = points[i]!.time;
    while (points[from]!.time < time - PACE_WINDOW_MS) from++;
    while (to + 1 < points.length && points[to + 1]!.time <= time + PACE_WINDOW_MS) to++;
    const seconds = (points[to]!.time - points[from]!.time) / 1000;
    const speed = seconds > 0 ? (distance[to]! - distance[from]!) / seconds : 0;
    pace.push(speed >= STILL_SPEED_M_S ? Math.round((1000 / speed) * 10) / 10 : null);
  }
  return pace;
}

/**
 * The streams at n indices spread evenly over the track (the first and the last always among
 * them), every series at the same indices so they stay aligned. Why not LTTB: it picks the
 * indices that keep one series' shape, and the streams share one x axis, so the indices would
 * suit one chart and bias the others; pace is already smoothed over 30 s and a 1 Hz track
 * thinned to a chart's width loses no visible feature of altitude or heart rate.
 */
export function downsample(streams: TrackStreams, n: number): TrackStreams {
  const length = streams.time.length;
  if (!Number.isInteger(n) || n < 2) throw new RangeError('downsample needs n >= 2.');
  const indices = evenIndices(length, n);
  const pick = <T>(series: T[]): T[] => indices.map((index) => series[index]!);
  return {
    time: pick(streams.time),
    latlng: pick(streams.latlng),
    altitude: pick(streams.altitude),
    distance: pick(streams.distance),
    heartrate: pick(streams.heartrate),
    cadence: pick(streams.cadence),
    pace: pick(streams.pace),
  };
}

/** min(n, length) distinct indices from 0 to length - 1, evenly spaced and increasing. */
export function evenIndices(length: number, n: number): number[] {
  if (length <= n) return Array.from({ length }, (_, index) => index);
  return Array.from({ length: n }, (_, k) => Math.round((k * (length - 1)) / (n - 1)));
}
