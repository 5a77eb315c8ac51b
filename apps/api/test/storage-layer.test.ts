// The storage layer under every resource: the statement cache, compiled-once queries,
// transactions (rollback, joining, isolation from queries outside them) and unique
// violations as a conflict, whichever resource hits one.
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../src/domain/errors.js';
import { mapDomainError } from '../src/map-error.js';
import type { NewUser } from '../src/resources/users/model.js';
import { UniqueViolationError } from '../src/storage/errors.js';
import { createStorageContext } from '../src/storage/context.js';
import { prepareList, prepareQuery, readList } from '../src/storage/prepared.js';
import { openPostgresRepository, openSqliteRepository, type DatabaseRepository } from '../src/repository.js';
import { buildSeed } from '../src/seed/build.js';
import { openSqliteDatabase } from '../src/storage/sqlite.js';
import { cachingDatabase } from '../src/storage/statement-cache.js';
import { openStorages } from '../src/repository.js';
import { describeOnDatabases, laneRepository } from './databases.js';

const user = (id: string, overrides: Partial<NewUser> = {}): NewUser => ({
  user_id: id,
  username: id.replace('usr_', ''),
  display_name: `User ${id}`,
  email: null,
  role: 'athlete',
  organization_id: null,
  ...overrides,
});

let open: DatabaseRepository[] = [];
const repository = () => {
  const opened = openSqliteRepository({ inMemory: true });
  open.push(opened);
  return opened;
};
afterEach(async () => {
  await Promise.all(open.map((r) => r.close()));
  open = [];
});

describe('the statement cache', () => {
  it('prepares each SQL text once and hands the same statement back', () => {
    const database = cachingDatabase(new Database(':memory:'));
    const first = database.prepare('SELECT 1 AS one');
    expect(database.prepare('SELECT 1 AS one')).toBe(first);
    expect(database.prepare('SELECT 2 AS two')).not.toBe(first);
    expect(database.stats()).toEqual({ size: 2, hits: 1, misses: 2 });
    database.close();
  });

  it('drops the least recently used statement past its bound', () => {
    const database = cachingDatabase(new Database(':memory:'), { maxStatements: 2 });
    const one = database.prepare('SELECT 1');
    database.prepare('SELECT 2');
    database.prepare('SELECT 1'); // now the most recent
    database.prepare('SELECT 3'); // evicts SELECT 2
    expect(database.stats().size).toBe(2);
    expect(database.prepare('SELECT 1')).toBe(one);
    const misses = database.stats().misses;
    database.prepare('SELECT 2');
    expect(database.stats().misses).toBe(misses + 1);
    database.close();
  });

  it('gives rows as plain objects named after the columns, the last of two same-named columns winning', () => {
    const database = cachingDatabase(new Database(':memory:'));
    const rows = database.prepare("SELECT 1 AS one, 'a' AS two, 3 AS one").all([]);
    expect(rows).toEqual([{ one: 3, two: 'a' }]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect([...database.prepare('SELECT ? AS n UNION ALL SELECT ?').iterate([1, 2])]).toEqual([{ n: 1 }, { n: 2 }]);
    expect(database.prepare('SELECT 1 WHERE 0').all([])).toEqual([]);
    database.close();
  });

  it('reads the column names again when a schema change widens a cached `select *`', () => {
    const database = cachingDatabase(new Database(':memory:'));
    database.prepare('CREATE TABLE t (a TEXT)').run([]);
    database.prepare("INSERT INTO t VALUES ('x')").run([]);
    expect(database.prepare('SELECT * FROM t').all([])).toEqual([{ a: 'x' }]);
    database.prepare('ALTER TABLE t ADD COLUMN b INTEGER').run([]);
    expect(database.prepare('SELECT * FROM t').all([])).toEqual([{ a: 'x', b: null }]);
    database.close();
  });

  it('serves repeated requests without preparing anything new', async () => {
    const storage = repository();
    await storage.users.create(user('usr_cache'));
    for (let n = 0; n < 3; n++) {
      await storage.users.get('usr_cache');
      await storage.races.list({ raceType: 'run', limit: 5 });
    }
    const before = storage.statements();
    for (let n = 0; n < 50; n++) {
      await storage.users.get('usr_cache');
      await storage.races.list({ raceType: 'run', limit: 5 });
      await storage.races.get('race_nothere');
    }
    const after = storage.statements();
    expect(after.size).toBe(before.size + 1); // only races.get was new
    expect(after.misses).toBe(before.misses + 1);
    expect(after.hits).toBeGreaterThanOrEqual(before.hits + 149);
  });
});

describe('LIMIT on SQLite', () => {
  it('is written as an expression, so a prepared statement keeps its plan, and limits as before', async () => {
    const database = openSqliteDatabase({ inMemory: true });
    await database.ready();
    const db = database.db as Kysely<{ t: { n: number } }>;
    await db.schema.createTable('t').addColumn('n', 'integer').execute();
    await db
      .insertInto('t')
      .values([{ n: 1 }, { n: 2 }, { n: 3 }])
      .execute();
    const query = prepareQuery<{ limit: number }, { n: number }>((param) =>
      db.selectFrom('t').select('n').orderBy('n').limit(param('limit')),
    );
    // SQLite plans a bare `limit ?` for the value bound, and so prepares it again on every run.
    expect(query.sql).toBe('select "n" from "t" order by "n" limit ? + 0');
    expect((await db.executeQuery(query.bind({ limit: 2 }))).rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await db.executeQuery(query.bind({ limit: 1 }))).rows).toEqual([{ n: 1 }]);
    expect((await db.executeQuery(query.bind({ limit: -1 }))).rows).toHaveLength(3);
    await expect(db.executeQuery(query.bind({ limit: 1.5 }))).rejects.toThrow(/datatype mismatch/);
    await database.close();
  });
});

