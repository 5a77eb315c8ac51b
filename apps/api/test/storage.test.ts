// The SQLite repository on its own: durability settings, migrations, seeding once,
// hashed credentials, the unique (name, UTC day) rule and transactional guards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import { hashCredential } from '../src/resources/auth/credentials.js';
import { organizationPrincipal } from '../src/resources/organizations/model.js';
import type { StoredRace } from '../src/resources/races/model.js';
import { userPrincipal } from '../src/resources/users/model.js';
import { UniqueViolationError } from '../src/storage/errors.js';
import { migrate, migrations } from '../src/storage/migrations/index.js';
import { openSqliteRepository } from '../src/repository.js';
import { buildSeed, devCredentials, seedIds } from '../src/seed/build.js';
import { databaseFileName, sqliteDialect } from '../src/storage/sqlite.js';
import { describeOnDatabases, laneRepository } from './databases.js';
import { storedRace } from './helpers.js';

const now = new Date('2026-03-15T12:00:00Z');
const dataDir = mkdtempSync(join(tmpdir(), 'astral-api-storage-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const race = (overrides: Partial<StoredRace> = {}): StoredRace =>
  storedRace({
    race_id: 'race_test1',
    race_name: 'Test Race',
    race_type: 'run',
    race_subtype: '5k',
    race_date: '2026-05-01T08:00:00Z',
    race_location: 'Zürich, Switzerland',
    created_by: 'usr_athlete1',
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
    ...overrides,
  });

describe('SQLite repository on a file', () => {
  it('creates the data directory, uses WAL and synchronous=FULL, and keeps data across reopen', async () => {
    const dir = join(dataDir, 'nested', 'data');
    const first = openSqliteRepository({ dataDir: dir });
    expect(first.info()).toEqual({ file: join(dir, databaseFileName), journalMode: 'wal', synchronous: 'FULL' });
    expect(await first.seed(buildSeed(now))).toBe(true);
    await first.close();
    await first.close(); // closing twice is harmless

    const second = openSqliteRepository({ dataDir: dir });
    expect(await second.seed(buildSeed(now))).toBe(false); // seeded once, on the first start
    expect((await second.races.list({ limit: 100 })).length).toBe(buildSeed(now).races.length);
    await second.close();
  });

  it('stores credentials hashed, never in plain text', async () => {
    const dir = join(dataDir, 'hashed');
    const repository = openSqliteRepository({ dataDir: dir });
    await repository.seed(buildSeed(now));
    await repository.close();
    const db = new Database(join(dir, databaseFileName), { readonly: true });
    const tokens = db.prepare('SELECT token_hash FROM access_tokens').all() as Array<{ token_hash: string }>;
    const keys = db.prepare('SELECT key_hash FROM api_keys').all() as Array<{ key_hash: string }>;
    db.close();
    const stored = [...tokens.map((t) => t.token_hash), ...keys.map((k) => k.key_hash)];
    expect(stored).toHaveLength(Object.keys(devCredentials).length);
    for (const secret of Object.values(devCredentials)) {
      expect(stored).not.toContain(secret);
      expect(stored).toContain(hashCredential(secret));
    }
  });

  it('applies each migration once', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    expect(await migrate(db, sqliteDialect)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db, sqliteDialect)).toEqual([]);
    await db.destroy();
  });
});

describe('SQLite repository in memory', () => {
  it('keeps nothing on disk and still runs in synchronous=FULL', async () => {
    const repository = openSqliteRepository({ inMemory: true });
    expect(repository.info()).toMatchObject({ file: ':memory:', synchronous: 'FULL' });
    await repository.close();
  });
});

