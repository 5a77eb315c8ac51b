/** The plan operations: thin adapters from the typed handler context to the service. */
import type { Handlers } from '@astral/server';
import type { Principal } from '../../domain/principal.js';
import type { TrainingPlanService } from './service.js';

type PlanOperations = 'listTrainingPlans' | 'createTrainingPlan' | 'getTrainingPlan' | 'updateTrainingPlan' | 'deleteTrainingPlan';
export type TrainingPlanHandlers = Pick<Handlers<Principal>, PlanOperations>;

/**
 * The five plan handlers over a `TrainingPlanService`; errors go to the app's one `mapError`.
 *
 * @example
 * ```ts
 * const handlers = trainingPlanHandlers(new TrainingPlanService({ plans, organizations }));
 * ```
 */
export function trainingPlanHandlers(plans: TrainingPlanService): TrainingPlanHandlers {
  return {
    listTrainingPlans: async ({ query, principal }) => {
      const { data, nextCursor, total } = await plans.list(query, principal);
      return { status: 200, body: { status: 'ok', data, metadata: { total, next_cursor: nextCursor } } };
    },
    createTrainingPlan: async ({ body, principal }) => {
      const plan = await plans.create(body, principal);
      return {
        status: 201,
        body: { status: 'ok', training_plan_id: plan.training_plan_id, message: 'Training plan created successfully', data: plan },
      };
    },
    getTrainingPlan: async ({ params, principal }) => ({
      status: 200,
      body: { status: 'ok', data: await plans.get(params.training_plan_id, principal) },
    }),
    updateTrainingPlan: async ({ params, body, principal }) => {
      const plan = await plans.update(params.training_plan_id, body, principal);
      return { status: 200, body: { status: 'ok', message: 'Training plan updated successfully', data: plan } };
    },
    deleteTrainingPlan: async ({ params, principal }) => {
      await plans.delete(params.training_plan_id, principal);
      return { status: 200, body: { status: 'ok', message: 'Training plan deleted successfully' } };
    },
  };
}
