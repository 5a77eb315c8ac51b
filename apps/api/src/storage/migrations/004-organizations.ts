/**
 * Version 4, organizations with members: each organization's details and settings, one
 * membership per user (a user belongs to at most one organization, so `user_id` is the key),
 * the audit log of membership and role changes, and what an API key is beyond its hash (its
 * id, name, prefix, creator and expiry; `expires_ms` is what requests compare). Labels are kept twice: as JSON for
 * reading, and as `|a|b|` in `label_keys` so the `label` filter is one `LIKE` on every database.
 */
import type { Migration } from './migration.js';

export const organizationMembers: Migration = {
  version: 4,
  name: 'organizations: details, members, audit log',
  async up({ db, run, rows }) {
    const { schema } = db;
    for (const column of ['description', 'head_coach_user_id', 'settings', 'created_at', 'updated_at']) {
      await run(schema.alterTable('organizations').addColumn(column, 'text'));
    }
    // Organizations of earlier versions (the seeded one) get empty settings and the migration's time.
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await run(db.updateTable('organizations').set({ settings: '{}', created_at: at, updated_at: at }).where('created_at', 'is', null));

    await run(
      schema
        .createTable('organization_members')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.user_id').onDelete('cascade'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('nickname', 'text')
        .addColumn('level', 'text')
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('coach_labels', 'text', (c) => c.notNull())
        .addColumn('label_keys', 'text', (c) => c.notNull())
        .addColumn('coach_notes', 'text')
        .addColumn('coach_id', 'text')
        .addColumn('joined_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    );
    await run(schema.createIndex('organization_members_org').on('organization_members').columns(['organization_id', 'user_id']));

    await run(
      schema
        .createTable('organization_audit_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id').onDelete('cascade'))
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('occurred_ms', 'bigint', (c) => c.notNull()),
    );
    await run(
      schema
        .createIndex('organization_audit_events_org')
        .on('organization_audit_events')
        .columns(['organization_id', 'occurred_ms', 'event_id']),
    );
    for (const [column, type] of [
      ['key_id', 'text'],
      ['name', 'text'],
      ['key_prefix', 'text'],
      ['created_by', 'text'],
      ['created_at', 'text'],
      ['expires_at', 'text'],
      ['expires_ms', 'bigint'],
    ] as const) {
      await run(schema.alterTable('api_keys').addColumn(column, type));
    }
    // Keys of earlier versions (made by the seed or the admin CLI): an id from their hash.
    const keys = await rows<{ key_hash: string }>(db.selectFrom('api_keys').select('key_hash'));
    for (const key of keys) {
      await run(
        db
          .updateTable('api_keys')
          .set({ key_id: `key_${key.key_hash.slice(0, 20)}`, name: 'API key', created_at: at })
          .where('key_hash', '=', key.key_hash),
      );
    }
    await run(schema.createIndex('api_keys_key_id').on('api_keys').column('key_id').unique());
    // Groups: a name unique within the organization in any case (`name_key`, lowercased).
    await run(
      schema
        .createTable('organization_groups')
        .addColumn('group_id', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('privacy', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('organization_groups_name', ['organization_id', 'name_key']),
    );
    await run(
      schema
        .createTable('organization_group_members')
        .addColumn('group_id', 'text', (c) => c.notNull().references('organization_groups.group_id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('organization_group_members_pk', ['group_id', 'user_id']),
    );
    await run(schema.createIndex('organization_group_members_user').on('organization_group_members').column('user_id'));
  },
};
