/**
 * One activity: its metrics, the summary the API writes from them, the route and the pace,
 * heart-rate and elevation charts (`ActivityStreams`), and for whoever the permission matrix
 * lets change it, edit and delete. A metric the athlete's privacy flags withhold from the
 * viewer is `null` in the answer and shows as a dash.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { allowsOn } from '../../permissions.js';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { AskFirst } from '../../ui/AskFirst.js';
import { Loading } from '../../ui/states.js';
import { useViewer, type Viewer } from '../../viewer.js';
import { ActivityStreams } from './ActivityStreams.js';
import { listUrl } from './filters.js';
import { clock, metric, when } from './format.js';
import { longDistance, pace, useUnitSystem } from '../../units.js';

type Activity = components['schemas']['Activity'];

export function ActivityPage({ activityId }: { activityId: string }) {
  const { client } = useApi();
  const { viewer } = useViewer();
  const activity = useQuery({ queryKey: ['activity', activityId], queryFn: () => client.activities.get(activityId) });
  if (activity.isPending || !viewer) return <Loading>Loading the activity…</Loading>;
  if (activity.isError) return <p>This activity could not be loaded.</p>;
  return <ActivityView activity={activity.data} viewer={viewer} />;
}

/** The athlete's list: the viewer's own, or the athlete's they coach. */
const listOf = (activity: Activity, viewer: Viewer): string =>
  listUrl(activity.user_id === viewer.userId ? {} : { user_id: activity.user_id });

function ActivityView({ activity, viewer }: { activity: Activity; viewer: Viewer }) {
  const units = useUnitSystem();
  const bpm = (value: number) => `${value} bpm`;
  return (
    <article>
      <hgroup>
        <h1>{activity.title}</h1>
        <p>
          {activity.activity_type} · {activity.status} · {when(activity.start_time)} · {activity.source}
        </p>
      </hgroup>
      {activity.description ? <p>{activity.description}</p> : null}
      <dl className="metrics">
        <Metric term="Distance" value={metric(activity.distance_meters, (m) => longDistance(m, units))} />
        <Metric term="Moving time" value={metric(activity.moving_time_seconds, clock)} />
        <Metric term="Elapsed time" value={clock(activity.duration_seconds)} />
        <Metric term="Average pace" value={metric(activity.average_pace_seconds_per_km, (s) => pace(s, units))} />
        <Metric term="Elevation gain" value={metric(activity.elevation_gain_meters, (m) => `${Math.round(m)} m`)} />
        <Metric term="Average heart rate" value={metric(activity.average_heart_rate, bpm)} />
        <Metric term="Max heart rate" value={metric(activity.max_heart_rate, bpm)} />
        <Metric term="Cadence" value={metric(activity.average_cadence, (spm) => `${spm} /min`)} />
      </dl>
      {activity.summary ? (
        <section aria-labelledby="summary-heading" className="summary">
          <h2 id="summary-heading">Summary: {activity.summary_title}</h2>
          <p>{activity.summary}</p>
          <small className="muted">Written by the API from the metrics.</small>
        </section>
      ) : null}
      <ActivityStreams activity={activity} />
      <p className="actions">
        <Link to={listOf(activity, viewer)}>All activities</Link>
        {allowsOn('updateActivity', viewer, activity.user_id) ? <Link to={`/activities/${activity.activity_id}/edit`}>Edit</Link> : null}
      </p>
      {allowsOn('deleteActivity', viewer, activity.user_id) ? <DeleteActivity activity={activity} viewer={viewer} /> : null}
    </article>
  );
}

function Metric({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Delete, asked twice: the first button asks, the second deletes and goes back to the list. */
function DeleteActivity({ activity, viewer }: { activity: Activity; viewer: Viewer }) {
  const { client } = useApi();
  const queries = useQueryClient();
  const { navigate } = useLocation();
  const remove = useMutation({
    mutationFn: () => client.activities.delete(activity.activity_id),
    onSuccess: () => {
      queries.removeQueries({ queryKey: ['activity', activity.activity_id] });
      void queries.invalidateQueries({ queryKey: ['activities'] });
      navigate(listOf(activity, viewer));
    },
  });
  return (
    <AskFirst
      action="Delete activity"
      groupLabel="Delete this activity?"
      question={<>Delete “{activity.title}” for good? Its streams go with it.</>}
      confirm="Yes, delete"
      pending={remove.isPending}
      onConfirm={() => remove.mutate()}
    />
  );
}
