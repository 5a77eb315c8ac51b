/**
 * The Activities resource (`/activities`, `/activities/{activity_id}` and its streams):
 * first written by `npm run new:resource`, then given its fields, access rules and streams;
 * `plan_instance_id` is checked against the training plans resource's instances.
 */
import { defineResource, type ResourceContext } from '../module.js';
import type { InstanceStorage } from '../trainingPlans/instances/storage.js';
import { activityHandlers, type ActivityHandlers } from './handlers.js';
import { ActivityService } from './service.js';
import { openActivityStorage, type ActivityStorage } from './storage.js';

type Needs = { activities: ActivityStorage; trainingPlans: { instances: InstanceStorage } };

export const activities = defineResource({
  name: 'activities',
  storage: openActivityStorage,
  handlers: ({ repository, now }: ResourceContext<Needs>): ActivityHandlers =>
    activityHandlers(
      new ActivityService({
        activities: repository.activities,
        // An activity's plan_instance_id names one of its athlete's plan instances.
        planInstanceAthlete: async (id) => (await repository.trainingPlans.instances.get(id))?.athlete_id,
        now,
      }),
    ),
});
