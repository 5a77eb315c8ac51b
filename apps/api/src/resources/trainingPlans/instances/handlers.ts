/** The plan instance operations: thin adapters from the typed handler context to the service. */
import type { Handlers } from '@astral/server';
import type { Principal } from '../../../domain/principal.js';
import type { InstanceService } from './service.js';

type InstanceOperations =
  | 'assignTrainingPlan'
  | 'listTrainingPlanInstances'
  | 'getTrainingPlanInstance'
  | 'getTrainingPlanInstanceCalendar'
  | 'updateTrainingPlanInstance';
export type InstanceHandlers = Pick<Handlers<Principal>, InstanceOperations>;

/**
 * The five instance handlers over an `InstanceService`; errors go to the app's one `mapError`.
 *
 * @example
 * ```ts
 * const handlers = instanceHandlers(new InstanceService({ instances, plans, organizations, users, completedActivities }));
 * ```
 */
export function instanceHandlers(instances: InstanceService): InstanceHandlers {
  return {
    assignTrainingPlan: async ({ params, body, principal }) => {
      const data = await instances.assign(params.training_plan_id, body, principal);
      const message = `Training plan assigned to ${data.length} athlete${data.length === 1 ? '' : 's'}`;
      return { status: 201, body: { status: 'ok', message, data } };
    },
    listTrainingPlanInstances: async ({ query, principal }) => {
      const { data, nextCursor, total } = await instances.list(query, principal);
      return { status: 200, body: { status: 'ok', data, metadata: { total, next_cursor: nextCursor } } };
    },
    getTrainingPlanInstance: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await instances.get(params.plan_instance_id, principal) },
    }),
    getTrainingPlanInstanceCalendar: async ({ params, principal }) => ({
      status: 200,
      body: await instances.calendar(params.plan_instance_id, principal),
      headers: { 'content-type': 'text/calendar; charset=utf-8' },
    }),
    updateTrainingPlanInstance: async ({ params, body, principal }) => ({
      status: 200,
      body: {
        status: 'ok',
        message: 'Plan instance updated successfully',
        data: await instances.setStatus(params.plan_instance_id, body.status, principal),
      },
    }),
  };
}
