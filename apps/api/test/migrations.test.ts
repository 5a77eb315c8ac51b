// Migrations: written once with Kysely's schema builder, applied once each under the
// dialect's lock, incremental from whatever version a database is at. A database file
// written by the first release (raw SQL schema, version 1 recorded) is brought to the
// accounts schema (migration 2) with its data kept, and keeps working; it ends up with the
// schema a fresh database gets.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { migrate, migrations, SchemaTooNewError, type Migration } from '../src/storage/migrations/index.js';
import { postgresDialect } from '../src/storage/postgres.js';
import { openPostgresRepository, openSqliteRepository } from '../src/repository.js';
import { databaseFileName, sqliteDialect } from '../src/storage/sqlite.js';
import { describeOnDatabases, freshPostgresDatabase } from './databases.js';

const scratch = mkdtempSync(join(tmpdir(), 'astral-api-migrations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The versions after the first release's (1), which a database of that release gets when it opens. */
const laterVersions = migrations.map((migration) => migration.version).filter((version) => version > 1);
/** A version no migration has yet, for the migrations these tests write. */
const nextVersion = Math.max(...migrations.map((migration) => migration.version)) + 1;

const firstReleaseSchema = readFileSync(new URL('fixtures/schema-v1.sql', import.meta.url), 'utf8');

/**
 * A data directory holding a database exactly as the first release left it, with one race
 * and three users: a username the contract no longer allows (`old.timer`), a valid one that
 * only case tells from its rewrite (`Old_Timer`, a coach), a too-short one (`jo`, an admin),
 * and an address two of them share in different cases.
 */
function firstReleaseDatabase(name: string): string {
  const dataDir = join(scratch, name);
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, databaseFileName));
  db.pragma('journal_mode = WAL');
  db.exec(firstReleaseSchema);
  db.prepare("INSERT INTO users VALUES ('usr_old1', 'old.timer', 'Old Timer', NULL, 'athlete', NULL)").run();
  db.prepare("INSERT INTO users VALUES ('usr_old2', 'Old_Timer', 'Other Timer', 'Shared@Example.com', 'coach', NULL)").run();
  db.prepare("INSERT INTO users VALUES ('usr_old3', 'jo', 'Jo Admin', 'shared@example.com', 'admin', NULL)").run();
  db.prepare('INSERT INTO access_tokens (token_hash, user_id) VALUES (?, ?)').run(hashCredential('old-token'), 'usr_old1');
  db.prepare('INSERT INTO access_tokens (token_hash, user_id) VALUES (?, ?)').run(hashCredential('old-admin-token'), 'usr_old3');
  db.prepare(
    `INSERT INTO races VALUES ('race_old1', 'Old Release Run', 'old release run', 'run', '10k', '10k', '2026-05-01T08:00:00Z', ?, '2026-05-01',
      'Basel, Switzerland', 'basel, switzerland', NULL, NULL, NULL, NULL, NULL, '["10 km"]', '[]', 'usr_old1', '2026-01-10T09:00:00Z', '2026-01-10T09:00:00Z')`,
  ).run(Date.parse('2026-05-01T08:00:00Z'));
  db.prepare('INSERT INTO seed_runs VALUES (?)').run('2026-01-10T09:00:00Z');
  db.close();
  return dataDir;
}

/** Tables, columns (type names compared case-insensitively: the same SQLite affinity), indexes, foreign keys. */
function schemaOf(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
  const schema = Object.fromEntries(
    tables.map(({ name }) => [
      name,
      {
        columns: (db.pragma(`table_info(${name})`) as Array<Record<string, unknown>>).map((c) => ({
          ...c,
          type: String(c.type).toUpperCase(),
        })),
        indexes: (db.pragma(`index_list(${name})`) as Array<{ name: string; unique: number }>).map((index) => ({
          name: index.name,
          unique: index.unique,
          columns: (db.pragma(`index_info(${index.name})`) as Array<{ name: string }>).map((c) => c.name),
        })),
        foreignKeys: db.pragma(`foreign_key_list(${name})`),
      },
    ]),
  );
  db.close();
  return schema;
}

