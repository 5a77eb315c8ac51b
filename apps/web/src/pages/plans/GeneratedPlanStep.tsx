/**
 * The AI coach's second step: the draft in a textarea (read-only while it streams in), which
 * the coach may edit → the plan, streamed (`streamPlan`): each
 * week is a row of the table as soon as its `plan_week` event arrives, then `plan_completed`
 * brings the whole plan, which "Save the plan" stores as it is (`createTrainingPlan`) and opens.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field, fieldError } from '../../ui/Field.js';
import { planDistance, useUnitSystem } from '../../units.js';
import { StreamProgress } from './StreamProgress.js';
import { useStreamCall } from './stream-call.js';

type PlanRequest = components['schemas']['PlanRequest'];
type GeneratedPlan = components['schemas']['GeneratedPlan'];
type GeneratedWeek = components['schemas']['GeneratedPlanWeek'];

export function GeneratedPlanStep({
  draft,
  onDraftChange,
  request,
}: {
  draft: string;
  onDraftChange: (draft: string) => void;
  /** What to generate from, the edited draft included; `null` while the draft is still arriving. */
  request: PlanRequest | null;
}) {
  const { client } = useApi();
  const queries = useQueryClient();
  const { navigate } = useLocation();
  const units = useUnitSystem();
  const [total, setTotal] = useState(0);
  const [weeks, setWeeks] = useState<GeneratedWeek[]>([]);
  const [plan, setPlan] = useState<GeneratedPlan | null>(null);
  const stream = useStreamCall({
    open: (body: PlanRequest, signal) => client.aiCoach.streamPlan(body, { signal }),
    onEvent: (event) => {
      if (event.type === 'plan_started') setTotal(event.duration_in_weeks);
      if (event.type === 'plan_week') setWeeks((arrived) => [...arrived, event.week]);
      if (event.type === 'plan_completed') setPlan(event.data);
    },
    fields: ['refined_draft'],
  });
  const save = useMutation({
    mutationFn: () => client.trainingPlans.create(plan!.training_plan),
    onSuccess: (created) => {
      void queries.invalidateQueries({ queryKey: ['training-plans'] });
      navigate(`/plans/${created.training_plan_id}`);
    },
  });
  const generate = () => {
    setWeeks([]);
    setPlan(null);
    setTotal(request!.weeks);
    stream.mutate(request!);
  };
  const end = stream.isSuccess ? stream.data : undefined;
  return (
    <>
      <Field label="The draft, one line a week (edit a week's distance if you like)" error={fieldError(stream.error, 'refined_draft')}>
        <textarea
          rows={Math.min(20, draft.split('\n').length + 1)}
          value={draft}
          readOnly={request === null}
          onChange={(e) => onDraftChange(e.target.value)}
        />
      </Field>
      {request ? (
        <button type="button" onClick={generate} aria-busy={stream.isPending} disabled={stream.isPending}>
          Generate the plan
        </button>
      ) : null}
      <StreamProgress
        label="the plan"
        verb="generated"
        done={weeks.length}
        total={total}
        running={stream.isPending}
        end={end}
        onCancel={stream.cancel}
      />
      {weeks.length > 0 ? (
        <section aria-labelledby="generated-heading">
          <h2 id="generated-heading">{plan ? plan.name : 'The plan so far'}</h2>
          {plan ? (
            <p>
              {plan.description} {plan.start_date} to {plan.end_date}
              {plan.goal_race ? `, ending with ${plan.goal_race.race_name}` : ''}.
            </p>
          ) : null}
          <DataTable
            label="generated weeks"
            rows={weeks}
            rowKey={(week) => String(week.week)}
            columns={[
              { header: 'Week', cell: (week) => week.week },
              { header: 'Phase', cell: (week) => week.phase },
              { header: 'From', cell: (week) => week.start_date },
              { header: 'Distance', cell: (week) => planDistance(week.distance_in_meters, units) },
              { header: 'Workouts', cell: (week) => week.workouts.map((workout) => workout.name).join(', ') },
            ]}
          />
          {plan ? (
            <button type="button" onClick={() => save.mutate()} aria-busy={save.isPending} disabled={save.isPending}>
              Save the plan
            </button>
          ) : end === 'ended' ? (
            <p>The stream ended before the whole plan arrived: there is nothing to save.</p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
