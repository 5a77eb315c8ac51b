/** A complete handler map that answers every operation with its contract example. */
import { operationIds, operationTable } from '@astral/openapi';
import { successExample } from './contract-schemas.js';
import type { Handlers } from './types.js';

/**
 * Every operation answers its success status with the first named example of that response,
 * so a contract-true server boots before any logic exists; replace handlers one by one.
 *
 * @example
 * ```ts
 * const handlers = createStubHandlers<Principal>();
 * handlers.getRace = async ({ params }) => ({ status: 200, body: { status: 'ok', data: await load(params.race_id) } });
 * const app = createAstralServer({ handlers, authenticate });
 * ```
 */
export function createStubHandlers<Principal = unknown>(): Handlers<Principal> {
  const handlers: Partial<Handlers<Principal>> = {};
  for (const id of operationIds) {
    const result = { status: operationTable[id].successStatus, body: successExample(id) };
    handlers[id] = () => result as never;
  }
  return handlers as Handlers<Principal>;
}