describe('compiled-once queries', () => {
  it("bind each run's values where the placeholders are, keeping compiled constants", async () => {
    const db = new Kysely<{ t: { a: string; b: number; c: string } }>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    await db.schema.createTable('t').addColumn('a', 'text').addColumn('b', 'integer').addColumn('c', 'text').execute();
    await db
      .insertInto('t')
      .values([
        { a: 'x', b: 1, c: 'keep' },
        { a: 'x', b: 2, c: 'drop' },
        { a: 'y', b: 3, c: 'keep' },
      ])
      .execute();
    const query = prepareQuery<{ a: string; min: number }, { b: number }>((param) =>
      db.selectFrom('t').select('b').where('c', '=', 'keep').where('a', '=', param('a')).where('b', '>=', param('min')).orderBy('b'),
    );
    expect(query.sql).toBe('select "b" from "t" where "c" = ? and "a" = ? and "b" >= ? order by "b"');
    expect((await db.executeQuery(query.bind({ a: 'x', min: 0 }))).rows).toEqual([{ b: 1 }]);
    expect((await db.executeQuery(query.bind({ a: 'y', min: 0 }))).rows).toEqual([{ b: 3 }]);
    expect((await db.executeQuery(query.bind({ a: 'y', min: 4 }))).rows).toEqual([]);
    await db.destroy();
  });

  it("count a list's rows with the list's filters, without its position or limit, in the page's own statement", async () => {
    const db = new Kysely<{ t: { a: string; b: number } }>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    await db.schema.createTable('t').addColumn('a', 'text').addColumn('b', 'integer').execute();
    await db
      .insertInto('t')
      .values([
        { a: 'x', b: 1 },
        { a: 'x', b: 2 },
        { a: 'x', b: 3 },
        { a: 'y', b: 4 },
      ])
      .execute();
    const list = prepareList<{ a?: string; afterB?: number; limit: number }, { b: number }>()(
      { filters: ['a'], position: ['afterB'] },
      (param, given) => (given('a') ? db.selectFrom('t').select('b').where('a', '=', param('a')!) : db.selectFrom('t').select('b')),
      (query, param, given) => (given('afterB') ? query.where('b', '>', param('afterB')!) : query).orderBy('b').limit(param('limit')),
    );
    const statements: string[] = [];
    const context = {
      rows: async <R>(query: CompiledQuery<R>) => (statements.push(query.sql), (await db.executeQuery(query)).rows),
      first: async <R>(query: CompiledQuery<R>) => (statements.push(query.sql), (await db.executeQuery(query)).rows[0]),
    };
    expect(await readList(context, list, { a: 'x', afterB: 1, limit: 1 })).toEqual({ rows: [{ b: 2 }], total: 3 });
    expect(await readList(context, list, { limit: 2 })).toEqual({ rows: [{ b: 1 }, { b: 2 }], total: 4 });
    // A page and its count are one statement (one round trip on PostgreSQL)…
    expect(statements).toEqual([
      'select "b", (select count(*) as "total" from "t" where "a" = ?) as "astral_list_total" from "t" where "a" = ? and "b" > ? order by "b" limit ?',
      'select "b", (select count(*) as "total" from "t") as "astral_list_total" from "t" order by "b" limit ?',
    ]);
    // …but an empty page carries no count: the count runs alone, with the same filters.
    expect(await readList(context, list, { a: 'x', afterB: 3, limit: 1 })).toEqual({ rows: [], total: 3 });
    expect(await readList(context, list, { a: 'z', limit: 1 })).toEqual({ rows: [], total: 0 });
    expect(statements.slice(2)).toHaveLength(4);
    expect(list.count.bind({ a: 'x', afterB: 1, limit: 1 }).sql).toBe('select count(*) as "total" from "t" where "a" = ?');
    await db.destroy();
  });
});

