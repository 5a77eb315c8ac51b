/**
 * The AI coach's two steps (`/plans/generate`, for a column that may generate and create
 * plans): what to plan for → a readable draft (`generatePlanDraft`), one line a week, which
 * the coach may edit → the plan (`generatePlan`, the JSON variant), its weeks' phases and
 * distances → saved as it is (`createTrainingPlan` with the answer's `training_plan`), then
 * opened. Nothing is stored before "Save".
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field, fieldError } from '../../ui/Field.js';
import { Options } from '../../ui/Options.js';
import { nextMonday } from './AssignPlan.js';
import { distance } from './Blocks.js';

type DraftRequest = components['schemas']['PlanDraftRequest'];
type Weekday = components['schemas']['Weekday'];

const dayName = (day: string): string => day.charAt(0).toUpperCase() + day.slice(1);

export function GeneratePlanPage() {
  const { client } = useApi();
  const queries = useQueryClient();
  const { navigate } = useLocation();
  const [request, setRequest] = useState<DraftRequest>({
    weeks: 8,
    level: 'beginner',
    start_date: nextMonday(),
    workout_days: ['tuesday', 'thursday', 'saturday'],
  });
  const [refined, setRefined] = useState('');
  const draft = useMutation({
    mutationFn: () => client.aiCoach.generatePlanDraft(request),
    onSuccess: (answer) => setRefined(answer.draft),
    meta: { fields: ['weeks', 'start_date', 'workout_days', 'race_id'] },
  });
  const plan = useMutation({
    mutationFn: () => client.aiCoach.generatePlan({ ...draft.data!.request, refined_draft: refined }),
    meta: { fields: ['refined_draft'] },
  });
  const save = useMutation({
    mutationFn: () => client.trainingPlans.create(plan.data!.training_plan),
    onSuccess: (created) => {
      void queries.invalidateQueries({ queryKey: ['training-plans'] });
      navigate(`/plans/${created.training_plan_id}`);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    plan.reset();
    draft.mutate();
  };
  const toggle = (day: Weekday, on: boolean) =>
    setRequest({ ...request, workout_days: __ASTRAL_WEEKDAYS__.filter((d) => (d === day ? on : request.workout_days.includes(d))) });
  return (
    <section>
      <h1>Generate a plan</h1>
      <form onSubmit={submit} aria-label="what to plan for" className="filters">
        <Field label="Weeks" error={fieldError(draft.error, 'weeks')}>
          <input
            type="number"
            min={1}
            max={52}
            required
            value={request.weeks}
            onChange={(e) => setRequest({ ...request, weeks: Number(e.target.value) })}
          />
        </Field>
        <Field label="Level">
          <select value={request.level} onChange={(e) => setRequest({ ...request, level: e.target.value as DraftRequest['level'] })}>
            <Options values={__ASTRAL_DRAFT_LEVELS__} />
          </select>
        </Field>
        <Field label="First day" error={fieldError(draft.error, 'start_date')}>
          <input type="date" required value={request.start_date} onChange={(e) => setRequest({ ...request, start_date: e.target.value })} />
        </Field>
        <fieldset className="statuses">
          <legend>Workout days</legend>
          {__ASTRAL_WEEKDAYS__.map((day) => (
            <label key={day} className="checkbox">
              <input type="checkbox" checked={request.workout_days.includes(day)} onChange={(e) => toggle(day, e.target.checked)} />
              {dayName(day)}
            </label>
          ))}
        </fieldset>
        <button type="submit" aria-busy={draft.isPending} disabled={draft.isPending || request.workout_days.length === 0}>
          Generate draft
        </button>
      </form>
      {draft.data ? (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft</h2>
          <p>
            <small>
              By {draft.data.generator}; training principle: {draft.data.training_principle.text ?? 'none'} (
              {draft.data.training_principle.source}).
            </small>
          </p>
          <Field label="The draft, one line a week (edit a week's distance if you like)" error={fieldError(plan.error, 'refined_draft')}>
            <textarea rows={Math.min(20, refined.split('\n').length + 1)} value={refined} onChange={(e) => setRefined(e.target.value)} />
          </Field>
          <button type="button" onClick={() => plan.mutate()} aria-busy={plan.isPending} disabled={plan.isPending}>
            Generate the plan
          </button>
        </section>
      ) : null}
      {plan.data ? (
        <section aria-labelledby="generated-heading">
          <h2 id="generated-heading">{plan.data.name}</h2>
          <p>
            {plan.data.description} {plan.data.start_date} to {plan.data.end_date}
            {plan.data.goal_race ? `, ending with ${plan.data.goal_race.race_name}` : ''}.
          </p>
          <DataTable
            label="generated weeks"
            rows={plan.data.weeks}
            rowKey={(week) => String(week.week)}
            columns={[
              { header: 'Week', cell: (week) => week.week },
              { header: 'Phase', cell: (week) => week.phase },
              { header: 'From', cell: (week) => week.start_date },
              { header: 'Distance', cell: (week) => distance(week.distance_in_meters) },
              { header: 'Workouts', cell: (week) => week.workouts.map((workout) => workout.name).join(', ') },
            ]}
          />
          <button type="button" onClick={() => save.mutate()} aria-busy={save.isPending} disabled={save.isPending}>
            Save the plan
          </button>
        </section>
      ) : null}
    </section>
  );
}
