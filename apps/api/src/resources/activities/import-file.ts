/**
 * A device file made an activity's row and streams: parsed by the tracks library (GPX or FIT,
 * by the request's media type), measured like any recorded track (recorded-track.ts) and
 * checked against the bounds the contract gives an activity's metrics (a 30-hour file, a GPS
 * jump of 2,000 km). A file the library refuses is a 400 with the library's own code, which
 * the contract's error catalogue lists (`TrackFileError`): nothing is stored.
 */
import { contract, type JsonNode } from '@astral/openapi/contract';
import type { operationTable } from '@astral/openapi';
import { resolveRef } from '@astral/openapi/reader';
import { ApiError, type QueryParams } from '@astral/server';
import { randomId } from '../../domain/ids.js';
import type { ActivityRow } from './model.js';
import { recordedTrack, type TrackColumns } from './recorded-track.js';
import { parseFit, parseGpx, TrackFileError, type TrackPoint, type TrackStreams } from './tracks/index.js';

/** The query of an import, as the server hands it over. */
export type ImportQuery = QueryParams<'importActivity'>;

/** The media types the contract lets a file be sent as. */
export type DeviceFileType = (typeof operationTable)['importActivity']['requestContentTypes'][number];

/** The uploaded bytes and what the caller said they are. */
export interface DeviceFile {
  bytes: Uint8Array;
  mediaType: DeviceFileType;
}

/** One parser per media type of the contract: a type added there is a compile error here until it is read. */
const parsers: Record<DeviceFileType, (bytes: Uint8Array) => TrackPoint[]> = {
  'application/gpx+xml': parseGpx,
  'application/vnd.ant.fit': parseFit,
};

/** The title when the caller gives none: the sport and the start date. */
const sportNames: Record<ActivityRow['activity_type'], string> = {
  run: 'Run',
  bike: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  workout: 'Workout',
};

/** The columns a track decides that the contract bounds, with their `minimum`/`maximum` read from the Activity schema. */
const boundedColumns = [
  'duration_seconds',
  'distance_meters',
  'moving_time_seconds',
  'elevation_gain_meters',
  'average_heart_rate',
  'max_heart_rate',
  'average_cadence',
] as const satisfies ReadonlyArray<keyof TrackColumns>;

const activitySchema = resolveRef<{ properties: Record<string, JsonNode> }>(contract, { $ref: '#/components/schemas/Activity' });
const bounds = boundedColumns.map((column) => {
  const schema = resolveRef<{ minimum?: number; maximum?: number }>(contract, activitySchema.properties[column]);
  if (schema.minimum === undefined || schema.maximum === undefined) throw new Error(`The contract gives Activity.${column} no bounds`);
  return { column, minimum: schema.minimum, maximum: schema.maximum };
});

/** The track's points, or the 400 that says why the file cannot be read. */
function pointsOf(file: DeviceFile): TrackPoint[] {
  try {
    return parsers[file.mediaType](file.bytes);
  } catch (error) {
    // TrackFileError's codes are ErrorCode values: the contract's catalogue lists each one.
    if (error instanceof TrackFileError) throw new ApiError(error.code, { message: error.message, cause: error });
    throw error;
  }
}

/** A metric outside what an activity may hold is a 400 naming it: the file is not one activity. */
function checkBounds(columns: TrackColumns): void {
  for (const { column, minimum, maximum } of bounds) {
    const value = columns[column];
    if (value === null || (value >= minimum && value <= maximum)) continue;
    throw new ApiError('VALIDATION_ERROR', {
      message: `The file's track gives ${column} ${value}, outside the ${minimum} to ${maximum} an activity may have`,
      field: column,
    });
  }
}

/**
 * The new activity's row (its summary not yet written) and its recorded streams.
 *
 * @example
 * ```ts
 * const { row, streams } = importedActivity({ bytes, mediaType: 'application/gpx+xml' }, { activity_type: 'run' }, { userId, createdBy, timestamp });
 * ```
 */
export function importedActivity(
  file: DeviceFile,
  query: ImportQuery,
  who: { userId: string; createdBy: string; timestamp: string },
): { row: ActivityRow; streams: TrackStreams } {
  const activityType = query.activity_type ?? 'run';
  const { columns, streams } = recordedTrack(pointsOf(file), activityType);
  checkBounds(columns);
  const row: ActivityRow = {
    ...columns,
    activity_id: randomId('act'),
    user_id: who.userId,
    title: query.title ?? `${sportNames[activityType]} on ${columns.start_time.slice(0, 10)}`,
    description: null,
    activity_type: activityType,
    status: 'completed',
    source: query.source ?? 'manual',
    plan_instance_id: null,
    summary_title: null,
    summary: null,
    created_by: who.createdBy,
    created_at: who.timestamp,
    updated_at: who.timestamp,
  };
  return { row, streams };
}