// The same repository code on each database: its rules must not depend on the dialect.
describeOnDatabases('the races and users repository on $name', (lane) => {
  it('rejects the same name (any case) on the same UTC day, accepts another day', async () => {
    const { repository } = await laneRepository(lane);
    await repository.races.insert(race());
    await expect(
      repository.races.insert(race({ race_id: 'race_test2', race_name: 'TEST RACE', race_date: '2026-05-01T23:30:00Z' })),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    await repository.races.insert(race({ race_id: 'race_test3', race_date: '2026-05-02T00:00:00Z' }));
    expect((await repository.races.list({ limit: 10 })).map((r) => r.race_id)).toEqual(['race_test1', 'race_test3']);
    await repository.close();
  });

  it('matches location and search case-insensitively beyond ASCII, and takes % and _ literally', async () => {
    const { repository } = await laneRepository(lane);
    await repository.races.insert(race());
    await repository.races.insert(race({ race_id: 'race_test2', race_name: '100% Fun_Run', race_location: 'Oslo, Norway' }));
    expect((await repository.races.list({ location: 'ZÜRICH', limit: 10 })).map((r) => r.race_id)).toEqual(['race_test1']);
    expect((await repository.races.list({ search: '100%', limit: 10 })).map((r) => r.race_id)).toEqual(['race_test2']);
    expect((await repository.races.list({ search: '%', limit: 10 })).map((r) => r.race_id)).toEqual(['race_test2']);
    expect((await repository.races.list({ search: 'n_r', limit: 10 })).map((r) => r.race_id)).toEqual(['race_test2']);
    expect(await repository.races.list({ search: 'x_y', limit: 10 })).toEqual([]);
    await repository.close();
  });

  it('writes nothing when an update or delete guard refuses', async () => {
    const { repository } = await laneRepository(lane);
    await repository.races.insert(race());
    const before = await repository.races.get('race_test1');
    const refuse = () => {
      throw new Error('refused');
    };
    await expect(repository.races.update('race_test1', refuse)).rejects.toThrow('refused');
    await expect(repository.races.delete('race_test1', refuse)).rejects.toThrow('refused');
    expect(await repository.races.get('race_test1')).toEqual(before);
    expect(await repository.races.update('race_missing', refuse)).toBeUndefined();
    expect(await repository.races.delete('race_missing', refuse)).toBe(false);
    await repository.close();
  });

  it('counts participants live and removes them with their race', async () => {
    const { repository } = await laneRepository(lane);
    await repository.races.insert(race());
    expect((await repository.races.get('race_test1'))?.participants_count).toBe(0);
    for (const n of [1, 2]) {
      await repository.races.addParticipant({
        participant_id: `par_${n}`,
        race_id: 'race_test1',
        user_id: null,
        display_name: `Runner ${n}`,
        registered_at: '2026-03-02T00:00:00Z',
      });
    }
    expect((await repository.races.get('race_test1'))?.participants_count).toBe(2);
    expect(await repository.races.delete('race_test1', () => {})).toBe(true);
    await repository.races.insert(race());
    expect((await repository.races.get('race_test1'))?.participants_count).toBe(0);
    await repository.close();
  });

  it('finds principals by credential hash, and not by an expired or unknown one', async () => {
    const { repository } = await laneRepository(lane);
    await repository.seed(buildSeed(now));
    const athlete = await repository.users.findByTokenHash(hashCredential(devCredentials.athleteToken), now.toISOString());
    expect(athlete && userPrincipal(athlete)).toMatchObject({ user_id: seedIds.athlete, principal_type: 'user', role: 'athlete' });
    expect(await repository.users.findByTokenHash(hashCredential('nope'), now.toISOString())).toBeUndefined();
    await repository.users.addAccessToken(seedIds.athlete, hashCredential('old-token'), '2026-01-01T00:00:00Z');
    expect(await repository.users.findByTokenHash(hashCredential('old-token'), now.toISOString())).toBeUndefined();
    const organization = await repository.organizations.findByApiKeyHash(hashCredential(devCredentials.organizationKey));
    expect(organization && organizationPrincipal(organization)).toMatchObject({
      user_id: seedIds.organization,
      principal_type: 'organization',
      role: 'organization',
      email: null,
    });
    await repository.close();
  });
});
