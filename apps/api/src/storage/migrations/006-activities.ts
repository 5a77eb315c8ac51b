/**
 * Version 6, activities: the `activities` table, one row per activity as the API
 * returns it; the primary key's order is the list's (keyset pages by `activity_id`).
 */
import type { Migration } from './migration.js';

export const activitiesTable: Migration = {
  version: 6,
  name: 'activities',
  async up({ db, run }) {
    await run(
      db.schema
        .createTable('activities')
        .addColumn('activity_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    );
  },
};
