// Fills a reference-API database with other athletes' activities, written by the database
// itself in one statement (a recursive CTE on SQLite, generate_series on PostgreSQL): a
// million rows through the API would take the bench an hour and measure the writes instead.
// Each athlete gets one activity a week going back in time, so every athlete's month holds
// four or five of them, like the development athlete's the seed wrote.
import Database from 'better-sqlite3';
import postgres from 'postgres';

export interface BulkActivities {
  /** How many activities to add. */
  count: number;
  /** Over how many athletes (`usr_bulk0` …), none of them the seeded ones. */
  athletes: number;
  /** The newest activity starts a day before this instant (epoch ms). */
  nowMs: number;
}

const dayMs = 86_400_000;
const columns =
  'activity_id, user_id, title, activity_type, status, source, start_time, start_ms, duration_seconds, distance_meters, stream_points, created_by, created_at, updated_at';

/** One activity a week per athlete, the weekday varying with the athlete: `i`'s start in ms. */
const startMs = (bulk: BulkActivities, i: string) =>
  `${bulk.nowMs - dayMs} - (${i} / ${bulk.athletes}) * ${7 * dayMs} - (${i} % 7) * ${dayMs}`;

const selectList = (bulk: BulkActivities, isoOf: (ms: string) => string) =>
  `'act_bulk' || i, 'usr_bulk' || (i % ${bulk.athletes}), 'Easy run', 'run', 'completed', 'garmin', ${isoOf('ms')}, ms, 3600, 10000, 0, ` +
  `'usr_bulk' || (i % ${bulk.athletes}), ${isoOf('ms')}, ${isoOf('ms')}`;

/**
 * Adds the activities to the API's SQLite file, then refreshes the planner's statistics.
 * @example
 * addSqliteActivities(join(dataDir, 'astral.sqlite'), { count: 1_000_000, athletes: 10_000, nowMs: Date.now() });
 */
export function addSqliteActivities(file: string, bulk: BulkActivities): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 10000');
    const iso = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%SZ', ${ms} / 1000, 'unixepoch')`;
    db.exec(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${bulk.count}) ` +
        `INSERT INTO activities (${columns}) SELECT ${selectList(bulk, iso)} FROM (SELECT i, ${startMs(bulk, 'i')} AS ms FROM n)`,
    );
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
}

/**
 * Adds the activities to the API's PostgreSQL database, then refreshes the planner's statistics.
 * @example
 * await addPostgresActivities(databaseUrl, { count: 1_000_000, athletes: 10_000, nowMs: Date.now() });
 */
export async function addPostgresActivities(url: string, bulk: BulkActivities): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const iso = (ms: string) => `to_char(to_timestamp(${ms} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    await sql.unsafe(
      `INSERT INTO activities (${columns}) SELECT ${selectList(bulk, iso)} ` +
        `FROM (SELECT i, ${startMs(bulk, 'i')} AS ms FROM generate_series(0, ${bulk.count - 1}::bigint) AS i) AS generated`,
    );
    await sql.unsafe('ANALYZE activities');
  } finally {
    await sql.end();
  }
}
