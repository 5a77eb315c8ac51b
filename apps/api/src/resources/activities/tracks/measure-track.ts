import { haversine } from './geo.js';
import type { TrackPoint } from './track-point.js';

/**
 * How GPS noise and pauses are handled (the summary and the streams share this, so the
 * distance stream ends at the summary's distance):
 * - Positions are smoothed by a centred 5-point moving average; the window shrinks symmetrically
 *   at the ends, so the first and last points stay put and a straight, evenly sampled line is
 *   unchanged. It takes most of the zig-zag that 1 Hz GPS jitter adds to the distance.
 * - Distance is the haversine sum over the smoothed positions.
 * - A segment longer than GAP_MS (the watch stopped recording: auto-pause, a lost fix) is a gap:
 *   its distance counts (the athlete did get there), its time is not moving time.
 * - A segment is standing still when the displacement (not the path length, so jitter does not
 *   add up) across a window of WINDOW_MS either side of it is slower than STILL_SPEED_M_S: its
 *   distance and time count for nothing. Up to ~4 s at each end of a stop still count as moving.
 */
export const GAP_MS = 30_000;
export const WINDOW_MS = 5_000;
export const STILL_SPEED_M_S = 0.5;
const SMOOTHING_HALF_WIDTH = 2;

export type SegmentKind = 'moving' | 'still' | 'gap';

export type TrackMeasure = {
  /** Cumulative distance in metres at each point (0 at the first). */
  distance: Float64Array;
  /** Kind of the segment ending at each point (index 0 has none and is 'still'). */
  kinds: SegmentKind[];
  /** Sum of the moving segments' durations, in milliseconds. */
  movingMs: number;
};

export function measureTrack(points: TrackPoint[]): TrackMeasure {
  const n = points.length;
  const [lat, lon] = smoothPositions(points);
  const distance = new Float64Array(n);
  const kinds: SegmentKind[] = new Array<SegmentKind>(n).fill('still');
  let movingMs = 0;
  let windowStart = 0;
  let windowEnd = 0;
  for (let i = 1; i < n; i++) {
    const dt = points[i]!.time - points[i - 1]!.time;
    const step = haversine(lat[i - 1]!, lon[i - 1]!, lat[i]!, lon[i]!);
    // Two pointers: the window is [time[i-1] - WINDOW_MS, time[i] + WINDOW_MS].
    while (points[windowStart]!.time < points[i - 1]!.time - WINDOW_MS) windowStart++;
    if (windowEnd < i) windowEnd = i;
    while (windowEnd + 1 < n && points[windowEnd + 1]!.time <= points[i]!.time + WINDOW_MS) windowEnd++;
    let kind: SegmentKind;
    if (dt > GAP_MS) kind = 'gap';
    else {
      const span = (points[windowEnd]!.time - points[windowStart]!.time) / 1000;
      const displacement = haversine(lat[windowStart]!, lon[windowStart]!, lat[windowEnd]!, lon[windowEnd]!);
      kind = span > 0 && displacement / span >= STILL_SPEED_M_S ? 'moving' : 'still';
    }
    kinds[i] = kind;
    if (kind === 'moving') movingMs += dt;
    distance[i] = distance[i - 1]! + (kind === 'still' ? 0 : step);
  }
  return { distance, kinds, movingMs };
}

function smoothPositions(points: TrackPoint[]): [Float64Array, Float64Array] {
  const n = points.length;
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const half = Math.min(SMOOTHING_HALF_WIDTH, i, n - 1 - i);
    let sumLat = 0;
    let sumLon = 0;
    for (let j = i - half; j <= i + half; j++) {
      sumLat += points[j]!.lat;
      sumLon += points[j]!.lon;
    }
    lat[i] = sumLat / (2 * half + 1);
    lon[i] = sumLon / (2 * half + 1);
  }
  return [lat, lon];
}
