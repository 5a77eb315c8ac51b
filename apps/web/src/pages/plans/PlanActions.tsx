/**
 * Edit and delete on a plan's page, for whoever the permission matrix lets change it: an
 * `allow` column any plan of the organization, an `owner` column only the plans they created
 * (`owner_id`); a system plan (no organization) is nobody's to change here. Delete is asked twice.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components, OperationId } from '@astral/openapi';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { AskFirst } from '../../ui/AskFirst.js';
import type { Viewer } from '../../viewer.js';

type TrainingPlan = components['schemas']['TrainingPlan'];

/** Whether the viewer's column may call `operationId` on this plan (`owner`: their own only). */
export function mayChangePlan(operationId: OperationId, viewer: Viewer, plan: TrainingPlan): boolean {
  const permission = viewer.column === null ? undefined : __ASTRAL_PERMISSIONS__[operationId]?.[viewer.column];
  if (plan.org_id === null || permission === undefined || permission === 'deny') return false;
  return permission !== 'owner' || plan.owner_id === viewer.userId;
}

export function PlanActions({ plan, viewer }: { plan: TrainingPlan; viewer: Viewer }) {
  const edit = mayChangePlan('updateTrainingPlan', viewer, plan);
  const remove = mayChangePlan('deleteTrainingPlan', viewer, plan);
  if (!edit && !remove) return null;
  return (
    <div className="action-row">
      {edit ? <Link to={`/plans/${plan.training_plan_id}/edit`}>Edit the plan</Link> : null}
      {remove ? <DeletePlan plan={plan} /> : null}
    </div>
  );
}

function DeletePlan({ plan }: { plan: TrainingPlan }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const { navigate } = useLocation();
  const remove = useMutation({
    mutationFn: () => client.trainingPlans.delete(plan.training_plan_id),
    onSuccess: () => {
      queries.removeQueries({ queryKey: ['training-plan', plan.training_plan_id] });
      void queries.invalidateQueries({ queryKey: ['training-plans'] });
      navigate('/plans');
    },
  });
  return (
    <AskFirst
      action="Delete the plan"
      groupLabel="Delete this plan?"
      question={<>Delete “{plan.training_plan_name}” for good?</>}
      confirm="Yes, delete"
      pending={remove.isPending}
      onConfirm={() => remove.mutate()}
    />
  );
}
