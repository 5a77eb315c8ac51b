/**
 * The streams an answer carries: the types asked for, less those the privacy flags
 * withhold, each downsampled to the points asked for.
 */
import type { Withheld } from './access.js';
import type { ActivityStreams, RecordedStreams, StreamType } from './model.js';

/** Every stream type, in the contract's order. */
export const streamTypes: readonly StreamType[] = ['time', 'latlng', 'altitude', 'distance', 'heartrate', 'cadence', 'pace'];

/**
 * The types a query names: each value may be a comma-separated list (the contract allows
 * both forms); every type when none is named. Duplicates count once.
 *
 * @example
 * ```ts
 * typesAskedFor(['time,heartrate', 'time']); // ["time", "heartrate"]
 * ```
 */
export function typesAskedFor(values: readonly string[] | undefined): StreamType[] {
  if (values === undefined) return [...streamTypes];
  const named = new Set(values.flatMap((value) => value.split(',')));
  return streamTypes.filter((type) => named.has(type));
}

/** Whether the flags withhold a type from the reader. */
export function isWithheld(type: StreamType, withheld: Withheld): boolean {
  if (type === 'latlng') return withheld.map;
  if (type === 'pace') return withheld.pace;
  if (type === 'heartrate' || type === 'altitude') return withheld.training;
  return false;
}

/**
 * The indexes of `count` points out of `total`, picked evenly by elapsed time (`time`),
 * first and last always kept; every index when `count` is not less than `total`.
 *
 * @example
 * ```ts
 * sampleIndexes([0, 1, 2, 10], 3); // [0, 2, 3]: the point nearest 5 s is index 2
 * ```
 */
export function sampleIndexes(time: readonly number[], count: number): number[] {
  const total = time.length;
  if (count >= total) return time.map((_, i) => i);
  const first = time[0] ?? 0;
  const span = (time[total - 1] ?? first) - first;
  const picked: number[] = [];
  let cursor = 0;
  for (let k = 0; k < count; k++) {
    const target = first + (span * k) / (count - 1);
    while (cursor < total - 1 && Math.abs((time[cursor + 1] ?? 0) - target) < Math.abs((time[cursor] ?? 0) - target)) cursor++;
    // Never the same point twice: each pick moves on from the one before.
    const index = k === count - 1 ? total - 1 : Math.max(cursor, (picked.at(-1) ?? -1) + 1);
    picked.push(Math.min(index, total - 1 - (count - 1 - k)));
  }
  return picked;
}

/**
 * The answer's streams out of the recorded ones.
 *
 * @example
 * ```ts
 * selectStreams('act_1', recorded, 2731, { types: ['time', 'latlng'], points: 500, withheld: { map: true, pace: false, training: false } });
 * // { points: 500, streams: { time: [...] }, withheld: ["latlng"], ... }
 * ```
 */
export function selectStreams(
  activityId: string,
  recorded: RecordedStreams,
  pointCount: number,
  options: { types: readonly StreamType[]; points: number | undefined; withheld: Withheld },
): ActivityStreams {
  const indexes = options.points === undefined ? undefined : sampleIndexes(recorded.time ?? [], options.points);
  const streams: Record<string, unknown[]> = {};
  const withheld: StreamType[] = [];
  for (const type of options.types) {
    if (isWithheld(type, options.withheld)) {
      withheld.push(type);
      continue;
    }
    const values = (recorded[type] ?? []) as unknown[];
    streams[type] = indexes === undefined ? values : indexes.map((i) => values[i]);
  }
  const points = indexes === undefined ? pointCount : indexes.length;
  return { activity_id: activityId, point_count: pointCount, points, streams: streams, withheld };
}
