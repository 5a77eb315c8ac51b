/**
 * Idempotency records: a storage-only module (`repository.idempotency`), the
 * `IdempotencyStore` that `createAstralServer({ idempotency })` keeps its records in.
 */
import { defineResource } from '../resources/module.js';
import { openIdempotencyStorage } from './storage.js';

export type { IdempotencyStorage } from './storage.js';

export const idempotency = defineResource({
  name: 'idempotency',
  storage: openIdempotencyStorage,
});
