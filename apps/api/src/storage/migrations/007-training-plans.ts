/**
 * Version 7, training plans: `training_plans`, one row per plan with its weeks as JSON text
 * (`created_ms` orders the newest-first list, `search_key` serves `search`), and
 * `plan_instances`, one row per athlete a plan was assigned to, with its own copy of the weeks
 * (a plan changed or deleted later leaves a running instance as it was assigned).
 */
import type { Migration } from './migration.js';

export const trainingPlansTable: Migration = {
  version: 7,
  name: 'training plans and their instances',
  async up({ db, run }) {
    const { schema } = db;
    await run(
      schema
        .createTable('training_plans')
        .addColumn('training_plan_id', 'text', (c) => c.primaryKey())
        .addColumn('training_plan_name', 'text', (c) => c.notNull())
        .addColumn('training_plan_description', 'text')
        .addColumn('training_plan_type', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('duration_in_weeks', 'integer', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('coach_name', 'text')
        .addColumn('cover_image_url', 'text')
        .addColumn('workout_days', 'text', (c) => c.notNull())
        .addColumn('weeks', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('search_key', 'text', (c) => c.notNull()),
    );
    await run(schema.createIndex('training_plans_newest').on('training_plans').columns(['created_ms', 'training_plan_id']));
    await run(
      schema
        .createTable('plan_instances')
        .addColumn('plan_instance_id', 'text', (c) => c.primaryKey())
        .addColumn('training_plan_id', 'text', (c) => c.notNull())
        .addColumn('training_plan_name', 'text', (c) => c.notNull())
        .addColumn('athlete_id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text')
        .addColumn('group_id', 'text')
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('end_date', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('weeks', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull()),
    );
    await run(schema.createIndex('plan_instances_athlete').on('plan_instances').columns(['athlete_id', 'training_plan_id']));
  },
};
