/**
 * A training plan (`/plans/{training_plan_id}`): what it is, then each week as a row of seven
 * days (a workout with its blocks, or rest), headed and listed so a screen reader can move
 * week by week and day by day; a coach whose column may assign plans gets the assign form,
 * and one who may change this plan its edit link and delete (`PlanActions`).
 */
import { useQuery } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { allows } from '../../permissions.js';
import { useApi } from '../../session.js';
import { Loading } from '../../ui/states.js';
import { useViewer } from '../../viewer.js';
import { AssignPlan } from './AssignPlan.js';
import { PlanActions } from './PlanActions.js';
import { Workout } from './Blocks.js';

type PlanWeek = components['schemas']['PlanWeek'];

const dayName = (day: string): string => day.charAt(0).toUpperCase() + day.slice(1);

export function PlanPage({ planId }: { planId: string }) {
  const { client } = useApi();
  const { viewer } = useViewer();
  const plan = useQuery({ queryKey: ['training-plan', planId], queryFn: () => client.trainingPlans.get(planId) });
  if (plan.isPending) return <Loading>Loading the plan…</Loading>;
  if (plan.isError) return <p>The plan could not be loaded.</p>;
  const p = plan.data;
  return (
    <article className="plan">
      <h1>{p.training_plan_name}</h1>
      <p>{p.training_plan_description}</p>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{p.training_plan_type}</dd>
        <dt>Level</dt>
        <dd>{p.level}</dd>
        <dt>Weeks</dt>
        <dd>{p.duration_in_weeks}</dd>
        <dt>Workout days</dt>
        <dd>{p.workout_days.map(dayName).join(', ')}</dd>
        <dt>Visibility</dt>
        <dd>{p.visibility}</dd>
        <dt>Coach</dt>
        <dd>{p.coach_name ?? 'Astral'}</dd>
      </dl>
      {viewer ? <PlanActions plan={p} viewer={viewer} /> : null}
      {viewer?.orgId && allows('assignTrainingPlan', viewer.column) ? <AssignPlan plan={p} viewer={viewer} /> : null}
      {(p.weeks ?? []).map((week) => (
        <Week key={week.week_number} week={week} />
      ))}
    </article>
  );
}

function Week({ week }: { week: PlanWeek }) {
  const id = `week-${week.week_number}`;
  return (
    <section aria-labelledby={id} className="plan-week">
      <h2 id={id}>Week {week.week_number}</h2>
      <ol className="week-days">
        {__ASTRAL_WEEKDAYS__.map((day) => {
          const workout = week.days[day];
          return (
            <li key={day} className={workout ? 'workout-day' : 'rest-day'}>
              <h3>{dayName(day)}</h3>
              {workout ? <Workout workout={workout} /> : <p className="rest">Rest</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