describe('transactions', () => {
  it('write everything or nothing: a throw rolls every write back, across resources', async () => {
    const storage = repository();
    const seed = {
      organizations: [{ organization_id: 'org_a', username: 'a', display_name: 'A' }],
      users: [user('usr_a')],
      members: [],
      groups: [],
      accessTokens: [],
      apiKeys: [],
      invitations: [],
      races: [],
      participants: [],
      activities: [],
      plans: [],
      planInstances: [],
    };
    // The seed writes through several resources in one transaction; a duplicate user fails it half-way.
    await expect(storage.seed({ ...seed, users: [user('usr_a'), user('usr_a', { username: 'other' })] })).rejects.toBeInstanceOf(
      UniqueViolationError,
    );
    expect(await storage.organizations.get('org_a')).toBeUndefined();
    expect(await storage.users.get('usr_a')).toBeUndefined();
    // and the database is usable afterwards, the seed not marked as done
    expect(await storage.seed(seed)).toBe(true);
    expect(await storage.users.get('usr_a')).toMatchObject({ user_id: 'usr_a' });
  });

  it('keep queries from outside out of an open transaction: they wait, and never see its uncommitted rows', async () => {
    const database = openSqliteDatabase({ inMemory: true });
    const context = createStorageContext(database.db, database.dialect, { direct: (query) => database.direct!(query) });
    const users = openStorages(context).users;
    await users.create(user('usr_committed'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const transaction = context.transaction(async (tx) => {
      await openStorages(tx).users.create(user('usr_pending'));
      entered();
      await gate;
      throw new Error('changed my mind');
    });
    await inside;
    // Issued while the transaction is open on SQLite's one connection, with its row written.
    let settled = false;
    const outside = users.get('usr_pending').finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await expect(transaction).rejects.toThrow('changed my mind');
    expect(await outside).toBeUndefined();
    expect(await users.get('usr_committed')).toMatchObject({ user_id: 'usr_committed' });
    await database.close();
  });

  it('joined from inside another: one transaction, rolled back as one', async () => {
    const database = openSqliteDatabase({ inMemory: true });
    const context = createStorageContext(database.db, database.dialect, { direct: (query) => database.direct!(query) });
    const outcome = context.transaction(async (tx) => {
      const storages = openStorages(tx);
      await storages.users.create(user('usr_outer'));
      // races.update opens its own transaction: inside this one it joins instead of waiting forever
      expect(await storages.races.update('race_none', (current) => current)).toBeUndefined();
      await tx.transaction(async (inner) => openStorages(inner).users.create(user('usr_inner')));
      throw new Error('undo both');
    });
    await expect(outcome).rejects.toThrow('undo both');
    const users = openStorages(context).users;
    expect(await users.get('usr_outer')).toBeUndefined();
    expect(await users.get('usr_inner')).toBeUndefined();
    await database.close();
  });
});

describe('unique violations', () => {
  it('come out as UniqueViolationError, a conflict the API answers 409 when no service words it', async () => {
    const storage = repository();
    await storage.users.create(user('usr_one'));
    const duplicateId = await storage.users.create(user('usr_one', { username: 'someone-else' })).catch((error: unknown) => error);
    expect(duplicateId).toBeInstanceOf(UniqueViolationError);
    expect(duplicateId).toBeInstanceOf(ConflictError);
    const duplicateName = await storage.users.create(user('usr_two', { username: 'one' })).catch((error: unknown) => error);
    expect(duplicateName).toBeInstanceOf(UniqueViolationError);
    expect(mapDomainError(duplicateName)).toMatchObject({ status: 409, code: 'CONFLICT', message: 'Conflict' });
  });
});

describeOnDatabases('the repository on $name', (lane) => {
  it('reports unique violations, rolls back a failed transaction and seeds once', async () => {
    const { repository: storage } = await laneRepository(lane);
    open.push(storage);
    await storage.users.create(user('usr_one'));
    expect(await storage.users.create(user('usr_one', { username: 'other' })).catch((error: unknown) => error)).toBeInstanceOf(
      UniqueViolationError,
    );
    expect(await storage.users.create(user('usr_two', { username: 'one' })).catch((error: unknown) => error)).toBeInstanceOf(
      UniqueViolationError,
    );
    expect(await storage.users.get('usr_two')).toBeUndefined();
    const data = buildSeed(new Date('2026-03-15T12:00:00Z'));
    expect(await storage.seed(data)).toBe(true);
    expect(await storage.seed(data)).toBe(false);
  });

  it.runIf(lane.name === 'postgres')('seeds once when two instances start together (advisory lock)', async () => {
    const { repository: first, url } = await laneRepository(lane);
    const second = openPostgresRepository({ url: url!, poolSize: 2 });
    open.push(first, second);
    const data = buildSeed(new Date('2026-03-15T12:00:00Z'));
    const results = await Promise.all([first.seed(data), second.seed(data)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await second.users.get('usr_athlete1')).toBeDefined();
  });
});
