/**
 * Idempotency records (`repository.idempotency`, declared as a storage-only module in
 * `resources/index.ts`): the `IdempotencyStore` that `createAstralServer({ idempotency })`
 * keeps its records in. Below every resource: it imports only the storage layer.
 */
export type { IdempotencyStorage } from './storage.js';
