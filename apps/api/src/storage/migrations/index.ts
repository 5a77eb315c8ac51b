/**
 * The schema's history, in one place for every database, and the migrator that brings a
 * database up to date. Each migration runs once, in order; the applied versions are recorded
 * in `schema_migrations` (the table databases of earlier versions already have).
 *
 * To change the schema: add `NNN-what.ts` exporting a `Migration` with the next version,
 * and append it to `migrations` below. Never edit one that has shipped.
 */
import type { Kysely } from 'kysely';
import { lockedTransaction, type AnyTables } from '../context.js';
import type { StorageDialect } from '../dialect.js';
import { initial } from './001-initial.js';
import { accounts } from './002-accounts.js';
import { deliveryAndLimits } from './003-delivery-and-limits.js';
import { organizationMembers } from './004-organizations.js';
import { invitations } from './005-invitations.js';
import { activitiesTable } from './006-activities.js';
import { trainingPlansTable } from './007-training-plans.js';
import { credentialChangeNotices } from './008-credential-change-notices.js';
import { calendarFeedsTable } from './009-calendar-feeds.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  initial,
  accounts,
  deliveryAndLimits,
  organizationMembers,
  invitations,
  activitiesTable,
  trainingPlansTable,
  credentialChangeNotices,
  calendarFeedsTable,
];

/** The database was written by a newer version of the API than this one. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/**
 * Applies the migrations the database has not seen yet, all in one transaction under the
 * dialect's migration lock (a second process starting at the same time waits, then finds
 * nothing left to do). Returns the versions applied.
 *
 * @example
 * ```ts
 * await migrate(db, sqliteDialect); // [1] on a new database, [] afterwards
 * ```
 */
export async function migrate(db: Kysely<AnyTables>, dialect: StorageDialect, list: readonly Migration[] = migrations): Promise<number[]> {
  return lockedTransaction(db, dialect, async (tx) => {
    await tx.run(
      tx.db.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull()),
    );
    const rows = await tx.rows<{ version: number | string }>(tx.db.selectFrom('schema_migrations').select('version'));
    const applied = new Set(rows.map((row) => Number(row.version)));
    const known = new Set(list.map((migration) => migration.version));
    const unknown = [...applied].filter((version) => !known.has(version));
    if (unknown.length > 0) {
      throw new SchemaTooNewError(
        `The database has schema version(s) ${unknown.join(', ')} that this version of the API does not know; upgrade the API`,
      );
    }
    const done: number[] = [];
    for (const migration of list) {
      if (applied.has(migration.version)) continue;
      await migration.up(tx);
      await tx.run(
        tx.db
          .insertInto('schema_migrations')
          .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() }),
      );
      done.push(migration.version);
    }
    return done;
  });
}
