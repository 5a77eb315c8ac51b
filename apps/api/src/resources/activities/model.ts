/**
 * The Activities types, taken from the contract (never hand-written): an activity as the
 * API returns it, the bodies that create and change one, the streams, the queries as
 * handlers receive them; and the row an activity is stored as.
 */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';

export type Activity = components['schemas']['Activity'];
export type ActivityCreate = components['schemas']['ActivityCreate'];
export type ActivityUpdate = components['schemas']['ActivityUpdate'];
export type ActivityStreams = components['schemas']['ActivityStreams'];
export type StreamType = components['schemas']['StreamType'];
export type ActivityStatus = components['schemas']['ActivityStatus'];
export type PrivacySettings = components['schemas']['PrivacySettings'];

/** The recorded streams as stored: every type the device recorded, one value per point. */
export type RecordedStreams = ActivityStreams['streams'];

/** The list query as the server hands it over: validated, coerced, every default applied. */
export type ListActivitiesQuery = QueryParams<'listActivities'>;
/** The streams query as the server hands it over. */
export type ActivityStreamsQuery = QueryParams<'getActivityStreams'>;

/**
 * An activity as stored: the API's fields except those derived on read (`has_streams`,
 * `average_pace_seconds_per_km`), the number of recorded points, and the start in epoch
 * milliseconds (what pages order and filter by).
 */
export type ActivityRow = Omit<Activity, 'has_streams' | 'average_pace_seconds_per_km'> & {
  stream_points: number;
  start_ms: number;
};

/** One page of one athlete's activities in storage terms: filters, then the position after the last row seen. */
export interface ActivityQuery {
  userId: string;
  limit: number;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  activityType?: Activity['activity_type'] | undefined;
  /** One to four statuses, joined with commas (one compiled shape per count is not needed: see storage). */
  statuses?: readonly ActivityStatus[] | undefined;
  planInstanceId?: string | undefined;
  /** The position a cursor names: pages are newest first, by `start_ms` then `activity_id` descending. */
  beforeMs?: number | undefined;
  beforeId?: string | undefined;
}