describe('a database written by the first release', () => {
  it('is migrated to the accounts schema with its data kept, and reads, authenticates and changes as before', async () => {
    const dataDir = firstReleaseDatabase('first-release');
    const { app, close } = createApp({ dataDir, mode: 'test' });
    const headers = { authorization: 'Bearer old-token' };
    expect((await app.inject({ url: '/api/v1/auth/me', headers })).json()).toMatchObject({ user_id: 'usr_old1', principal_type: 'user' });
    const race = (await app.inject({ url: '/api/v1/races/race_old1', headers })).json().data;
    expect(race).toMatchObject({ race_name: 'Old Release Run', race_variants: ['10 km'], participants_count: 0 });
    const renamed = await app.inject({
      method: 'PUT',
      url: '/api/v1/races/race_old1',
      headers,
      payload: { race_name: 'Old Release Run Renamed' },
    });
    expect(renamed.statusCode).toBe(200);
    // a seed run is recorded: nothing is seeded on top of the old data
    expect((await app.inject({ url: '/api/v1/races?limit=100', headers })).json().metadata.total).toBe(1);
    await close();

    const db = new Database(join(dataDir, databaseFileName), { readonly: true });
    // Version 1 as the first release recorded it; only the later versions applied now.
    expect(db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, applied_at: '2026-01-10T09:00:00.000Z' },
      ...laterVersions.map((version) => ({ version, applied_at: expect.any(String) })),
    ]);
    db.close();
  });

  it("gives its users a new account's defaults, usernames the contract allows, and roles from their role", async () => {
    const dataDir = firstReleaseDatabase('accounts');
    const { app, close } = createApp({ dataDir, mode: 'test' });
    const get = async (id: string, token: string) =>
      (await app.inject({ url: `/api/v1/users/${id}`, headers: { authorization: `Bearer ${token}` } })).json().data;
    const old1 = await get('usr_old1', 'old-token');
    expect(old1).toMatchObject({
      user_id: 'usr_old1',
      // `old_timer` differs from `Old_Timer` only in case: taken.
      username: 'old_timer2',
      display_name: 'Old Timer',
      email: null,
      status: 'active',
      membership_role: 'athlete',
      roles: ['user'],
      is_verified: false,
      org_id: null,
      first_name: null,
      preferences: {
        language: 'en',
        timezone: 'UTC',
        unit_system: 'metric',
        coach_persona: 'rex',
        workout_days: ['tuesday', 'thursday', 'saturday'],
      },
      privacy: { share_activity_with_public: false, share_profile_info: true },
      zones: { heart_rate: null, pace: null },
      subscription: { tier: 'free', status: 'active', expires_at: null },
      integrations: { strava: { connected: false } },
      last_login_at: null,
    });
    expect(old1.created_at).toBe(old1.updated_at);
    expect(old1.subscription.started_at).toBe(old1.created_at);
    // The admin reads anyone: the coach keeps a valid name and the shared address.
    expect(await get('usr_old2', 'old-admin-token')).toMatchObject({
      username: 'Old_Timer',
      membership_role: 'coach',
      email: 'Shared@Example.com',
    });
    expect(await get('usr_old3', 'old-admin-token')).toMatchObject({
      username: 'jo_user',
      membership_role: 'athlete',
      roles: ['user', 'admin'],
    });
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { authorization: 'Bearer old-admin-token' } });
    expect(me.json()).toMatchObject({ user_id: 'usr_old3', username: 'jo_user', role: 'admin' });
    await close();

    const db = new Database(join(dataDir, databaseFileName), { readonly: true });
    // The address both share finds (and signs in) only the first of them, by user_id.
    expect(db.prepare('SELECT user_id, email_key FROM users ORDER BY user_id').all()).toEqual([
      { user_id: 'usr_old1', email_key: null },
      { user_id: 'usr_old2', email_key: 'shared@example.com' },
      { user_id: 'usr_old3', email_key: null },
    ]);
    db.close();
  });

  it('has the schema a new database gets from version 1 of the migrations, and after the later ones', async () => {
    const old = firstReleaseDatabase('compare-old');
    const versionOne = new Database(join(scratch, 'compare-v1.sqlite'));
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: versionOne }) });
    await migrate(db, sqliteDialect, migrations.slice(0, 1));
    await db.destroy();
    expect(schemaOf(join(scratch, 'compare-v1.sqlite'))).toEqual(schemaOf(join(old, databaseFileName)));

    const upgraded = openSqliteRepository({ dataDir: old });
    await upgraded.ready();
    await upgraded.close();
    const fresh = join(scratch, 'compare-new');
    const repository = openSqliteRepository({ dataDir: fresh });
    await repository.ready();
    await repository.close();
    expect(schemaOf(join(fresh, databaseFileName))).toEqual(schemaOf(join(old, databaseFileName)));
  });
});

