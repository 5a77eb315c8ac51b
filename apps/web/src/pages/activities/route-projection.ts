/**
 * A route as an SVG path, with no map tiles: the points (the activity's encoded polyline, or
 * its `latlng` stream) projected equirectangularly around their mean latitude (over a run's
 * few kilometres the distortion is far below a pixel), scaled to fit a box with the north up.
 */
import { decode } from '@googlemaps/polyline-codec';

export type LatLng = readonly [number, number];

export interface ProjectedRoute {
  /** The SVG path's `d`: `M x y L x y ...`. */
  path: string;
  start: { x: number; y: number };
  end: { x: number; y: number };
}

/** The points of an encoded polyline (Google's algorithm, precision 5, as the contract says). */
export const decodePolyline = (encoded: string): LatLng[] => decode(encoded, 5);

const EARTH_RADIUS_M = 6_371_000;
const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** The great-circle distance between two points, in meters (haversine). */
export function metersBetween([lat1, lon1]: LatLng, [lat2, lon2]: LatLng): number {
  const a =
    Math.sin(radians(lat2 - lat1) / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(radians(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

/**
 * The route fitted into `width` × `height` with `padding` on every side, keeping its shape.
 *
 * @example
 * ```ts
 * projectRoute([[0, 0], [0, 1]], 100, 50, 5).path; // 'M 5 25 L 95 25'
 * ```
 */
export function projectRoute(points: readonly LatLng[], width: number, height: number, padding: number): ProjectedRoute | undefined {
  if (points.length < 2) return undefined;
  const cos = Math.cos(radians(points.reduce((sum, [lat]) => sum + lat, 0) / points.length));
  const flat = points.map(([lat, lon]) => ({ x: lon * cos, y: -lat }));
  const xs = flat.map((p) => p.x);
  const ys = flat.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // A route running due east (or north) has no extent on the other axis: only the axes it spans fit it.
  const fit = (room: number, span: number): number => (span > 0 ? room / span : Infinity);
  const scale = Math.min(fit(width - 2 * padding, maxX - minX), fit(height - 2 * padding, maxY - minY));
  if (!Number.isFinite(scale)) return undefined;
  // Centred in the box along the axis the route does not fill.
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  const round = (n: number): number => Math.round(n * 10) / 10;
  const screen = flat.map((p) => ({ x: round(offsetX + (p.x - minX) * scale), y: round(offsetY + (p.y - minY) * scale) }));
  return {
    path: screen.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' '),
    start: screen[0]!,
    end: screen.at(-1)!,
  };
}
