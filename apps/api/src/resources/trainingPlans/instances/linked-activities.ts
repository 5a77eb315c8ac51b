/**
 * The `completed` activities linked to a plan instance (their `plan_instance_id`), read
 * through the activities use cases so the reader's access and the athlete's privacy flags
 * apply as on `GET /activities`: a reader who may not list the athlete's activities sees
 * no completion, and none is revealed that the reader could not read.
 */
import { ForbiddenError } from '../../../domain/errors.js';
import type { Principal } from '../../../domain/principal.js';
import type { ActivityService } from '../../activities/service.js';
import type { CompletedActivity, StoredInstance } from './model.js';

/** A plan has at most 52 weeks of 7 days: more completions than that are never needed. */
const mostCompletions = 52 * 7;
const pageSize = 100;

/**
 * @example
 * ```ts
 * const completed = completedActivitiesOf(activityService);
 * await completed(instance, principal); // [{ activity_id: 'act_leoeasy0324', start_time: '2026-03-24T06:30:00Z' }]
 * ```
 */
export function completedActivitiesOf(activities: Pick<ActivityService, 'list'>) {
  return async (instance: StoredInstance, principal: Principal): Promise<CompletedActivity[]> => {
    const found: CompletedActivity[] = [];
    let cursor: string | undefined;
    do {
      const query = {
        user_id: instance.athlete_id,
        plan_instance_id: instance.plan_instance_id,
        status: ['completed' as const],
        limit: pageSize,
        ...(cursor === undefined ? {} : { cursor }),
      };
      const page = await activities.list(query, principal).catch((error: unknown) => {
        if (error instanceof ForbiddenError) return undefined;
        throw error;
      });
      if (!page) return [];
      found.push(...page.data.map(({ activity_id, start_time }) => ({ activity_id, start_time })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && found.length < mostCompletions);
    return found;
  };
}
