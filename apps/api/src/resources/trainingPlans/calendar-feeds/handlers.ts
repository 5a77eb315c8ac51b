/**
 * The calendar feed operations, and the calendar read through a feed's token: thin adapters
 * from the typed handler context to the service.
 */
import { basePath } from '@astral/openapi';
import type { Handlers } from '@astral/server';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../domain/principal.js';
import type { InstanceHandlers } from '../instances/handlers.js';
import type { CalendarFeedService } from './service.js';

type FeedOperations =
  | 'createTrainingPlanInstanceCalendarFeed'
  | 'getTrainingPlanInstanceCalendarFeed'
  | 'revokeTrainingPlanInstanceCalendarFeed'
  | 'getTrainingPlanInstanceCalendar';
export type CalendarFeedHandlers = Pick<Handlers<Principal>, FeedOperations>;

/** The API's base URL as this request reached it (`http://127.0.0.1:3000/api/v1`), when none is configured. */
function requestBaseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${basePath}`;
}

/**
 * The feed handlers over a `CalendarFeedService`, wrapping the instances' calendar handler so
 * that a feed's token reads only its own instance.
 *
 * @example
 * ```ts
 * const handlers = calendarFeedHandlers(feeds, instanceHandlers(instances).getTrainingPlanInstanceCalendar, { publicUrl });
 * ```
 */
export function calendarFeedHandlers(
  feeds: CalendarFeedService,
  calendar: InstanceHandlers['getTrainingPlanInstanceCalendar'],
  options: { publicUrl?: string | (() => string | undefined) | undefined } = {},
): CalendarFeedHandlers {
  return {
    createTrainingPlanInstanceCalendarFeed: async ({ params, principal, request }) => ({
      status: 201,
      body: {
        status: 'ok',
        data: await feeds.create(
          params.plan_instance_id,
          principal,
          (typeof options.publicUrl === 'function' ? options.publicUrl() : options.publicUrl) ?? requestBaseUrl(request),
        ),
      },
    }),
    getTrainingPlanInstanceCalendarFeed: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await feeds.get(params.plan_instance_id, principal) },
    }),
    revokeTrainingPlanInstanceCalendarFeed: async ({ params, principal }) => {
      await feeds.revoke(params.plan_instance_id, principal);
      return { status: 204, body: undefined };
    },
    getTrainingPlanInstanceCalendar: (context) =>
      feeds.readThrough(context.params.plan_instance_id, context.principal, async () => calendar(context)),
  };
}
