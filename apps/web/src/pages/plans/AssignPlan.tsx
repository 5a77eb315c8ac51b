/**
 * The coach's assign form on a plan page: one of the athletes the coach's roster lists (an
 * assistant coach's roster is the athletes assigned to them, the same ones the API lets them
 * assign) and the Monday the plan starts; the API's 400 shows at the input it names, and the
 * new instance is linked once made.
 */
import { useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { Link } from '../../router.js';
import { useApi } from '../../session.js';
import { Field, fieldError } from '../../ui/Field.js';
import type { Viewer } from '../../viewer.js';

type TrainingPlan = components['schemas']['TrainingPlan'];

/** The Monday on or after today, in the browser's calendar: the first date the API accepts as a start. */
export function nextMonday(today = new Date()): string {
  const date = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  date.setUTCDate(date.getUTCDate() + ((8 - date.getUTCDay()) % 7));
  return date.toISOString().slice(0, 10);
}

export function AssignPlan({ plan, viewer }: { plan: TrainingPlan; viewer: Viewer & { orgId: string | null } }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const [athleteId, setAthleteId] = useState('');
  const [startDate, setStartDate] = useState(nextMonday);
  const athletes = useQuery({
    queryKey: ['roster', viewer.orgId, { role: 'athlete' }],
    queryFn: () => client.organizations.listMembers(viewer.orgId!, { role: 'athlete', limit: 100 }),
  });
  const assign = useMutation({
    mutationFn: () => client.trainingPlans.assign(plan.training_plan_id, { athlete_ids: [athleteId], start_date: startDate }),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['plan-instances'] }),
    meta: { fields: ['athlete_ids', 'start_date'] },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    assign.mutate();
  };
  const made = assign.data?.data[0];
  return (
    <section aria-labelledby="assign-heading" className="assign">
      <h2 id="assign-heading">Assign to an athlete</h2>
      <form onSubmit={submit} aria-label="assign the plan" className="filters">
        <Field label="Athlete" error={fieldError(assign.error, 'athlete_ids')}>
          <select required value={athleteId} onChange={(e) => setAthleteId(e.target.value)} aria-busy={athletes.isPending}>
            <option value="">choose…</option>
            {(athletes.data?.data ?? []).map((member) => (
              <option key={member.user_id} value={member.user_id}>
                {member.display_name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Starts on (a Monday)" error={fieldError(assign.error, 'start_date')}>
          <input type="date" required value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        </Field>
        <button type="submit" aria-busy={assign.isPending} disabled={assign.isPending}>
          Assign
        </button>
      </form>
      <p role="status">
        {made ? (
          <>
            {assign.data?.message}: <Link to={`/plans/instances/${made.plan_instance_id}`}>open the schedule</Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
