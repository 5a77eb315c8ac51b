/**
 * The activity list's filters as the URL carries them (`/activities?activity_type=run&status=completed&status=skipped&start_date=2025-03-01`),
 * and as `listActivities` takes them: a day in the URL is a whole UTC day in the request
 * (`start_date` from its first instant, `end_date` to its last), and `status` is repeated.
 */
import type { components, operations } from '@astral/openapi';

type ActivityType = components['schemas']['ActivityType'];
type ActivityStatus = components['schemas']['ActivityStatus'];
export type ListQuery = NonNullable<operations['listActivities']['parameters']['query']>;

export interface ActivityFilters {
  /** Whose activities; the viewer's own when left out. */
  user_id?: string;
  activity_type?: ActivityType;
  status?: ActivityStatus[];
  /** `YYYY-MM-DD`, inclusive. */
  start_date?: string;
  /** `YYYY-MM-DD`, inclusive. */
  end_date?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a URL's query names; values the contract does not know are left out. */
export function filtersOf(query: URLSearchParams): ActivityFilters {
  const filters: ActivityFilters = {};
  const userId = query.get('user_id');
  if (userId) filters.user_id = userId;
  const type = query.get('activity_type');
  if (type && (__ASTRAL_ACTIVITY_TYPES__ as string[]).includes(type)) filters.activity_type = type as ActivityType;
  const statuses = query
    .getAll('status')
    .filter((status): status is ActivityStatus => (__ASTRAL_ACTIVITY_STATUSES__ as string[]).includes(status));
  if (statuses.length > 0) filters.status = statuses;
  for (const name of ['start_date', 'end_date'] as const) {
    const day = query.get(name);
    if (day && DAY.test(day)) filters[name] = day;
  }
  return filters;
}

/** The list's URL for `filters`: `/activities` with the filters in its query. */
export function listUrl(filters: ActivityFilters): string {
  const params = new URLSearchParams();
  if (filters.user_id) params.set('user_id', filters.user_id);
  if (filters.activity_type) params.set('activity_type', filters.activity_type);
  for (const status of filters.status ?? []) params.append('status', status);
  if (filters.start_date) params.set('start_date', filters.start_date);
  if (filters.end_date) params.set('end_date', filters.end_date);
  const text = params.toString();
  return text ? `/activities?${text}` : '/activities';
}

/** The `listActivities` query for `filters` (without the page's `limit` and `cursor`). */
export function listQueryOf(filters: ActivityFilters): ListQuery {
  const query: ListQuery = {};
  if (filters.user_id) query.user_id = filters.user_id;
  if (filters.activity_type) query.activity_type = filters.activity_type;
  if (filters.status) query.status = filters.status;
  if (filters.start_date) query.start_date = `${filters.start_date}T00:00:00Z`;
  if (filters.end_date) query.end_date = `${filters.end_date}T23:59:59Z`;
  return query;
}
