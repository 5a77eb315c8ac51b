/**
 * A plan built by hand (`/plans/new`, `createTrainingPlan`) or edited (`/plans/{id}/edit`,
 * the partial `updateTrainingPlan` of the fields changed, `weeks` whole): what the plan is,
 * then its weeks (`WeekEditor`), each day a workout of content blocks. The API's 400 shows at
 * the input its `details.field` names, however deep, and is summed up under the buttons.
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from '../../../router.js';
import { useApi } from '../../../session.js';
import { Field, fieldError } from '../../../ui/Field.js';
import { Options } from '../../../ui/Options.js';
import { Loading } from '../../../ui/states.js';
import { errorText } from '../../../ui/toasts.js';
import { changesOf, editableOf, newPlan, newWeek, renumbered, withWorkoutDays, type EditablePlan } from './plan-model.js';
import { WeekEditor } from './WeekEditor.js';
import './editor.css';

export function NewPlanPage() {
  return <PlanForm title="Build a plan" initial={newPlan()} planId={undefined} />;
}

export function EditPlanPage({ planId }: { planId: string }) {
  const { client } = useApi();
  const plan = useQuery({ queryKey: ['training-plan', planId], queryFn: () => client.trainingPlans.get(planId) });
  if (plan.isPending) return <Loading>Loading the plan…</Loading>;
  if (plan.isError) return <p>The plan could not be loaded.</p>;
  return <PlanForm title={`Edit ${plan.data.training_plan_name}`} initial={editableOf(plan.data)} planId={planId} />;
}

function PlanForm({ title, initial, planId }: { title: string; initial: EditablePlan; planId: string | undefined }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const { navigate } = useLocation();
  const [plan, setPlan] = useState(initial);
  const save = useMutation({
    mutationFn: async () => {
      // The workout days follow the weeks when those change (an edit of the name alone sends the name alone).
      const weeksChanged = planId === undefined || JSON.stringify(plan.weeks) !== JSON.stringify(initial.weeks);
      const body = weeksChanged ? withWorkoutDays(plan) : plan;
      if (planId === undefined) return client.trainingPlans.create(body);
      return (await client.trainingPlans.update(planId, changesOf(initial, body))).data;
    },
    onSuccess: (saved) => {
      void queries.invalidateQueries({ queryKey: ['training-plan', saved.training_plan_id] });
      void queries.invalidateQueries({ queryKey: ['training-plans'] });
      navigate(`/plans/${saved.training_plan_id}`);
    },
    // Every refusal shows in the form: at the input it names, and summed up under "Save".
    meta: { inline: true },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const set = (change: Partial<EditablePlan>) => setPlan({ ...plan, ...change });
  const field = (name: string) => fieldError(save.error, name);
  const weeks = plan.weeks;
  return (
    <form onSubmit={submit} aria-label="the plan" className="plan-editor">
      <h1>{title}</h1>
      <div className="filters">
        <Field label="Name" error={field('training_plan_name')}>
          <input required value={plan.training_plan_name} onChange={(e) => set({ training_plan_name: e.target.value })} />
        </Field>
        <Field label="Type" error={field('training_plan_type')}>
          <select
            value={plan.training_plan_type}
            onChange={(e) => set({ training_plan_type: e.target.value as EditablePlan['training_plan_type'] })}
          >
            <Options values={__ASTRAL_PLAN_TYPES__} />
          </select>
        </Field>
        <Field label="Level" error={field('level')}>
          <select value={plan.level} onChange={(e) => set({ level: e.target.value as EditablePlan['level'] })}>
            <Options values={__ASTRAL_PLAN_LEVELS__} />
          </select>
        </Field>
        <Field label="Visibility" error={field('visibility')}>
          <select value={plan.visibility} onChange={(e) => set({ visibility: e.target.value as EditablePlan['visibility'] })}>
            <Options values={__ASTRAL_PLAN_VISIBILITY_SETTINGS__} />
          </select>
        </Field>
      </div>
      <Field label="Description" error={field('training_plan_description')}>
        <textarea
          rows={2}
          value={plan.training_plan_description ?? ''}
          onChange={(e) => set({ training_plan_description: e.target.value })}
        />
      </Field>
      {weeks.map((week, index) => (
        <WeekEditor
          key={index}
          week={week}
          index={index}
          error={save.error}
          onChange={(changed) => set({ weeks: weeks.map((w, i) => (i === index ? changed : w)) })}
          onRemove={weeks.length > 1 ? () => set({ weeks: renumbered(weeks.filter((_, i) => i !== index)) }) : undefined}
        />
      ))}
      <div className="editor-actions">
        <button type="button" className="secondary" onClick={() => set({ weeks: [...weeks, newWeek(weeks.length + 1)] })}>
          Add a week
        </button>
        <button type="submit" aria-busy={save.isPending} disabled={save.isPending}>
          {planId === undefined ? 'Create the plan' : 'Save the plan'}
        </button>
      </div>
      {save.isError ? (
        <p role="alert" className="field-error">
          Not saved: {errorText(save.error)}
        </p>
      ) : null}
    </form>
  );
}
