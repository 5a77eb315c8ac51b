/**
 * An athlete's activity list: the viewer's own, or with `?user_id=` an athlete they coach (the
 * member page links here). Filters by type, status and a date range live in the URL and go
 * to `listActivities` as they are; "Load more" follows the API's cursor.
 */
import { useState, type SyntheticEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { allowsOn } from '../../permissions.js';
import { Link, useLocation } from '../../router.js';
import { useApi } from '../../session.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field } from '../../ui/Field.js';
import { Options } from '../../ui/Options.js';
import { Loading } from '../../ui/states.js';
import { useViewer, type Viewer } from '../../viewer.js';
import { PagedList, usePaged } from '../coach/organization.js';
import { filtersOf, listQueryOf, listUrl, type ActivityFilters } from './filters.js';
import { clock, metric } from './format.js';
import { longDistance, pace, useUnitSystem } from '../../units.js';

type Activity = components['schemas']['Activity'];
type ActivityType = components['schemas']['ActivityType'];

const PAGE_SIZE = 20;

export function ActivitiesPage() {
  const { viewer } = useViewer();
  if (!viewer) return <Loading>Loading…</Loading>;
  return <ActivityList viewer={viewer} />;
}

function ActivityList({ viewer }: { viewer: Viewer }) {
  const { client } = useApi();
  const { query, navigate } = useLocation();
  const units = useUnitSystem();
  const filters = filtersOf(query);
  const athleteId = filters.user_id ?? viewer.userId;
  const paged = usePaged<Activity>(['activities', filters], (cursor) =>
    client.activities.list({ ...listQueryOf(filters), limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  const forAthlete = athleteId === viewer.userId ? '' : `?user_id=${encodeURIComponent(athleteId)}`;
  return (
    <section>
      <h1>
        <AthleteHeading viewer={viewer} athleteId={athleteId} />
      </h1>
      <p className="actions">
        {allowsOn('createActivity', viewer, athleteId) ? <Link to={`/activities/new${forAthlete}`}>Log an activity</Link> : null}
        {allowsOn('importActivity', viewer, athleteId) ? <Link to={`/activities/import${forAthlete}`}>Import a device file</Link> : null}
      </p>
      <ActivityFilterForm key={query.toString()} filters={filters} onChange={(next) => navigate(listUrl(next))} />
      <PagedList paged={{ ...paged, rows: uniqueById(paged.rows) }} what="activities">
        {(activities) => (
          <DataTable
            label="activities"
            rows={activities}
            rowKey={(activity) => activity.activity_id}
            columns={[
              { header: 'Date', cell: (activity) => new Date(activity.start_time).toLocaleDateString() },
              { header: 'Title', cell: (activity) => <Link to={`/activities/${activity.activity_id}`}>{activity.title}</Link> },
              { header: 'Type', cell: (activity) => activity.activity_type },
              { header: 'Status', cell: (activity) => activity.status },
              { header: 'Distance', cell: (activity) => metric(activity.distance_meters, (m) => longDistance(m, units)) },
              { header: 'Time', cell: (activity) => clock(activity.moving_time_seconds ?? activity.duration_seconds) },
              { header: 'Pace', cell: (activity) => metric(activity.average_pace_seconds_per_km, (s) => pace(s, units)) },
            ]}
          />
        )}
      </PagedList>
    </section>
  );
}

/** The contract's examples (the MSW mode) answer every page with the same rows; a row shows once. */
function uniqueById(activities: Activity[]): Activity[] {
  const seen = new Set<string>();
  return activities.filter((activity) => !seen.has(activity.activity_id) && seen.add(activity.activity_id));
}

/** "Your activities", or the athlete's name from their membership when a coach reads them. */
function AthleteHeading({ viewer, athleteId }: { viewer: Viewer; athleteId: string }) {
  const { client } = useApi();
  const other = athleteId !== viewer.userId && viewer.orgId !== null;
  const member = useQuery({
    queryKey: ['member', viewer.orgId, athleteId],
    queryFn: () => client.organizations.member(viewer.orgId!, athleteId),
    enabled: other,
  });
  if (!other) return <>Your activities</>;
  return <>Activities of {member.data?.display_name ?? 'an athlete'}</>;
}

function ActivityFilterForm({ filters, onChange }: { filters: ActivityFilters; onChange: (filters: ActivityFilters) => void }) {
  const [draft, setDraft] = useState<ActivityFilters>(filters);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const toggle = (status: (typeof __ASTRAL_ACTIVITY_STATUSES__)[number], on: boolean) => {
    const next = (draft.status ?? []).filter((s) => s !== status).concat(on ? [status] : []);
    setDraft({ ...draft, status: next.length ? next : undefined });
  };
  return (
    <form onSubmit={submit} aria-label="activity filters" className="filters">
      <Field label="Type">
        <select
          value={draft.activity_type ?? ''}
          onChange={(e) => setDraft({ ...draft, activity_type: (e.target.value || undefined) as ActivityType | undefined })}
        >
          <option value="">any</option>
          <Options values={__ASTRAL_ACTIVITY_TYPES__} />
        </select>
      </Field>
      <Field label="From">
        <input
          type="date"
          value={draft.start_date ?? ''}
          onChange={(e) => setDraft({ ...draft, start_date: e.target.value || undefined })}
        />
      </Field>
      <Field label="To">
        <input type="date" value={draft.end_date ?? ''} onChange={(e) => setDraft({ ...draft, end_date: e.target.value || undefined })} />
      </Field>
      <fieldset className="statuses">
        <legend>Status</legend>
        {__ASTRAL_ACTIVITY_STATUSES__.map((status) => (
          <label key={status} className="checkbox">
            <input type="checkbox" checked={draft.status?.includes(status) ?? false} onChange={(e) => toggle(status, e.target.checked)} />
            {status}
          </label>
        ))}
      </fieldset>
      <button type="submit">Filter</button>
    </form>
  );
}
