/**
 * The activity page's route and charts, from `getActivityStreams` downsampled for a chart:
 * pace, heart rate and elevation against the distance. A stream the athlete's privacy flags
 * withhold from the viewer (the answer's `withheld`) is a "not shared" note, not an error;
 * one the device never recorded says so.
 */
import { useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { components } from '@astral/openapi';
import { useApi } from '../../session.js';
import { Loading } from '../../ui/states.js';
import { StreamChart, type ChartSeries } from './StreamChart.js';
import { RouteMap } from './RouteMap.js';
import { decodePolyline, type LatLng } from './route-projection.js';
import { axisDistance, axisUnit, pace, useUnitSystem, type UnitSystem } from '../../units.js';

type Activity = components['schemas']['Activity'];
type StreamType = components['schemas']['StreamType'];
type Streams = components['schemas']['ActivityStreams'];

/** Enough points for a chart as wide as a desktop page, few enough to answer quickly. */
export const CHART_POINTS = 400;
const CHART_TYPES: StreamType[] = ['time', 'distance', 'latlng', 'pace', 'heartrate', 'altitude'];

/** What a privacy flag hides, in the words of the athlete's settings. */
const notShared: Partial<Record<StreamType, string>> = {
  latlng: 'The athlete does not share the map of their activities.',
  pace: 'The athlete does not share their pace data.',
  heartrate: 'The athlete does not share their training data (heart rate).',
  altitude: 'The athlete does not share their training data (elevation).',
};

function NotShared({ type }: { type: StreamType }) {
  return (
    <p className="not-shared" role="note">
      <strong>Not shared.</strong> {notShared[type]}
    </p>
  );
}

export function ActivityStreams({ activity }: { activity: Activity }) {
  const { client } = useApi();
  const streams = useQuery({
    queryKey: ['activity-streams', activity.activity_id],
    queryFn: () => client.activities.streams(activity.activity_id, { types: CHART_TYPES, points: CHART_POINTS }),
    enabled: activity.has_streams,
  });
  const route = useMemo(() => (activity.polyline ? decodePolyline(activity.polyline) : undefined), [activity.polyline]);
  if (!activity.has_streams) {
    return (
      <section aria-labelledby="route-heading">
        <h2 id="route-heading">Route</h2>
        {route ? (
          <RouteMap title={activity.title} points={route} distanceMeters={activity.distance_meters} />
        ) : (
          <p className="empty">No GPS track or recorded streams: this activity was logged by hand.</p>
        )}
      </section>
    );
  }
  if (streams.isPending) return <Loading>Loading the route and charts…</Loading>;
  if (streams.isError) return <p>The route and charts could not be loaded.</p>;
  return <StreamsView activity={activity} route={route} streams={streams.data} />;
}

function StreamsView({ activity, route, streams }: { activity: Activity; route: LatLng[] | undefined; streams: Streams }) {
  const withheld = new Set(streams.withheld);
  const units = useUnitSystem();
  const { x, xLabel } = useMemo(() => xAxisOf(streams, units), [streams, units]);
  const points = route ?? (streams.streams.latlng as LatLng[] | undefined);
  const chart = (type: 'pace' | 'heartrate' | 'altitude', title: string, series: Omit<ChartSeries, 'x' | 'xLabel' | 'y'>): ReactNode => {
    if (withheld.has(type)) return <NotShared type={type} />;
    const y = streams.streams[type];
    if (!y || y.every((value) => value === null)) return <p className="empty">No {title.toLowerCase()} was recorded.</p>;
    return <MemoChart title={title} type={type} series={{ ...series, x, xLabel, y }} />;
  };
  return (
    <>
      <section aria-labelledby="route-heading">
        <h2 id="route-heading">Route</h2>
        {withheld.has('latlng') ? (
          <NotShared type="latlng" />
        ) : points && points.length > 1 ? (
          <RouteMap title={activity.title} points={points} distanceMeters={activity.distance_meters} />
        ) : (
          <p className="empty">No GPS track was recorded.</p>
        )}
      </section>
      <section aria-labelledby="charts-heading" className="charts">
        <h2 id="charts-heading">Charts</h2>
        {chart('pace', 'Pace', { format: (s) => pace(s, units), invert: true, color: '#1f6feb' })}
        {chart('heartrate', 'Heart rate', { format: (bpm) => `${Math.round(bpm)} bpm`, color: '#c9302c' })}
        {chart('altitude', 'Elevation', { format: (m) => `${Math.round(m)} m`, color: '#2f7d32' })}
      </section>
    </>
  );
}

/** Kilometres (miles) from the start when the distance stream is there, else minutes. */
function xAxisOf(streams: Streams, units: UnitSystem): { x: number[]; xLabel: string } {
  const { distance, time } = streams.streams;
  if (distance && distance.length === streams.points) return { x: distance.map((m) => axisDistance(m, units)), xLabel: axisUnit(units) };
  if (time) return { x: time.map((s) => s / 60), xLabel: 'minutes' };
  return { x: Array.from({ length: streams.points }, (_, i) => i), xLabel: 'point' };
}

/** The chart's series kept by identity while its stream is unchanged, so uPlot draws it once. */
function MemoChart({ title, type, series }: { title: string; type: string; series: ChartSeries }) {
  const stable = useMemo(() => series, [type, series.x, series.y]);
  return <StreamChart title={title} series={stable} />;
}
