/**
 * Version 1, the schema the API shipped with: principals with hashed credentials, races
 * and their participants, the seed marker. Databases created before migrations were written
 * with Kysely have it already (recorded as version 1), so it never runs on them again.
 */
import type { Migration } from './migration.js';

export const initial: Migration = {
  version: 1,
  name: 'races, participants, users, organizations, hashed credentials',
  async up({ db, run }) {
    const { schema } = db;
    await run(
      schema
        .createTable('organizations')
        .addColumn('organization_id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull()),
    );
    await run(
      schema
        .createTable('users')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('organization_id', 'text', (c) => c.references('organizations.organization_id')),
    );
    await run(
      schema
        .createTable('access_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id').onDelete('cascade'))
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text'),
    );
    await run(
      schema
        .createTable('api_keys')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.organization_id').onDelete('cascade'))
        .addColumn('revoked_at', 'text'),
    );
    await run(
      schema
        .createTable('races')
        .addColumn('race_id', 'text', (c) => c.primaryKey())
        .addColumn('race_name', 'text', (c) => c.notNull())
        .addColumn('race_name_key', 'text', (c) => c.notNull())
        .addColumn('race_type', 'text', (c) => c.notNull())
        .addColumn('race_subtype', 'text', (c) => c.notNull())
        .addColumn('race_subtype_key', 'text', (c) => c.notNull())
        .addColumn('race_date', 'text', (c) => c.notNull())
        .addColumn('race_date_ms', 'bigint', (c) => c.notNull())
        .addColumn('race_day', 'text', (c) => c.notNull())
        .addColumn('race_location', 'text', (c) => c.notNull())
        .addColumn('race_location_key', 'text', (c) => c.notNull())
        .addColumn('race_description', 'text')
        .addColumn('race_website_url', 'text')
        .addColumn('race_image_url', 'text')
        .addColumn('race_timezone', 'text')
        .addColumn('race_participant_count', 'integer')
        .addColumn('race_variants', 'text', (c) => c.notNull())
        .addColumn('race_categories', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    );
    // The 409 rule (same name, any case, same UTC day) is this index, not a read-then-write.
    await run(schema.createIndex('races_name_day').unique().on('races').columns(['race_name_key', 'race_day']));
    await run(schema.createIndex('races_date').on('races').columns(['race_date_ms', 'race_id']));
    await run(schema.createIndex('races_type_date').on('races').columns(['race_type', 'race_date_ms']));
    await run(
      schema
        .createTable('participants')
        .addColumn('participant_id', 'text', (c) => c.primaryKey())
        .addColumn('race_id', 'text', (c) => c.notNull().references('races.race_id').onDelete('cascade'))
        .addColumn('user_id', 'text')
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull()),
    );
    await run(schema.createIndex('participants_race').on('participants').column('race_id'));
    await run(schema.createTable('seed_runs').addColumn('seeded_at', 'text', (c) => c.notNull()));
  },
};
