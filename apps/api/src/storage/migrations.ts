/**
 * Schema migrations, applied in order, each once, each in its own transaction; the
 * applied versions are recorded in `schema_migrations`. Add a change as a new entry at
 * the end, never by editing an applied one.
 *
 * The SQL is kept portable (TEXT, INTEGER, BIGINT, plain indexes, no SQLite-only
 * functions): case-insensitive keys are lowercased by the application into `*_key`
 * columns, dates are compared as epoch milliseconds, lists are JSON text.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'races, participants, users, organizations, hashed credentials',
    sql: `
      CREATE TABLE organizations (
        organization_id TEXT PRIMARY KEY,
        username        TEXT NOT NULL UNIQUE,
        display_name    TEXT NOT NULL
      );
      CREATE TABLE users (
        user_id         TEXT PRIMARY KEY,
        username        TEXT NOT NULL UNIQUE,
        display_name    TEXT NOT NULL,
        email           TEXT,
        role            TEXT NOT NULL,
        organization_id TEXT REFERENCES organizations (organization_id)
      );
      CREATE TABLE access_tokens (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE TABLE api_keys (
        key_hash        TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations (organization_id) ON DELETE CASCADE,
        revoked_at      TEXT
      );
      CREATE TABLE races (
        race_id                TEXT PRIMARY KEY,
        race_name              TEXT NOT NULL,
        race_name_key          TEXT NOT NULL,
        race_type              TEXT NOT NULL,
        race_subtype           TEXT NOT NULL,
        race_subtype_key       TEXT NOT NULL,
        race_date              TEXT NOT NULL,
        race_date_ms           BIGINT NOT NULL,
        race_day               TEXT NOT NULL,
        race_location          TEXT NOT NULL,
        race_location_key      TEXT NOT NULL,
        race_description       TEXT,
        race_website_url       TEXT,
        race_image_url         TEXT,
        race_timezone          TEXT,
        race_participant_count INTEGER,
        race_variants          TEXT NOT NULL,
        race_categories        TEXT NOT NULL,
        created_by             TEXT NOT NULL,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL
      );
      CREATE UNIQUE INDEX races_name_day ON races (race_name_key, race_day);
      CREATE INDEX races_date ON races (race_date_ms, race_id);
      CREATE INDEX races_type_date ON races (race_type, race_date_ms);
      CREATE TABLE participants (
        participant_id TEXT PRIMARY KEY,
        race_id        TEXT NOT NULL REFERENCES races (race_id) ON DELETE CASCADE,
        user_id        TEXT,
        display_name   TEXT NOT NULL,
        registered_at  TEXT NOT NULL
      );
      CREATE INDEX participants_race ON participants (race_id);
      CREATE TABLE seed_runs (
        seeded_at TEXT NOT NULL
      );
    `,
  },
];
