/** The shape of one schema migration. */
import type { AnyTables, StorageContext } from '../context.js';

export interface Migration {
  /** Position in the history: 1, 2, 3... never reused, never renumbered. */
  version: number;
  /** What it changes, in a few words (recorded in `schema_migrations`). */
  name: string;
  /**
   * Applies the change inside the migration transaction. Build with `db` (Kysely's schema
   * and query builders compile for every dialect) and run each statement with `run`;
   * anything a dialect does differently is asked of `dialect`.
   */
  up(context: StorageContext<AnyTables>): Promise<void>;
}
