/**
 * The Activities types, taken from the contract (never hand-written): an activity as the
 * API returns it, the bodies that create and change one, the list query as handlers receive it.
 */
import type { components } from '@astral/openapi';
import type { QueryParams } from '@astral/server';

export type Activity = components['schemas']['Activity'];
export type ActivityCreate = components['schemas']['ActivityCreate'];
export type ActivityUpdate = components['schemas']['ActivityUpdate'];

/** The list query as the server hands it over: validated, coerced, every default applied. */
export type ListActivitiesQuery = QueryParams<'listActivities'>;

/** The list query in storage terms: at most `limit` activities, after `afterId` in id order. */
export interface ActivityQuery {
  limit: number;
  /** Only activities whose id comes after this one: the page a cursor names. */
  afterId?: string;
}
