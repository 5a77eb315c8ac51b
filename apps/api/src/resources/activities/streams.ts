/**
 * The streams an answer carries: the types asked for, less those the privacy flags
 * withhold, downsampled with the tracks library (every stream at the same evenly spread
 * points, first and last kept).
 */
import type { Withheld } from './access.js';
import type { ActivityStreams, RecordedStreams, StreamType } from './model.js';
import { STREAM_NAMES, downsample, type TrackStreams } from './tracks/index.js';

/** Every stream type, in the contract's order (the tracks library records the same seven). */
export const streamTypes: readonly StreamType[] = STREAM_NAMES;

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
 * The answer's streams out of the recorded ones (`undefined` for an activity without any).
 *
 * @example
 * ```ts
 * selectStreams('act_1', recorded, { types: ['time', 'latlng'], points: 500, withheld: { map: true, pace: false, training: false } });
 * // { point_count: 2731, points: 500, streams: { time: [...] }, withheld: ["latlng"], ... }
 * ```
 */
export function selectStreams(
  activityId: string,
  recorded: TrackStreams | undefined,
  options: { types: readonly StreamType[]; points: number | undefined; withheld: Withheld },
): ActivityStreams {
  const pointCount = recorded?.time.length ?? 0;
  const picked = recorded !== undefined && options.points !== undefined ? downsample(recorded, options.points) : recorded;
  const streams: RecordedStreams = {};
  const withheld: StreamType[] = [];
  for (const type of options.types) {
    if (isWithheld(type, options.withheld)) withheld.push(type);
    else Object.assign(streams, { [type]: picked?.[type] ?? [] });
  }
  return { activity_id: activityId, point_count: pointCount, points: picked?.time.length ?? 0, streams, withheld };
}
