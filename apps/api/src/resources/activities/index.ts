/**
 * The Activities resource (`/activities`, `/activities/{activity_id}` and its streams):
 * first written by `npm run new:resource`, then given its fields, access rules and streams.
 */
import { defineResource, type ResourceContext } from '../module.js';
import { activityHandlers, type ActivityHandlers } from './handlers.js';
import { ActivityService } from './service.js';
import { openActivityStorage, type ActivityStorage } from './storage.js';

export const activities = defineResource({
  name: 'activities',
  storage: openActivityStorage,
  handlers: ({ repository, now }: ResourceContext<{ activities: ActivityStorage }>): ActivityHandlers =>
    activityHandlers(new ActivityService({ activities: repository.activities, now })),
});
