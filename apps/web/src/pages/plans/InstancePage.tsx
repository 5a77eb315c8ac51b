/**
 * A plan instance (`/plans/instances/{plan_instance_id}`): the athlete's calendar of the
 * plan, week by week, each workout on its date in the athlete's time zone (the API's
 * `schedule`), done ones linking to the activity that completed them; pausing, resuming and
 * leaving it (`InstanceStatus`); the user's own secret link to subscribe with in a calendar app
 * (`CalendarSubscribe`); and the iCalendar feed (its address for clients that send credentials,
 * and a download).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { basePath, type components } from '@astral/openapi';
import { Link } from '../../router.js';
import { useApi } from '../../session.js';
import { Loading } from '../../ui/states.js';
import { useViewer } from '../../viewer.js';
import { useUnitSystem, type UnitSystem } from '../../units.js';
import { blockText } from './Blocks.js';
import { allowsOn } from '../../permissions.js';
import { CalendarSubscribe } from './CalendarSubscribe.js';
import { InstanceStatus } from './InstanceStatus.js';

type Instance = components['schemas']['TrainingPlanInstance'];
type ScheduledWorkout = components['schemas']['ScheduledWorkout'];

/** `2026-03-24` → `Tue, 24 Mar 2026`, the date as it is (no time zone moves a calendar date). */
const day = (date: string): string =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function InstancePage({ instanceId }: { instanceId: string }) {
  const { client } = useApi();
  const { viewer } = useViewer();
  const instance = useQuery({ queryKey: ['plan-instance', instanceId], queryFn: () => client.trainingPlans.instance(instanceId) });
  if (instance.isPending) return <Loading>Loading the schedule…</Loading>;
  if (instance.isError) return <p>The schedule could not be loaded.</p>;
  const i = instance.data;
  const schedule = i.schedule ?? [];
  const done = schedule.filter((workout) => workout.completed_activity_id).length;
  return (
    <article className="plan-instance">
      <h1>{i.training_plan_name}</h1>
      <p>
        {i.status === 'active' && i.current_week ? `Week ${i.current_week} of ${i.duration_in_weeks}` : i.status}, {day(i.start_date)} to{' '}
        {day(i.end_date)} ({i.time_zone}). {done} of {schedule.length} workouts done.{' '}
        <Link to={`/plans/${i.training_plan_id}`}>The plan</Link>
      </p>
      {viewer ? <InstanceStatus instance={i} viewer={viewer} /> : null}
      {viewer && allowsOn('createTrainingPlanInstanceCalendarFeed', viewer, i.athlete_id) ? (
        <CalendarSubscribe instanceId={i.plan_instance_id} />
      ) : null}
      <CalendarFeed instance={i} />
      {weeksOf(schedule).map(([week, workouts]) => (
        <section key={week} aria-labelledby={`week-${week}`}>
          <h2 id={`week-${week}`}>
            Week {week}
            {week === i.current_week ? ' (this week)' : ''}
          </h2>
          <ul className="schedule">
            {workouts.map((workout) => (
              <ScheduledItem key={workout.date} workout={workout} />
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}

function weeksOf(schedule: readonly ScheduledWorkout[]): Array<[number, ScheduledWorkout[]]> {
  const weeks = new Map<number, ScheduledWorkout[]>();
  for (const workout of schedule) weeks.set(workout.week_number, [...(weeks.get(workout.week_number) ?? []), workout]);
  return [...weeks.entries()];
}

function ScheduledItem({ workout }: { workout: ScheduledWorkout }) {
  const units = useUnitSystem();
  const activityId = workout.completed_activity_id;
  return (
    <li className={activityId ? 'done' : undefined}>
      <strong>{day(workout.date)}</strong>: {workout.workout.workout_name}{' '}
      <small>({workout.workout.blocks.map((block) => blockSummary(block, units)).join(', ')})</small>{' '}
      {activityId ? (
        <>
          <span className="badge">Done</span> <Link to={`/activities/${activityId}`}>the activity</Link>
        </>
      ) : null}
    </li>
  );
}

/** A block and, for an interval, its children in brackets: `Repeat 3 × [Run 400 m at z5, Recovery 1:30 at z1]`. */
function blockSummary(block: components['schemas']['ContentBlock'], units: UnitSystem): string {
  const text = blockText(block, units);
  return block.blocks?.length ? `${text} [${block.blocks.map((child) => blockSummary(child, units)).join(', ')}]` : text;
}

/** The iCalendar feed: its address (for a client that sends the caller's credentials) and a download of it now. */
function CalendarFeed({ instance }: { instance: Instance }) {
  const { client } = useApi();
  const feed = `${window.location.origin}${basePath}/training/plan-instances/${instance.plan_instance_id}/calendar.ics`;
  const download = useMutation({
    mutationFn: () => client.trainingPlans.instanceCalendar(instance.plan_instance_id),
    onSuccess: (text) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([String(text)], { type: 'text/calendar' }));
      link.download = `${instance.plan_instance_id}.ics`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  return (
    <section aria-labelledby="feed-heading" className="feed">
      <h2 id="feed-heading">Calendar feed</h2>
      <p>
        The feed's address, for a client that sends your credentials: <code>{feed}</code>
      </p>
      <button type="button" className="secondary" onClick={() => download.mutate()} aria-busy={download.isPending}>
        Download the .ics file
      </button>
    </section>
  );
}
