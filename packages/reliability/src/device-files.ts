/**
 * Device files for the operations that take a file as itself (`importActivity`: the operation
 * table lists media types and no JSON): valid GPX and FIT recordings generated from a seed
 * with the reference API's tracks library, and files the contract's catalogue refuses, each
 * with the `details.code` it must be refused with. What "valid" means for a file is its
 * parser's to say, so the broken files break one rule each (a truncated FIT, entity
 * declarations, a single point, points out of order, a point without a time or off the globe).
 */
import fc from 'fast-check';
import { generateRoute, writeFit, writeGpx, type TrackPoint } from '@astral/api/tracks';
import type { ErrorCode } from '@astral/openapi';
import { operationTable, type OperationId } from './contract.js';

const GPX = 'application/gpx+xml';
const FIT = 'application/vnd.ant.fit';
const encode = (text: string) => new TextEncoder().encode(text);

/** Whether the operation takes a file as itself (media types, none of them JSON). */
export function takesFile(id: OperationId): boolean {
  const types: readonly string[] = operationTable[id].requestContentTypes;
  return types.length > 0 && !types.includes('application/json');
}

/** A file, its media type, and for a refused one the code the API must answer with. */
export interface DeviceFile {
  type: string;
  bytes: Uint8Array;
  code?: ErrorCode;
}

/** A short recorded run (0.3 to 2 km, one point a second), starting in a random second of 2020-2029. */
const track = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    startS: fc.integer({ min: 1_577_836_800, max: 1_893_455_999 }),
    meters: fc.integer({ min: 300, max: 2000 }),
  })
  .map(({ seed, startS, meters }) => generateRoute({ seed, start: new Date(startS * 1000), distance_m: meters, pace_s_per_km: 330 }));

/** Files the import accepts: the run as GPX or as FIT. */
export const validDeviceFile: fc.Arbitrary<DeviceFile> = fc
  .tuple(track, fc.boolean())
  .map(([points, fit]) => (fit ? { type: FIT, bytes: writeFit(points) } : { type: GPX, bytes: encode(writeGpx(points)) }));

const gpxOf = (trackPoints: string) =>
  encode(`<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="fuzz"><trk><trkseg>${trackPoints}</trkseg></trk></gpx>`);
const trkpt = (point: TrackPoint, time = true) =>
  `<trkpt lat="${point.lat}" lon="${point.lon}">${time ? `<time>${new Date(point.time).toISOString()}</time>` : ''}</trkpt>`;

/** Ways to break a recorded track, one rule each, with the code the catalogue gives it. */
const breakers: Array<(points: TrackPoint[]) => DeviceFile> = [
  (points) => ({ type: FIT, bytes: writeFit(points).slice(0, 200), code: 'MALFORMED_FILE' }),
  () => ({ type: FIT, bytes: encode('<gpx version="1.1"></gpx>'), code: 'MALFORMED_FILE' }),
  (points) => ({ type: GPX, bytes: encode(writeGpx(points)).slice(0, 300), code: 'MALFORMED_FILE' }),
  (points) => ({
    type: GPX,
    bytes: encode(
      `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><gpx>${trkpt(points[0]!)}&lol2;</gpx>`,
    ),
    code: 'UNSAFE_XML',
  }),
  () => ({ type: GPX, bytes: gpxOf(''), code: 'NO_TRACK' }),
  (points) => ({ type: GPX, bytes: gpxOf(trkpt(points[0]!)), code: 'TOO_FEW_POINTS' }),
  (points) => ({
    type: FIT,
    bytes: writeFit([points[1]!, points[0]!].map((p, i) => ({ ...p, time: points[0]!.time + (1 - i) * 5000 }))),
    code: 'POINTS_OUT_OF_ORDER',
  }),
  (points) => ({ type: GPX, bytes: gpxOf(trkpt(points[0]!) + trkpt(points[1]!, false)), code: 'MISSING_TIMESTAMP' }),
  (points) => ({ type: GPX, bytes: gpxOf(trkpt(points[0]!) + trkpt({ ...points[1]!, lat: 91.5 })), code: 'COORDINATES_OUT_OF_RANGE' }),
];

/** Files the import refuses, each with its code. */
export const brokenDeviceFile: fc.Arbitrary<DeviceFile> = fc
  .tuple(track, fc.integer({ min: 0, max: breakers.length - 1 }))
  .map(([points, which]) => breakers[which]!(points));

/**
 * One valid FIT file made unique by `tag` (its start second is derived from it), for a request
 * that must succeed rather than be a duplicate of another's (the auth matrix's cells).
 *
 * @example
 * ```ts
 * deviceFileFor('cell12').type; // 'application/vnd.ant.fit'
 * ```
 */
export function deviceFileFor(tag: string): DeviceFile {
  let hash = 0;
  for (const char of tag) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const start = new Date(Date.UTC(2030, 0, 1) + (hash % 300_000_000) * 1000);
  return { type: FIT, bytes: writeFit(generateRoute({ seed: (hash % 1_000_000) + 1, start, distance_m: 400, pace_s_per_km: 330 })) };
}
