// Streams, downsampling, the polyline, the generator's determinism and the writers' round trips.
import { describe, expect, it } from 'vitest';
import {
  computeStreams,
  decodePolyline,
  downsample,
  encodePolyline,
  generateRoute,
  parseFit,
  parseGpx,
  STREAM_NAMES,
  writeFit,
  writeGpx,
  type TrackPoint,
} from '../src/resources/activities/tracks/index.js';
import { haversine } from '../src/resources/activities/tracks/geo.js';
import { encodeText } from './tracks-helpers.js';

const start = new Date('2026-03-03T17:45:00.000Z');
const route = generateRoute({ seed: 3, start, distance_m: 5000, pace_s_per_km: 300 });

describe('computeStreams and downsample', () => {
  const streams = computeStreams(route);

  it('gives every stream one value per point, time from zero and distance never decreasing', () => {
    expect(STREAM_NAMES.length).toBeGreaterThan(0);
    for (const name of STREAM_NAMES) expect(streams[name], name).toHaveLength(route.length);
    expect(streams.time[0]).toBe(0);
    expect(streams.distance.every((metres, i) => i === 0 || metres >= streams.distance[i - 1]!)).toBe(true);
    expect(streams.latlng[10]).toEqual([route[10]!.lat, route[10]!.lon]);
    expect(streams.pace.filter((pace) => pace === null).length).toBeGreaterThan(0);
  });

  it('keeps the first and last point and exactly n points, all streams at the same indices', () => {
    const small = downsample(streams, 100);
    for (const name of STREAM_NAMES) {
      expect(small[name], name).toHaveLength(100);
      expect(small[name][0], name).toEqual(streams[name][0]);
      expect(small[name].at(-1), name).toEqual(streams[name].at(-1));
    }
    const index = streams.time.indexOf(small.time[50]!);
    expect(small.distance[50]).toBe(streams.distance[index]);
    expect(small.heartrate[50]).toBe(streams.heartrate[index]);
    expect(small.time.every((seconds, i) => i === 0 || seconds > small.time[i - 1]!)).toBe(true);
  });

  it('returns short streams whole and refuses n below 2', () => {
    expect(downsample(streams, route.length + 10).time).toHaveLength(route.length);
    expect(() => downsample(streams, 1)).toThrow(RangeError);
  });
});

describe('encodePolyline', () => {
  it('decodes back to the points within 1e-5 degrees', () => {
    const few = route.slice(0, 300);
    const decoded = decodePolyline(encodePolyline(few));
    expect(decoded).toHaveLength(300);
    decoded.forEach(([lat, lon], i) => {
      expect(Math.abs(lat - few[i]!.lat)).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(lon - few[i]!.lon)).toBeLessThanOrEqual(1e-5);
    });
  });

  it('thins a long route to the limit, keeping its start and end', () => {
    const decoded = decodePolyline(encodePolyline(route, 200));
    expect(route.length).toBeGreaterThan(200);
    expect(decoded).toHaveLength(200);
    expect(haversine(decoded[0]![0], decoded[0]![1], route[0]!.lat, route[0]!.lon)).toBeLessThan(1);
    expect(haversine(decoded[199]![0], decoded[199]![1], route.at(-1)!.lat, route.at(-1)!.lon)).toBeLessThan(1);
  });
});

describe('generateRoute', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateRoute({ seed: 3, start, distance_m: 5000, pace_s_per_km: 300 })).toEqual(route);
    expect(generateRoute({ seed: 4, start, distance_m: 5000, pace_s_per_km: 300 })).not.toEqual(route);
  });

  it('runs a loop back to its start at one point a second, with heart rate, cadence and altitude', () => {
    const first = route[0]!;
    const last = route.at(-1)!;
    expect(haversine(first.lat, first.lon, last.lat, last.lon)).toBeLessThan(10);
    expect(route.every((point, i) => i === 0 || point.time - route[i - 1]!.time === 1000)).toBe(true);
    const heartRates = route.map((point) => point.heartRate!);
    expect(Math.min(...heartRates)).toBeGreaterThan(90);
    expect(Math.max(...heartRates)).toBeLessThan(190);
    const altitudes = route.map((point) => point.altitude!);
    expect(Math.max(...altitudes) - Math.min(...altitudes)).toBeLessThan(30);
  });
});

/** The largest difference between the routes' values of one field (0 when all equal). */
function maxDeviation(parsed: TrackPoint[], field: (point: TrackPoint) => number | undefined): number {
  return Math.max(...parsed.map((point, i) => Math.abs((field(point) ?? Number.NaN) - (field(route[i]!) ?? Number.NaN))));
}

describe('writers', () => {
  it('round-trip through GPX to 1 cm, 0.1 m and the millisecond', () => {
    const parsed = parseGpx(encodeText(writeGpx(route, 'Evening <run> & co')));
    expect(parsed).toHaveLength(route.length);
    expect(maxDeviation(parsed, (point) => point.time)).toBe(0);
    expect(maxDeviation(parsed, (point) => point.lat)).toBeLessThanOrEqual(5e-8);
    expect(maxDeviation(parsed, (point) => point.lon)).toBeLessThanOrEqual(5e-8);
    expect(maxDeviation(parsed, (point) => point.altitude)).toBeLessThanOrEqual(1e-9);
    expect(maxDeviation(parsed, (point) => point.heartRate)).toBe(0);
    expect(maxDeviation(parsed, (point) => point.cadence)).toBe(0);
  });

  it('round-trip through FIT to the semicircle, 0.2 m and the second', () => {
    const parsed = parseFit(writeFit(route));
    expect(parsed).toHaveLength(route.length);
    expect(maxDeviation(parsed, (point) => point.time)).toBe(0);
    expect(maxDeviation(parsed, (point) => point.lat)).toBeLessThanOrEqual(1e-7);
    expect(maxDeviation(parsed, (point) => point.lon)).toBeLessThanOrEqual(1e-7);
    expect(maxDeviation(parsed, (point) => point.altitude)).toBeLessThanOrEqual(0.1 + 1e-9);
    expect(maxDeviation(parsed, (point) => point.heartRate)).toBe(0);
    expect(maxDeviation(parsed, (point) => point.cadence)).toBe(0);
  });
});
