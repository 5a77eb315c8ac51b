/**
 * The Training Plans resource (the contract's `Training Plans` tag): plans under
 * `/training/plans` and their instances under `/training/plan-instances` (instances/). Who
 * may do what is the contract's permission rows, read in `permissions.ts`; the caller's
 * organization, role and athletes come from the organizations storage, time zones from users,
 * an instance's completed workouts from the activities linked to it; users' secret calendar
 * feed URLs of instances from calendar-feeds/.
 */
import type { StorageContext, AnyTables } from '../../storage/context.js';
import { ActivityService } from '../activities/service.js';
import type { ActivityStorage } from '../activities/storage.js';
import type { OrganizationStorage } from '../organizations/storage.js';
import type { UserStorage } from '../users/storage.js';
import { defineResource, type ResourceContext } from '../module.js';
import { trainingPlanHandlers, type TrainingPlanHandlers } from './handlers.js';
import { calendarFeedHandlers, type CalendarFeedHandlers } from './calendar-feeds/handlers.js';
import { CalendarFeedService } from './calendar-feeds/service.js';
import { openCalendarFeedStorage, type CalendarFeedStorage } from './calendar-feeds/storage.js';
import { instanceHandlers, type InstanceHandlers } from './instances/handlers.js';
import { completedActivitiesOf } from './instances/linked-activities.js';
import { InstanceService } from './instances/service.js';
import { openInstanceStorage, type InstanceStorage } from './instances/storage.js';
import { TrainingPlanService } from './service.js';
import { openTrainingPlanStorage, type TrainingPlanStorage } from './storage.js';

/** Plans and their instances, on one database. */
export interface TrainingPlanStorages {
  plans: TrainingPlanStorage;
  instances: InstanceStorage;
  /** Users' secret feed URLs of instances' calendars (calendar-feeds/). */
  feeds: CalendarFeedStorage;
}

function openStorages(context: StorageContext<AnyTables>): TrainingPlanStorages {
  // Each storage declares its own tables of the one database, as a module's `storage` does (module.ts).
  const open = <Storage>(opener: (on: StorageContext<AnyTables>) => Storage): Storage => opener(context);
  return { plans: open(openTrainingPlanStorage), instances: open(openInstanceStorage), feeds: open(openCalendarFeedStorage) };
}

type Needs = { trainingPlans: TrainingPlanStorages; organizations: OrganizationStorage; users: UserStorage; activities: ActivityStorage };

export const trainingPlans = defineResource({
  name: 'trainingPlans',
  storage: openStorages,
  handlers: ({ repository, now, publicUrl }: ResourceContext<Needs>): TrainingPlanHandlers & InstanceHandlers & CalendarFeedHandlers => {
    const plans = new TrainingPlanService({ plans: repository.trainingPlans.plans, organizations: repository.organizations, now });
    const instances = new InstanceService({
      instances: repository.trainingPlans.instances,
      plans,
      organizations: repository.organizations,
      users: repository.users,
      // An instance's progress: the completed activities linked to it that the reader may read.
      completedActivities: completedActivitiesOf(
        new ActivityService({
          activities: repository.activities,
          planInstanceAthlete: async (id) => (await repository.trainingPlans.instances.get(id))?.athlete_id,
          now,
        }),
      ),
      now,
    });
    const feeds = new CalendarFeedService({
      feeds: repository.trainingPlans.feeds,
      ensureReadable: (instanceId, principal) => instances.ensureReadable(instanceId, principal),
      now,
    });
    const instanceOperations = instanceHandlers(instances);
    return {
      ...trainingPlanHandlers(plans),
      ...instanceOperations,
      // The calendar, read through a feed's token too, and the feeds' own operations.
      ...calendarFeedHandlers(feeds, instanceOperations.getTrainingPlanInstanceCalendar, { publicUrl }),
    };
  },
});
