/** Each resource module's storage, opened on one context. */
import { resourceModules, type Storages } from '../resources/index.js';
import type { AnyTables, StorageContext } from './context.js';

/**
 * Opens every resource's storage on `context` (the database, or a transaction on it, so
 * several resources can write in one transaction).
 *
 * @example
 * ```ts
 * await context.transaction(async (tx) => openStorages(tx).users.create(user));
 * ```
 */
export function openStorages(context: StorageContext<AnyTables>): Storages {
  const storages: Record<string, unknown> = {};
  for (const module of resourceModules) {
    if ('storage' in module && module.storage) storages[module.name] = module.storage(context);
  }
  return storages as Storages;
}
