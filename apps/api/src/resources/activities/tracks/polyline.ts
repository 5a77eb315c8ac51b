// The package has no "exports" map: Node's ESM loader reads its UMD build (`main`) and hands
// its exports over as `default`, while vitest and bundlers read its ESM build (`module`), whose
// exports are named. Take whichever form arrived.
import * as polylineModule from '@googlemaps/polyline-codec';
import { evenIndices } from './streams.js';
import type { TrackPoint } from './track-point.js';

const polylineCodec: Pick<typeof polylineModule, 'encode' | 'decode'> =
  'encode' in polylineModule ? polylineModule : (polylineModule as unknown as { default: typeof polylineModule }).default;

/** A route of this many points is drawn without visible corners at any map zoom of a run. */
export const POLYLINE_MAX_POINTS = 1_000;

/**
 * The route as a Google encoded polyline (precision 5, about 1 m), thinned to at most maxPoints
 * points spread evenly over the track (first and last kept): a marathon at 1 Hz becomes points
 * about 40 m apart, a few kilobytes instead of a hundred.
 */
export function encodePolyline(points: TrackPoint[], maxPoints = POLYLINE_MAX_POINTS): string {
  const path = evenIndices(points.length, Math.max(2, maxPoints)).map((index): [number, number] => [
    points[index]!.lat,
    points[index]!.lon,
  ]);
  return polylineCodec.encode(path, 5);
}

/** The inverse, for the tests and for clients written in TypeScript: [lat, lon] pairs. */
export function decodePolyline(encoded: string): [number, number][] {
  return polylineCodec.decode(encoded, 5);
}
