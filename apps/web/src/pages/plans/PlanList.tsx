/**
 * The plan library (`/plans`): the plans the viewer may read, filtered by type, level,
 * visibility and a search (the filters in the URL and in the `listTrainingPlans` request),
 * "Load more" with the cursor; above it, the plan instances the viewer may read (their own
 * schedule, or for a coach their athletes'), each linking to its calendar; a coach's column
 * also gets the links to build a plan by hand and to the AI coach's plan generation.
 */
import { useState, type SyntheticEvent } from 'react';
import type { components } from '@astral/openapi';
import { allows, allowsOn } from '../../permissions.js';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field } from '../../ui/Field.js';
import { Options } from '../../ui/Options.js';
import { Loading } from '../../ui/states.js';
import { useViewer, type Viewer } from '../../viewer.js';
import { PagedList, usePaged } from '../coach/organization.js';
import { planFiltersOf, planListQueryOf, planListUrl, type PlanFilters } from './filters.js';

type TrainingPlan = components['schemas']['TrainingPlan'];
type Instance = components['schemas']['TrainingPlanInstance'];

const PAGE_SIZE = 20;

export function PlansPage() {
  const { viewer } = useViewer();
  if (!viewer) return <Loading>Loading…</Loading>;
  return (
    <>
      <h1>Training plans</h1>
      {allows('createTrainingPlan', viewer.column) ? (
        <p className="actions">
          <Link to="/plans/new">Build a plan by hand</Link>
          {allows('generatePlanDraft', viewer.column) ? <Link to="/plans/generate">Generate a plan with the AI coach</Link> : null}
        </p>
      ) : null}
      {allowsOn('listTrainingPlanInstances', viewer, viewer.userId) ? <InstanceList viewer={viewer} /> : null}
      <PlanLibrary />
    </>
  );
}

function InstanceList({ viewer }: { viewer: Viewer }) {
  const { client } = useApi();
  const paged = usePaged<Instance>(['plan-instances'], (cursor) =>
    client.trainingPlans.listInstances({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  const coach = paged.rows.some((instance) => instance.athlete_id !== viewer.userId);
  return (
    <section aria-labelledby="instances-heading">
      <h2 id="instances-heading">Assigned plans</h2>
      <PagedList paged={paged} what="assigned plans">
        {(instances) => (
          <DataTable
            label="assigned plans"
            rows={instances}
            rowKey={(instance) => instance.plan_instance_id}
            columns={[
              {
                header: 'Plan',
                cell: (instance) => <Link to={`/plans/instances/${instance.plan_instance_id}`}>{instance.training_plan_name}</Link>,
              },
              ...(coach ? [{ header: 'Athlete', cell: (instance: Instance) => instance.athlete_id }] : []),
              { header: 'From', cell: (instance) => `${instance.start_date} to ${instance.end_date}` },
              {
                header: 'Week',
                cell: (instance) => (instance.current_week ? `${instance.current_week} of ${instance.duration_in_weeks}` : '—'),
              },
              { header: 'Status', cell: (instance) => instance.status },
            ]}
          />
        )}
      </PagedList>
    </section>
  );
}

function PlanLibrary() {
  const { client } = useApi();
  const { query, navigate } = useLocation();
  const filters = planFiltersOf(query);
  const paged = usePaged<TrainingPlan>(['training-plans', filters], (cursor) =>
    client.trainingPlans.list({ ...planListQueryOf(filters), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  return (
    <section aria-labelledby="library-heading">
      <h2 id="library-heading">Plan library</h2>
      <PlanFilterForm key={query.toString()} filters={filters} onChange={(next) => navigate(planListUrl(next))} />
      <PagedList paged={paged} what="plans">
        {(plans) => (
          <DataTable
            label="training plans"
            rows={plans}
            rowKey={(plan) => plan.training_plan_id}
            columns={[
              { header: 'Plan', cell: (plan) => <Link to={`/plans/${plan.training_plan_id}`}>{plan.training_plan_name}</Link> },
              { header: 'Type', cell: (plan) => plan.training_plan_type },
              { header: 'Level', cell: (plan) => plan.level },
              { header: 'Weeks', cell: (plan) => plan.duration_in_weeks },
              { header: 'Days', cell: (plan) => plan.workout_days.join(', ') },
              { header: 'Visibility', cell: (plan) => plan.visibility },
              { header: 'Coach', cell: (plan) => plan.coach_name ?? '—' },
            ]}
          />
        )}
      </PagedList>
    </section>
  );
}

function PlanFilterForm({ filters, onChange }: { filters: PlanFilters; onChange: (filters: PlanFilters) => void }) {
  const [draft, setDraft] = useState<PlanFilters>(filters);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const choose = <K extends 'training_plan_type' | 'level' | 'visibility'>(name: K, value: string) =>
    setDraft({ ...draft, [name]: (value || undefined) as PlanFilters[K] });
  return (
    <form onSubmit={submit} aria-label="plan filters" className="filters">
      <Field label="Search">
        <input type="search" value={draft.search ?? ''} onChange={(e) => setDraft({ ...draft, search: e.target.value || undefined })} />
      </Field>
      <Field label="Type">
        <select value={draft.training_plan_type ?? ''} onChange={(e) => choose('training_plan_type', e.target.value)}>
          <option value="">any</option>
          <Options values={__ASTRAL_PLAN_TYPES__} />
        </select>
      </Field>
      <Field label="Level">
        <select value={draft.level ?? ''} onChange={(e) => choose('level', e.target.value)}>
          <option value="">any</option>
          <Options values={__ASTRAL_PLAN_LEVELS__} />
        </select>
      </Field>
      <Field label="Visibility">
        <select value={draft.visibility ?? ''} onChange={(e) => choose('visibility', e.target.value)}>
          <option value="">any</option>
          <Options values={__ASTRAL_PLAN_VISIBILITIES__} />
        </select>
      </Field>
      <button type="submit">Filter</button>
    </form>
  );
}
