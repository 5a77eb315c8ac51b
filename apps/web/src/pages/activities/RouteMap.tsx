/**
 * The route drawn as an SVG path (no map tiles: none can be fetched here, and a route needs
 * none to be recognised), with start and end markers. The drawing is an image with a text
 * alternative: how long the route is and whether it ends where it started.
 */
import { useId } from 'react';
import { metersBetween, projectRoute, type LatLng } from './route-projection.js';
import { longDistance, useUnitSystem, type UnitSystem } from '../../units.js';

const WIDTH = 600;
const HEIGHT = 360;
const PADDING = 16;
/** A route that ends within this of its start is a loop. */
const LOOP_M = 200;

const position = ([lat, lon]: LatLng): string =>
  `${Math.abs(lat).toFixed(4)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(4)}° ${lon >= 0 ? 'E' : 'W'}`;

/** What the drawing shows, in words: for a screen reader, and under the drawing for everyone. */
export function routeDescription(points: readonly LatLng[], distanceMeters: number | null, units: UnitSystem = 'metric'): string {
  const start = points[0]!;
  const end = points.at(-1)!;
  const gap = metersBetween(start, end);
  const length = distanceMeters === null ? '' : `${longDistance(distanceMeters, units)} `;
  const shape = gap <= LOOP_M ? `a ${length}loop from ${position(start)}` : `a ${length}route from ${position(start)} to ${position(end)}`;
  return `The route: ${shape}, drawn from ${points.length} points.`;
}

export function RouteMap({ title, points, distanceMeters }: { title: string; points: readonly LatLng[]; distanceMeters: number | null }) {
  const id = useId();
  const units = useUnitSystem();
  const route = projectRoute(points, WIDTH, HEIGHT, PADDING);
  if (!route) return <p className="empty">The route is too short to draw.</p>;
  const description = routeDescription(points, distanceMeters, units);
  return (
    <figure className="route">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`}>
        <title id={`${id}-title`}>{`Route of ${title}`}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <path d={route.path} className="route-line" />
        {/* The finish first: on a loop the start's circle sits on top of it, and both show. */}
        <rect x={route.end.x - 8} y={route.end.y - 8} width={16} height={16} className="route-end" />
        <circle cx={route.start.x} cy={route.start.y} r={6} className="route-start" />
      </svg>
      <figcaption>
        {description} <span className="legend-start">●</span> start, <span className="legend-end">■</span> finish; north is up.
      </figcaption>
    </figure>
  );
}
