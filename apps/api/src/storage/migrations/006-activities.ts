/**
 * Version 6, activities: the `activities` table (one row per activity, its start in epoch
 * milliseconds beside the ISO text so pages order and filter by a number) and
 * `activity_streams` (the recorded points of an activity, one row of columnar JSON, read
 * only by the streams operation). The list's index leads with the athlete, as every list
 * is one athlete's, newest first.
 */
import type { Migration } from './migration.js';

export const activitiesTable: Migration = {
  version: 6,
  name: 'activities',
  async up({ db, run }) {
    const schema = db.schema;
    await run(
      schema
        .createTable('activities')
        .addColumn('activity_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('activity_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('start_ms', 'bigint', (c) => c.notNull())
        .addColumn('duration_seconds', 'integer', (c) => c.notNull())
        .addColumn('distance_meters', 'double precision')
        .addColumn('moving_time_seconds', 'integer')
        .addColumn('elevation_gain_meters', 'double precision')
        .addColumn('average_heart_rate', 'integer')
        .addColumn('max_heart_rate', 'integer')
        .addColumn('average_cadence', 'integer')
        .addColumn('plan_instance_id', 'text')
        .addColumn('polyline', 'text')
        .addColumn('stream_points', 'integer', (c) => c.notNull())
        .addColumn('summary_title', 'text')
        .addColumn('summary', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    );
    await run(schema.createIndex('activities_user_start').on('activities').columns(['user_id', 'start_ms', 'activity_id']));
    await run(
      schema
        .createTable('activity_streams')
        .addColumn('activity_id', 'text', (c) => c.primaryKey())
        .addColumn('point_count', 'integer', (c) => c.notNull())
        .addColumn('streams', 'text', (c) => c.notNull()),
    );
  },
};
