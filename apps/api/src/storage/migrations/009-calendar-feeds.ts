/**
 * Version 8, calendar feeds: `calendar_feeds`, one row per user and plan instance whose
 * calendar they subscribed to by URL, keeping only the SHA-256 hash of the feed's secret
 * (like access tokens and API keys), so a leaked database gives no usable feed URL. Making a
 * new feed replaces the row (one statement, keyed by user and instance), so the old URL is
 * refused at once; revoking deletes it. Whether its maker may still read the instance is
 * asked at every read, so nothing here changes when their access does.
 */
import type { Migration } from './migration.js';

export const calendarFeedsTable: Migration = {
  version: 9,
  name: 'training plans: calendar feeds',
  async up({ db, run }) {
    const { schema } = db;
    await run(
      schema
        .createTable('calendar_feeds')
        .addColumn('feed_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('plan_instance_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text'),
    );
    await run(schema.createIndex('calendar_feeds_owner').unique().on('calendar_feeds').columns(['user_id', 'plan_instance_id']));
  },
};
