/**
 * Version NNN, sample items: the `sample_items` table, one row per sample item as the API
 * returns it; the primary key's order is the list's (keyset pages by `sample_item_id`).
 */
import type { Migration } from './migration.js';

export const sampleItemsTable: Migration = {
  version: 0,
  name: 'sample items',
  async up({ db, run }) {
    await run(
      db.schema
        .createTable('sample_items')
        .addColumn('sample_item_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    );
  },
};
