// Change counters (src/storage/change-counters.ts) on real SQLite databases: what a
// statement may change, read from its SQL (every doubt counts as a change to everything),
// and a counter over some tables moving on a write to them, on a write that cascades into
// them and on any commit by another connection, and staying put otherwise.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import { changeCounters, statementEffect } from '../src/storage/change-counters.js';
import { prepareQuery } from '../src/storage/prepared.js';
import { openSqliteRepository, type DatabaseRepository } from '../src/repository.js';
import { buildSeed } from '../src/seed/build.js';
import { sqliteChangeSources } from '../src/storage/sqlite.js';

describe('statementEffect', () => {
  it.each([
    ['select * from "races" where "race_id" = ?', { kind: 'read' }],
    ['  SELECT 1', { kind: 'read' }],
    ['begin immediate', { kind: 'read' }],
    ['commit', { kind: 'read' }],
    ['rollback', { kind: 'read' }],
    ['pragma data_version', { kind: 'read' }],
    ['insert into "access_tokens" ("token_hash") values (?)', { kind: 'write', table: 'access_tokens' }],
    ['INSERT OR REPLACE INTO Sessions (session_id) VALUES (?)', { kind: 'write', table: 'sessions' }],
    ['replace into "users" values (?)', { kind: 'write', table: 'users' }],
    ['update "users" set "status" = ? where "user_id" = ?', { kind: 'write', table: 'users' }],
    ['update "email_outbox" set "claimed_at" = ? returning "email_id"', { kind: 'write', table: 'email_outbox' }],
    ['delete from "api_keys" where "key_hash" = ?', { kind: 'write', table: 'api_keys' }],
    ['insert into "we""ird" values (1)', { kind: 'write', table: 'we"ird' }],
  ])('%s', (sql, effect) => {
    expect(statementEffect(sql)).toEqual(effect);
  });

  it.each([
    'insert into "main"."users" values (?)',
    'with gone as (select 1) delete from "users"',
    'create table "t" ("a" text)',
    'alter table "users" add column "b" text',
    'drop table "sessions"',
    'pragma user_version = 3',
    'vacuum',
  ])('counts %s as a change to everything', (sql) => {
    expect(statementEffect(sql)).toEqual({ kind: 'write-anything' });
  });
});

describe('the tables a prepared query names', () => {
  it('lists every table of its tree, joins, comma lists and subqueries included, lower case', () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    const query = prepareQuery<{ hash: string }, unknown>((param) =>
      db
        .selectFrom(['Access_Tokens as t', 'sessions as s'])
        .innerJoin('users as u', 'u.user_id', 't.user_id')
        .select('u.user_id')
        .where('t.token_hash', '=', param('hash'))
        .where((eb) => eb.exists(eb.selectFrom('api_keys').select('key_hash'))),
    );
    expect([...query.tables].sort()).toEqual(['access_tokens', 'api_keys', 'sessions', 'users']);
  });
});

