/** The Activities operations: thin adapters from the typed handler context to the service. */
import type { HandlersForTag } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { ActivityService } from './service.js';

export type ActivityHandlers = HandlersForTag<'Activities', Principal>;

/**
 * The Activities handlers over an `ActivityService`. Errors the service throws are answered
 * by the app's one `mapError`, so nothing here catches.
 *
 * @example
 * ```ts
 * const handlers = activityHandlers(new ActivityService({ activities: repository.activities, planInstanceAthlete }));
 * ```
 */
export function activityHandlers(activities: ActivityService): ActivityHandlers {
  return {
    listActivities: async ({ query, principal }) => {
      const { data, nextCursor, total } = await activities.list(query, principal);
      return { status: 200, body: { status: 'ok', data, metadata: { total, next_cursor: nextCursor } } };
    },
    createActivity: async ({ body, principal }) => {
      const activity = await activities.create(body, principal);
      return {
        status: 201,
        body: { status: 'ok', activity_id: activity.activity_id, message: 'Activity created successfully', data: activity },
      };
    },
    getActivity: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await activities.get(params.activity_id, principal) },
    }),
    updateActivity: async ({ params, body, principal }) => {
      const activity = await activities.update(params.activity_id, body, principal);
      return { status: 200, body: { status: 'ok', message: 'Activity updated successfully', data: activity } };
    },
    deleteActivity: async ({ params, principal }) => {
      await activities.delete(params.activity_id, principal);
      return { status: 200, body: { status: 'ok', message: 'Activity deleted successfully' } };
    },
    getActivityStreams: async ({ params, query, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await activities.streams(params.activity_id, query, principal) },
    }),
  };
}
