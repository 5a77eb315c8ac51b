// Metrics of a track against values worked out by hand, and the same generated run read from
// GPX and from FIT giving the same summary.
import { describe, expect, it } from 'vitest';
import {
  computeStreams,
  generateRoute,
  parseFit,
  parseGpx,
  summarizeTrack,
  writeFit,
  writeGpx,
  type TrackPoint,
} from '../src/resources/activities/tracks/index.js';
import { encodeText, meridianTrack } from './tracks-helpers.js';

describe('summarizeTrack on the hand-checked meridian track', () => {
  // Along a meridian haversine is exact: d = R·Δφ. 1,000 steps of 0.00003° = 0.03°, so
  // distance = 6,371,000 m × 0.03 × π / 180 = 3,335.8478 m (the 60 s standing still adds nothing:
  // the smoothed positions there do not move).
  // Moving time: 1,000 s of running plus the first and last 4 s of the stop. A segment counts as
  // moving when the smoothed displacement across [t-1-5 s, t+5 s] (11 s) is at least
  // 0.5 m/s × 11 s = 5.5 m, i.e. 1.65 steps. Smoothed positions (5-point mean, in steps) near the
  // stop at t = 500: q(498) = 498, q(499) = 498.8, q(500) = 499.4, q(501) = 499.8, q(502..558) = 500.
  // Segments ending at 501..504 see q(t+5) - q(t-6) = 5, 4, 3, 2 steps: moving; at 505 it is
  // 500 - 498.8 = 1.2: still. Symmetrically segments ending at 557..560 (2..5 steps) are moving,
  // 556 (1.2) is still. So 1,000 + 4 + 4 = 1,008 s.
  const summary = summarizeTrack(meridianTrack());

  it('measures distance, moving and elapsed time and pace', () => {
    expect(summary.distance_m).toBe(3335.8);
    expect(summary.elapsed_time_s).toBe(1060);
    expect(summary.moving_time_s).toBe(1008);
    // 1,008 s / 3.3358478 km = 302.172 s/km
    expect(summary.average_pace_s_per_km).toBe(302.2);
    expect(summary.start_time).toBe('2026-03-01T07:00:00.000Z');
    expect(summary.end_time).toBe('2026-03-01T07:17:40.000Z');
    expect(summary.point_count).toBe(1061);
  });

  it('takes the maximum and the mean of the heart-rate samples', () => {
    // 500 samples of 120 (t < 500) and 561 of 150: (60,000 + 84,150) / 1,061 = 135.86
    expect(summary.max_heart_rate).toBe(150);
    expect(summary.average_heart_rate).toBe(136);
    expect(summary.average_cadence).toBeUndefined();
    expect(summary.elevation_gain_m).toBe(0);
  });

  it('ends the distance stream at the summary distance and has no pace while standing still', () => {
    const streams = computeStreams(meridianTrack());
    expect(streams.distance.at(-1)).toBe(3335.8);
    expect(streams.time[1060]).toBe(1060);
    // t = 200: 30 steps in the 30 s window: 100.0754 m / 30 s = 3.33585 m/s, 299.77 s/km
    expect(streams.pace[200]).toBe(299.8);
    expect(streams.pace[530]).toBeNull();
    expect(streams.heartrate[0]).toBe(120);
    expect(streams.altitude[0]).toBeNull();
  });
});

describe('elevation gain', () => {
  const track = (altitudes: (number | undefined)[]): TrackPoint[] =>
    altitudes.map((altitude, i) => ({ time: i * 1000, lat: i * 0.00003, lon: 0, ...(altitude === undefined ? {} : { altitude }) }));

  it('counts climbs trough to peak once they pass the 3 m hysteresis, and no noise', () => {
    // 100 → 102 → 101 (under 3 m: nothing), → 105 (+5 from 100), 104 (a 1 m dip), → 110 (+5),
    // 107 (3 m down: descending), 103 (new low), → 106 (+3 from 103), 100: 5 + 5 + 3 = 13 m.
    expect(summarizeTrack(track([100, 102, 101, 105, 104, 110, 107, 103, 106, 100])).elevation_gain_m).toBe(13);
    // Noise of under 3 m peak to peak on flat ground climbs nothing (49 → 51.9 is 2.9 m); a
    // missing altitude is skipped; 4 m peak to peak (48 → 52) is a climb.
    expect(summarizeTrack(track([50, 51, 49.5, 49, undefined, 50.5, 51.9, 50])).elevation_gain_m).toBe(0);
    expect(summarizeTrack(track([50, 52, 50, 48, 50, 52, 50])).elevation_gain_m).toBe(4);
    // A dip right after the start: the climb counts from the dip (98 → 110).
    expect(summarizeTrack(track([100, 98, 104, 110])).elevation_gain_m).toBe(12);
  });
});

describe('the same generated run as GPX and as FIT', () => {
  const points = generateRoute({ seed: 11, start: new Date('2026-03-02T06:30:00Z'), distance_m: 8000, pace_s_per_km: 320 });
  const fromGpx = summarizeTrack(parseGpx(encodeText(writeGpx(points))));
  const fromFit = summarizeTrack(parseFit(writeFit(points)));

  it('gives the same summary within the formats’ precision', () => {
    // GPX keeps 1 cm and 0.1 m, FIT about 1 cm (semicircles) and 0.2 m of altitude.
    expect(fromGpx.point_count).toBe(points.length);
    expect(fromFit.point_count).toBe(points.length);
    expect(Math.abs(fromGpx.distance_m - fromFit.distance_m)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(fromGpx.moving_time_s - fromFit.moving_time_s)).toBeLessThanOrEqual(1);
    expect(Math.abs(fromGpx.elevation_gain_m - fromFit.elevation_gain_m)).toBeLessThanOrEqual(1);
    expect(Math.abs(fromGpx.average_pace_s_per_km! - fromFit.average_pace_s_per_km!)).toBeLessThanOrEqual(0.5);
    for (const field of ['elapsed_time_s', 'start_time', 'end_time', 'max_heart_rate', 'average_heart_rate', 'average_cadence'] as const) {
      expect(fromFit[field], field).toBe(fromGpx[field]);
    }
  });

  it('matches what the generator was asked for', () => {
    // GPS noise adds a little distance; the stop half-way (45 s) is not moving time.
    expect(fromGpx.distance_m).toBeGreaterThan(8000);
    expect(fromGpx.distance_m).toBeLessThan(8000 * 1.01);
    expect(fromGpx.elapsed_time_s - fromGpx.moving_time_s).toBeGreaterThanOrEqual(30);
    expect(fromGpx.elapsed_time_s - fromGpx.moving_time_s).toBeLessThanOrEqual(50);
    expect(fromGpx.average_pace_s_per_km).toBeGreaterThan(310);
    expect(fromGpx.average_pace_s_per_km).toBeLessThan(330);
  });
});
