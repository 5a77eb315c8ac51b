/**
 * The SQLite implementation of the repository, on better-sqlite3: one file under the data
 * directory (or an in-memory database for tests), WAL journal, `synchronous=FULL` so a
 * committed write survives a power cut, foreign keys on, every write in a transaction.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Principal, Race, StoredRace } from '../domain/types.js';
import { migrations } from './migrations.js';
import {
  DuplicateRaceError,
  type OrganizationRecord,
  type Participant,
  type RaceQuery,
  type Repository,
  type SeedData,
  type UserRecord,
} from './repository.js';

export interface SqliteOptions {
  /** Keep everything in memory (tests, the sandbox). */
  inMemory?: boolean;
  /** Directory of the database file, created if missing; ignored in memory. */
  dataDir?: string;
}

/** The repository, plus what an operator may want to check about the database. */
export interface SqliteRepository extends Repository {
  /** The file (or `:memory:`) and the durability settings actually in force. */
  info(): { file: string; journalMode: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' };
}

/** The database file's name inside the data directory. */
export const databaseFileName = 'astral.sqlite';

type Db = Database.Database;

interface RaceRow {
  race_id: string;
  race_name: string;
  race_type: Race['race_type'];
  race_subtype: string;
  race_date: string;
  race_location: string;
  race_description: string | null;
  race_website_url: string | null;
  race_image_url: string | null;
  race_timezone: string | null;
  race_participant_count: number | null;
  race_variants: string;
  race_categories: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  participants_count: number;
}

const selectRace = `
  SELECT r.race_id, r.race_name, r.race_type, r.race_subtype, r.race_date, r.race_location,
         r.race_description, r.race_website_url, r.race_image_url, r.race_timezone,
         r.race_participant_count, r.race_variants, r.race_categories,
         r.created_by, r.created_at, r.updated_at,
         (SELECT COUNT(*) FROM participants p WHERE p.race_id = r.race_id) AS participants_count
  FROM races r`;

const raceColumns = [
  'race_id', 'race_name', 'race_name_key', 'race_type', 'race_subtype', 'race_subtype_key',
  'race_date', 'race_date_ms', 'race_day', 'race_location', 'race_location_key',
  'race_description', 'race_website_url', 'race_image_url', 'race_timezone',
  'race_participant_count', 'race_variants', 'race_categories',
  'created_by', 'created_at', 'updated_at',
] as const;

/** Lowercases for the `*_key` columns, so case-insensitivity does not depend on the database's collation. */
export const searchKey = (value: string): string => value.toLocaleLowerCase('en-US');

/** A `LIKE` pattern matching `value` anywhere, with `%`, `_` and `\` taken literally. */
const containsPattern = (value: string): string => `%${searchKey(value).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function toRow(race: StoredRace): Record<(typeof raceColumns)[number], string | number | null> {
  const dateMs = Date.parse(race.race_date);
  return {
    race_id: race.race_id,
    race_name: race.race_name,
    race_name_key: searchKey(race.race_name),
    race_type: race.race_type,
    race_subtype: race.race_subtype,
    race_subtype_key: searchKey(race.race_subtype),
    race_date: race.race_date,
    race_date_ms: dateMs,
    race_day: new Date(dateMs).toISOString().slice(0, 10),
    race_location: race.race_location,
    race_location_key: searchKey(race.race_location),
    race_description: race.race_description ?? null,
    race_website_url: race.race_website_url ?? null,
    race_image_url: race.race_image_url ?? null,
    race_timezone: race.race_timezone ?? null,
    race_participant_count: race.race_participant_count ?? null,
    race_variants: JSON.stringify(race.race_variants ?? []),
    race_categories: JSON.stringify(race.race_categories ?? []),
    created_by: race.created_by,
    created_at: race.created_at,
    updated_at: race.updated_at,
  };
}

function fromRow(row: RaceRow): Race {
  return {
    race_id: row.race_id,
    race_name: row.race_name,
    race_type: row.race_type,
    race_subtype: row.race_subtype,
    race_date: row.race_date,
    race_location: row.race_location,
    race_description: row.race_description,
    race_website_url: row.race_website_url,
    race_image_url: row.race_image_url,
    race_timezone: row.race_timezone,
    race_participant_count: row.race_participant_count,
    participants_count: Number(row.participants_count),
    race_variants: JSON.parse(row.race_variants) as string[],
    race_categories: JSON.parse(row.race_categories) as string[],
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * Applies the migrations the database has not seen yet; returns the versions applied.
 *
 * @example
 * ```ts
 * migrate(new Database(':memory:')); // [1]
 * ```
 */
export function migrate(db: Db): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((row) => (row as { version: number }).version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}

/**
 * Opens (creating and migrating if needed) the SQLite database.
 *
 * @example
 * ```ts
 * const repository = openSqliteRepository({ inMemory: true });
 * await repository.races.list({ limit: 10 });
 * await repository.close();
 * ```
 */
export function openSqliteRepository(options: SqliteOptions = {}): SqliteRepository {
  let file = ':memory:';
  if (!options.inMemory) {
    if (!options.dataDir) throw new Error('openSqliteRepository: dataDir is required unless inMemory');
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, databaseFileName);
  }
  const db = new Database(file);
  if (!options.inMemory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertColumns = raceColumns.join(', ');
  const insertValues = raceColumns.map((column) => `@${column}`).join(', ');
  const updateSet = raceColumns.filter((column) => column !== 'race_id').map((column) => `${column} = @${column}`).join(', ');
  const statements = {
    getRace: db.prepare(`${selectRace} WHERE r.race_id = ?`),
    insertRace: db.prepare(`INSERT INTO races (${insertColumns}) VALUES (${insertValues})`),
    updateRace: db.prepare(`UPDATE races SET ${updateSet} WHERE race_id = @race_id`),
    deleteParticipants: db.prepare('DELETE FROM participants WHERE race_id = ?'),
    deleteRace: db.prepare('DELETE FROM races WHERE race_id = ?'),
    insertParticipant: db.prepare(
      'INSERT INTO participants (participant_id, race_id, user_id, display_name, registered_at) VALUES (@participant_id, @race_id, @user_id, @display_name, @registered_at)',
    ),
    userByToken: db.prepare(`
      SELECT u.user_id, u.username, u.display_name, u.email, u.role, u.organization_id
      FROM access_tokens t JOIN users u ON u.user_id = t.user_id
      WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`),
    organizationByKey: db.prepare(`
      SELECT o.organization_id, o.username, o.display_name
      FROM api_keys k JOIN organizations o ON o.organization_id = k.organization_id
      WHERE k.key_hash = ? AND k.revoked_at IS NULL`),
    insertOrganization: db.prepare('INSERT INTO organizations (organization_id, username, display_name) VALUES (@organization_id, @username, @display_name)'),
    insertUser: db.prepare(
      'INSERT INTO users (user_id, username, display_name, email, role, organization_id) VALUES (@user_id, @username, @display_name, @email, @role, @organization_id)',
    ),
    insertToken: db.prepare('INSERT INTO access_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
    insertApiKey: db.prepare('INSERT INTO api_keys (key_hash, organization_id) VALUES (?, ?)'),
    seeded: db.prepare('SELECT COUNT(*) AS n FROM seed_runs'),
    markSeeded: db.prepare('INSERT INTO seed_runs (seeded_at) VALUES (?)'),
  };
  const getRace = (raceId: string): Race | undefined => {
    const row = statements.getRace.get(raceId) as RaceRow | undefined;
    return row && fromRow(row);
  };
  const writeRace = (statement: Database.Statement, race: StoredRace): void => {
    try {
      statement.run(toRow(race));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateRaceError(`A race named ${race.race_name} already exists on ${race.race_date.slice(0, 10)}`);
      throw error;
    }
  };

  // One prepared statement per combination of filters (a few dozen at most), not one per request.
  const listStatements = new Map<string, Database.Statement>();
  const listRaces = (query: RaceQuery): Race[] => {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (query.raceType !== undefined) { where.push('r.race_type = ?'); params.push(query.raceType); }
    if (query.raceSubtype !== undefined) { where.push('r.race_subtype_key = ?'); params.push(searchKey(query.raceSubtype)); }
    if (query.location !== undefined) { where.push("r.race_location_key LIKE ? ESCAPE '\\'"); params.push(containsPattern(query.location)); }
    if (query.search !== undefined) {
      where.push("(r.race_name_key LIKE ? ESCAPE '\\' OR r.race_location_key LIKE ? ESCAPE '\\')");
      params.push(containsPattern(query.search), containsPattern(query.search));
    }
    if (query.dateFromMs !== undefined) { where.push('r.race_date_ms >= ?'); params.push(query.dateFromMs); }
    if (query.dateToMs !== undefined) { where.push('r.race_date_ms <= ?'); params.push(query.dateToMs); }
    if (query.afterMs !== undefined) { where.push('r.race_date_ms > ?'); params.push(query.afterMs); }
    const sql = `${selectRace}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.race_date_ms ASC, r.race_id ASC LIMIT ?`;
    let statement = listStatements.get(sql);
    if (!statement) listStatements.set(sql, (statement = db.prepare(sql)));
    return (statement.all(...params, query.limit) as RaceRow[]).map(fromRow);
  };

  const seed = db.transaction((data: SeedData): boolean => {
    if ((statements.seeded.get() as { n: number }).n > 0) return false;
    for (const organization of data.organizations) statements.insertOrganization.run(organization);
    for (const user of data.users) statements.insertUser.run(user);
    for (const token of data.accessTokens) statements.insertToken.run(token.token_hash, token.user_id, null);
    for (const key of data.apiKeys) statements.insertApiKey.run(key.key_hash, key.organization_id);
    for (const race of data.races) writeRace(statements.insertRace, race);
    for (const participant of data.participants) statements.insertParticipant.run(participant);
    statements.markSeeded.run(new Date().toISOString());
    return true;
  });

  let closed = false;
  return {
    races: {
      list: async (query) => listRaces(query),
      get: async (raceId) => getRace(raceId),
      insert: async (race) => {
        writeRace(statements.insertRace, race);
        return getRace(race.race_id)!;
      },
      update: async (raceId, change) =>
        db.transaction(() => {
          const current = getRace(raceId);
          if (!current) return undefined;
          writeRace(statements.updateRace, { ...change(current), race_id: raceId });
          return getRace(raceId);
        })(),
      delete: async (raceId, guard) =>
        db.transaction(() => {
          const current = getRace(raceId);
          if (!current) return false;
          guard(current);
          statements.deleteParticipants.run(raceId);
          statements.deleteRace.run(raceId);
          return true;
        })(),
      addParticipant: async (participant: Participant) => {
        statements.insertParticipant.run(participant);
      },
    },
    principals: {
      findByTokenHash: async (tokenHash, nowIso) => {
        const user = statements.userByToken.get(tokenHash, nowIso) as UserRecord | undefined;
        return user && { ...user, principal_type: 'user' };
      },
      findByApiKeyHash: async (keyHash) => {
        const organization = statements.organizationByKey.get(keyHash) as OrganizationRecord | undefined;
        if (!organization) return undefined;
        const principal: Principal = {
          user_id: organization.organization_id,
          principal_type: 'organization',
          username: organization.username,
          display_name: organization.display_name,
          email: null,
          role: 'organization',
          organization_id: organization.organization_id,
        };
        return principal;
      },
      createOrganization: async (organization) => {
        statements.insertOrganization.run(organization);
      },
      createUser: async (user) => {
        statements.insertUser.run(user);
      },
      addAccessToken: async (userId, tokenHash, expiresAt) => {
        statements.insertToken.run(tokenHash, userId, expiresAt ?? null);
      },
      addApiKey: async (organizationId, keyHash) => {
        statements.insertApiKey.run(keyHash, organizationId);
      },
    },
    seed: async (data) => seed(data),
    info: () => ({
      file,
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: (['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const)[Number(db.pragma('synchronous', { simple: true }))]!,
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