describeOnDatabases('the accounts migration on $name', (lane) => {
  it("keeps a version-1 database's users, with their roles, a new account's defaults and unique keys", async () => {
    // A database at version 1 (migrated by Kysely this time), with first-release rows.
    const url = lane.name === 'postgres' ? await freshPostgresDatabase(lane.serverUrl!) : undefined;
    const dataDir = join(scratch, 'accounts-lane');
    mkdirSync(dataDir, { recursive: true });
    const db = url
      ? new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) })
      : new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(join(dataDir, databaseFileName)) }) });
    const dialect = url ? postgresDialect : sqliteDialect;
    await migrate(db, dialect, migrations.slice(0, 1));
    await db
      .insertInto('users')
      .values([
        { user_id: 'usr_a', username: 'a.b', display_name: 'A', email: 'A@Example.com', role: 'admin', organization_id: null },
        { user_id: 'usr_c', username: 'Coach_C', display_name: 'C', email: null, role: 'coach', organization_id: null },
      ])
      .execute();
    expect(await migrate(db, dialect)).toEqual(migrations.slice(1).map((m) => m.version));
    await db.destroy();

    const repository = url ? openPostgresRepository({ url, poolSize: 1 }) : openSqliteRepository({ dataDir });
    expect(await repository.users.get('usr_a')).toMatchObject({
      username: 'a_b',
      membership_role: 'athlete',
      roles: ['user', 'admin'],
      is_verified: false,
    });
    expect(await repository.users.get('usr_c')).toMatchObject({
      username: 'Coach_C',
      membership_role: 'coach',
      roles: ['user'],
      email: null,
    });
    expect((await repository.users.findByEmail('a@example.COM'))?.user.user_id).toBe('usr_a');
    expect(await repository.users.usernameTaken('coach_c')).toBe(true);
    await repository.close();
  });
});

describe('migrate', () => {
  const kysely = (database: Database.Database) => new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  const addNickname: Migration = {
    version: nextVersion,
    name: 'users.nickname',
    up: async ({ db, run }) => {
      await run(db.schema.alterTable('users').addColumn('nickname', 'text'));
    },
  };

  it('lists versions 1, 2, 3... in order, with a file per migration', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1));
  });

  it('applies only what a database has not seen, once', async () => {
    const database = new Database(':memory:');
    database.exec(firstReleaseSchema);
    const db = kysely(database);
    expect(await migrate(db, sqliteDialect)).toEqual(laterVersions);
    expect(await migrate(db, sqliteDialect, [...migrations, addNickname])).toEqual([nextVersion]);
    expect(await migrate(db, sqliteDialect, [...migrations, addNickname])).toEqual([]);
    expect((database.pragma('table_info(users)') as Array<{ name: string }>).map((c) => c.name)).toContain('nickname');
    await db.destroy();
  });

  it('rolls back a failing migration entirely, recording nothing', async () => {
    const database = new Database(':memory:');
    const db = kysely(database);
    const broken: Migration = {
      version: nextVersion,
      name: 'broken',
      up: async ({ db: builder, run }) => {
        await run(builder.schema.createTable('half_done').addColumn('id', 'text'));
        await run(builder.schema.alterTable('no_such_table').addColumn('x', 'text'));
      },
    };
    await expect(migrate(db, sqliteDialect, [...migrations, broken])).rejects.toThrow(/no_such_table/);
    // neither version 1 nor the half of the broken one: the whole run was one transaction
    expect(database.prepare("SELECT name FROM sqlite_master WHERE name IN ('races', 'half_done')").all()).toEqual([]);
    expect(await migrate(db, sqliteDialect)).toEqual([1, ...laterVersions]);
    await db.destroy();
  });

  it('refuses a database written by a newer version of the API', async () => {
    const database = new Database(':memory:');
    const db = kysely(database);
    await migrate(db, sqliteDialect, [...migrations, addNickname]);
    await expect(migrate(db, sqliteDialect)).rejects.toBeInstanceOf(SchemaTooNewError);
    await db.destroy();
  });
});

describe('two processes starting on a new database at once', () => {
  it("the second waits for the first one's migration to commit, then finds nothing to do", async () => {
    const dataDir = join(scratch, 'racing');
    mkdirSync(dataDir, { recursive: true });
    // Another process in the middle of migrating: it holds the write lock for 400 ms while
    // it creates the schema, then commits.
    const other = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(process.argv[1]);
         db.pragma('journal_mode = WAL');
         db.exec('BEGIN IMMEDIATE');
         console.log('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
         db.exec(process.argv[2]);
         db.exec('COMMIT');`,
        join(dataDir, databaseFileName),
        firstReleaseSchema,
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>((resolve) => other.on('exit', resolve));
    await new Promise<void>((resolve) => other.stdout.once('data', () => resolve()));

    const repository = openSqliteRepository({ dataDir });
    // Waits for the lock, then reads the versions the other process recorded: reading them
    // before taking the lock would mean creating the tables a second time.
    await repository.ready();
    expect(await exited).toBe(0);
    expect(await repository.races.list({ limit: 10 })).toEqual([]);
    await repository.close();
    const db = new Database(join(dataDir, databaseFileName), { readonly: true });
    expect(db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, applied_at: '2026-01-10T09:00:00.000Z' },
      ...laterVersions.map((version) => ({ version, applied_at: expect.any(String) })),
    ]);
    db.close();
  });
});
