/**
 * The seed's activities: three weeks of training for the two development athletes with an
 * account of their own (Maya, usr_athlete1, and Leo, usr_athlete2): easy runs, a tempo run and
 * a long run each week with GPS tracks generated deterministically (one seed per run, so the
 * same database every time) by the activities' tracks library, a strength workout, one
 * skipped session and next week's scheduled long run. Points every 5 s (a watch's "smart"
 * recording) keep the seed small.
 */
import type { ActivityRow } from '../resources/activities/model.js';
import { recordedTrack } from '../resources/activities/recorded-track.js';
import { withSummary } from '../resources/activities/summary.js';
import { generateRoute, type TrackStreams } from '../resources/activities/tracks/index.js';
import { formatInstant } from '../domain/time.js';
import { seedIds } from './identities.js';
import { dayMs, type SeedTime } from './time.js';

/** An activity the seed writes, with its recorded streams when it has a track. */
export interface SeedActivity {
  activity: ActivityRow;
  streams?: TrackStreams;
}

interface Session {
  daysAgo: number;
  title: string;
  km?: number;
  paceSPerKm?: number;
  type?: ActivityRow['activity_type'];
  status?: ActivityRow['status'];
  minutes?: number;
}

/** One week of an athlete's training, repeated three times with a growing long run. */
function week(n: number, base: number): Session[] {
  const start = 7 * n;
  return [
    { daysAgo: start + 1, title: 'Easy run', km: 6 * base, paceSPerKm: 345 },
    { daysAgo: start + 3, title: 'Tempo run', km: 8 * base, paceSPerKm: 300 },
    { daysAgo: start + 4, title: 'Core and mobility', type: 'workout', minutes: 30 },
    { daysAgo: start + 5, title: 'Recovery jog', km: 4 * base, paceSPerKm: 370 },
    { daysAgo: start + 6, title: 'Long run', km: (14 - 2 * n) * base, paceSPerKm: 350 },
  ];
}

const origins = {
  [seedIds.athlete]: { lat: 52.5145, lon: 13.3501 },
  [seedIds.memberAthlete]: { lat: 46.2044, lon: 6.1432 },
} as const;

/**
 * @example
 * ```ts
 * seedActivities(seedTime(new Date())).length; // 34
 * ```
 */
export function seedActivities({ nowMs, addedAt }: SeedTime): SeedActivity[] {
  // Mornings at 06:30 UTC, counted back from the seed's day.
  const today = Math.floor(nowMs / dayMs) * dayMs + 6.5 * 3_600_000;
  const athletes = [
    { userId: seedIds.athlete, base: 1, seed: 100 },
    { userId: seedIds.memberAthlete, base: 0.8, seed: 200 },
  ];
  return athletes.flatMap(({ userId, base, seed }) => {
    const sessions: Session[] = [
      ...[0, 1, 2].flatMap((n) => week(n, base)),
      { daysAgo: 9, title: 'Intervals', status: 'skipped', km: 7 * base },
      { daysAgo: -2, title: 'Long run', status: 'scheduled', km: 16 * base },
    ];
    return sessions.map((session, index): SeedActivity => {
      const startMs = today - session.daysAgo * dayMs;
      const base: ActivityRow = {
        activity_id: `act_seed${userId.slice(4)}n${index}`,
        user_id: userId,
        title: session.title,
        description: null,
        activity_type: session.type ?? 'run',
        status: session.status ?? 'completed',
        source: session.km === undefined || session.status !== undefined ? 'manual' : 'garmin',
        start_time: formatInstant(startMs),
        start_ms: startMs,
        duration_seconds: (session.minutes ?? 0) * 60 || Math.round((session.km ?? 0) * (session.paceSPerKm ?? 330)),
        distance_meters: session.km === undefined ? null : session.km * 1000,
        moving_time_seconds: null,
        elevation_gain_meters: null,
        average_heart_rate: null,
        max_heart_rate: null,
        average_cadence: null,
        plan_instance_id: null,
        polyline: null,
        stream_points: 0,
        summary_title: null,
        summary: null,
        created_by: userId,
        created_at: addedAt,
        updated_at: addedAt,
      };
      if (session.km === undefined || session.status !== undefined) return { activity: withSummary(base) };
      const points = generateRoute({
        seed: seed + index,
        start: new Date(startMs),
        distance_m: session.km * 1000,
        pace_s_per_km: session.paceSPerKm ?? 330,
        origin: origins[userId],
        interval_s: 5,
      });
      const { columns, streams } = recordedTrack(points, 'run');
      return { activity: withSummary({ ...base, ...columns }), streams };
    });
  });
}