describe('change counters on SQLite', () => {
  let dataDir = '';
  let opened: DatabaseRepository | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = '';
  });

  it("moves for writes to the watched tables, this connection's or another's, and for nothing else of this connection's", async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'astral-change-counters-'));
    const repository = (opened = openSqliteRepository({ dataDir }));
    await repository.seed(buildSeed(new Date('2026-06-01T08:00:00Z')));
    const tokens = repository.users.tokenLookupVersion!;
    expect(tokens).toBeTypeOf('function');

    const start = await tokens();
    expect(await tokens()).toBe(start);
    // This connection writing races (not read by a token lookup): no move.
    const { participants_count: _, ...seeded } = (await repository.races.list({ limit: 1 })).rows[0]!;
    await repository.races.insert({ ...seeded, race_id: 'race_countertest', race_name: 'Counter Test 10K' });
    expect(await tokens()).toBe(start);
    // This connection writing a token: a move.
    await repository.users.addAccessToken('usr_athlete1', 'a'.repeat(64));
    let afterToken = await tokens();
    expect(afterToken).not.toBe(start);
    expect(await tokens()).toBe(afterToken);
    // Ending sessions and suspending a user: the lookup reads both tables.
    await repository.users.endSessions('usr_athlete1', '2026-06-01T09:00:00Z');
    expect(await tokens()).not.toBe(afterToken);
    afterToken = await tokens();
    await repository.users.update('usr_athlete2', (user) => ({ ...user, status: 'suspended' }));
    expect(await tokens()).not.toBe(afterToken);
    afterToken = await tokens();
    // Another connection committing anything: a move.
    const other = new Database(join(dataDir, 'astral.sqlite'));
    try {
      other.prepare(`update races set race_location = 'Thun, Switzerland' where race_id = 'race_countertest'`).run();
    } finally {
      other.close();
    }
    expect(await tokens()).not.toBe(afterToken);
  });

  it('moves for writes that reach a watched table through a foreign key or a trigger, read again when the schema changes', () => {
    const db = new Database(':memory:');
    try {
      db.pragma('foreign_keys = ON');
      db.exec(`
        create table clubs (club_id text primary key);
        create table members (member_id text primary key, club_id text references clubs (club_id) on delete cascade);
        create table notes (member_id text references members (member_id) on delete cascade);
        create table venues (venue_id text primary key);
        create table audits (audit_id text);
      `);
      const counters = changeCounters(sqliteChangeSources(db));
      const notes = counters.over(['notes']);
      let last = notes();
      const moved = () => {
        const now = notes();
        const changed = now !== last;
        last = now;
        return changed;
      };
      counters.noteRun(statementEffect('delete from "venues"'));
      expect(moved()).toBe(false);
      // clubs -> members -> notes: two foreign keys away, still watched.
      counters.noteRun(statementEffect('delete from "clubs" where "club_id" = ?'));
      expect(moved()).toBe(true);
      // A trigger on audits that writes notes, created by this connection (DDL moves everything).
      db.exec(`create trigger audits_note after insert on audits begin insert into notes values (new.audit_id); end`);
      counters.noteRun(statementEffect('create trigger ...'));
      expect(moved()).toBe(true);
      counters.noteRun(statementEffect('insert into "audits" values (?)'));
      expect(moved()).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe('change counters on sources that cannot always tell (PostgreSQL change notices)', () => {
  // What postgres-change-notices.ts gives: a version while listening (moved by each notice
  // and each connect), `undefined` while not, and the tables its trigger is on.
  let version: number | undefined = 1;
  const counters = changeCounters({
    dataVersion: () => version,
    schemaVersion: () => 0,
    writesReaching: (table) => (table === 'access_tokens' ? ['sessions'] : []),
    watches: (table) => ['access_tokens', 'sessions', 'users'].includes(table),
  });

  it('answers undefined while not listening, and a new value once listening again', () => {
    const tokens = counters.over(['access_tokens', 'users']);
    const listening = tokens();
    expect(listening).toBeTypeOf('number');
    expect(tokens()).toBe(listening);
    version = undefined;
    expect(tokens()).toBeUndefined();
    version = 2;
    expect(tokens()).not.toBe(listening);
  });

  it('answers undefined over a table no notice covers, itself or through a table whose writes reach it', () => {
    expect(counters.over(['races'])()).toBeUndefined();
    expect(counters.over(['access_tokens'])()).toBeTypeOf('number');
    const uncovered = changeCounters({
      dataVersion: () => 1,
      schemaVersion: () => 0,
      writesReaching: () => ['races'],
      watches: (table) => table !== 'races',
    });
    expect(uncovered.over(['access_tokens'])()).toBeUndefined();
  });

  it("moves on this process's write to a watched table, or to one whose writes reach it", () => {
    const tokens = counters.over(['access_tokens']);
    const before = tokens();
    counters.noteRun({ kind: 'write', table: 'sessions' });
    const after = tokens();
    expect(after).not.toBe(before);
    counters.noteRun({ kind: 'write', table: 'races' });
    expect(tokens()).toBe(after);
  });
});
