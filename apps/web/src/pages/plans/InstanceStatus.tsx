/**
 * Pause, resume or leave a plan instance (`updateTrainingPlanInstance`), for the athlete and
 * for the coaches the permission matrix lets change it. Leaving is final (the API answers a
 * `409` to any later change), so it is asked twice; a refusal (that `409` when the instance
 * was left elsewhere) is a toast in the API's error shape, as every failed call.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { allowsOn } from '../../permissions.js';
import { useApi } from '../../session.js';
import type { Viewer } from '../../viewer.js';

type Instance = components['schemas']['TrainingPlanInstance'];
type NewStatus = components['schemas']['TrainingPlanInstanceUpdate']['status'];

/** What each status can become from this page: a left or completed instance has no next step. */
const nextSteps: Partial<Record<Instance['status'], ReadonlyArray<{ status: NewStatus; label: string }>>> = {
  active: [{ status: 'paused', label: 'Pause' }],
  paused: [{ status: 'active', label: 'Resume' }],
};

export function InstanceStatus({ instance, viewer }: { instance: Instance; viewer: Viewer }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [asking, setAsking] = useState(false);
  const change = useMutation({
    mutationFn: (status: NewStatus) => client.trainingPlans.updateInstance(instance.plan_instance_id, { status }),
    onSuccess: () => {
      setAsking(false);
      void queries.invalidateQueries({ queryKey: ['plan-instance', instance.plan_instance_id] });
      void queries.invalidateQueries({ queryKey: ['plan-instances'] });
    },
  });
  const steps = nextSteps[instance.status];
  const whose = instance.athlete_id === viewer.userId ? 'your' : "the athlete's";
  return (
    <section aria-labelledby="status-heading" className="instance-status">
      <h2 id="status-heading">Status: {instance.status}</h2>
      <p role="status">{change.data ? `${change.data.message}: now ${change.data.data.status}.` : ''}</p>
      {steps && allowsOn('updateTrainingPlanInstance', viewer, instance.athlete_id) ? (
        asking ? (
          <div role="group" aria-label="Leave this plan?" className="confirm">
            <p>
              Leave {whose} “{instance.training_plan_name}” for good? A plan that was left cannot be resumed; it would have to be assigned
              again.
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => change.mutate('left')}
              aria-busy={change.isPending}
              disabled={change.isPending}
            >
              Yes, leave the plan
            </button>
            <button type="button" className="outline" onClick={() => setAsking(false)}>
              Stay on it
            </button>
          </div>
        ) : (
          <div className="action-row">
            {steps.map((step) => (
              <button
                key={step.status}
                type="button"
                onClick={() => change.mutate(step.status)}
                aria-busy={change.isPending && change.variables === step.status}
                disabled={change.isPending}
              >
                {step.label}
              </button>
            ))}
            <button type="button" className="outline secondary" onClick={() => setAsking(true)} disabled={change.isPending}>
              Leave the plan
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}
