/**
 * The Training Plans resource (the contract's `Training Plans` tag): plans under
 * `/training/plans`. Who may do what is the contract's permission rows, read in
 * `permissions.ts`; the caller's organization and role come from the organizations storage.
 */
import type { OrganizationStorage } from '../organizations/storage.js';
import { defineResource, type ResourceContext } from '../module.js';
import { trainingPlanHandlers, type TrainingPlanHandlers } from './handlers.js';
import { TrainingPlanService } from './service.js';
import { openTrainingPlanStorage, type TrainingPlanStorage } from './storage.js';

export const trainingPlans = defineResource({
  name: 'trainingPlans',
  storage: openTrainingPlanStorage,
  handlers: ({
    repository,
    now,
  }: ResourceContext<{ trainingPlans: TrainingPlanStorage; organizations: OrganizationStorage }>): TrainingPlanHandlers =>
    trainingPlanHandlers(new TrainingPlanService({ plans: repository.trainingPlans, organizations: repository.organizations, now })),
});
