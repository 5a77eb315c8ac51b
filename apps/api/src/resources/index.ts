/**
 * Every resource module of the API, in one list. The app's storage (`Repository`) and its
 * handler table are derived from it; a contract operation that no module serves is a
 * compile error here.
 *
 * To add a resource: write its contract files, then `resources/<name>/` with `storage.ts`
 * (its tables and queries), `service.ts` (its rules), `handlers.ts` (one per operationId)
 * and `index.ts` (`defineResource`), a migration in `storage/migrations/`, and one line
 * below. Nothing else changes.
 */
import type { Handlers } from '@astral/server';
import type { Principal } from '../domain/principal.js';
import { openOutboxStorage } from '../email/outbox.js';
import { openIdempotencyStorage } from '../idempotency/storage.js';
import { openRateLimitStorage } from '../rate-limits/storage.js';
import type { Transactional } from '../storage/transactional.js';
import { aiCoach } from './aiCoach/index.js';
import { auth } from './auth/index.js';
import { defineResource, type HandlersOf, type ResourceContext, type StoragesOf, type UnservedOperations } from './module.js';
import { organizations } from './organizations/index.js';
import { races } from './races/index.js';
import { users } from './users/index.js';
import { activities } from './activities/index.js';
import { trainingPlans } from './trainingPlans/index.js';

/**
 * Storages every resource shares and that serve no operation (rate limits, the email
 * outbox, idempotency records): their folders sit beside `resources/`, below every resource,
 * as they belong to none; they are declared modules here, so they import nothing above them.
 */
export const sharedStorageModules = [
  // Rate limits (`repository.rateLimits`): the services of the operations the contract limits count through it.
  defineResource({ name: 'rateLimits', storage: openRateLimitStorage }),
  // The email outbox (`repository.outbox`): emails queued on the transaction of the change that sends them.
  defineResource({ name: 'outbox', storage: openOutboxStorage }),
  // Idempotency records (`repository.idempotency`): the `IdempotencyStore` of `createAstralServer`.
  defineResource({ name: 'idempotency', storage: openIdempotencyStorage }),
] as const;

export const resourceModules = [users, organizations, auth, races, activities, aiCoach, trainingPlans, ...sharedStorageModules] as const;

/** Each resource's storage by name: `{ users, organizations, races, rateLimits, outbox, idempotency }`. */
export type Storages = StoragesOf<typeof resourceModules>;

// Fails to compile, naming the operations, when the contract has one no module serves.
const everyOperationServed: [UnservedOperations<typeof resourceModules>] extends [never]
  ? true
  : UnservedOperations<typeof resourceModules> = true;
void everyOperationServed;

/**
 * The handler table of the whole API: every module's handlers, merged. Two modules serving
 * the same operation is a startup error.
 *
 * @example
 * ```ts
 * createAstralServer({ handlers: resourceHandlers({ repository, now }), ... });
 * ```
 */
export function resourceHandlers(context: ResourceContext<Transactional<Storages>>): Handlers<Principal> {
  const table: Record<string, unknown> = {};
  for (const module of resourceModules) {
    if (!('handlers' in module) || !module.handlers) continue;
    for (const [operationId, handler] of Object.entries(module.handlers(context))) {
      if (operationId in table) throw new Error(`${operationId} is served by two resource modules (the second: ${module.name})`);
      table[operationId] = handler;
    }
  }
  return table as HandlersOf<typeof resourceModules>;
}
