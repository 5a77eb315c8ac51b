/** A complete handler map that answers every operation with its contract example. */
import { operationIds, operationTable } from '@astral/openapi';
import { successEvents, successExample, successTextType } from './contract-schemas.js';
import type { Handlers } from './types.js';

/**
 * Every operation answers its success status with the first named example of that response
 * (an event stream with its examples as events, a text document as its media type),
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
    const status = operationTable[id].successStatus;
    const events = successEvents(id);
    const textType = successTextType(id);
    // A text document (an iCalendar feed) goes out as its own media type, not text/plain.
    const answer = { status, body: successExample(id), ...(textType ? { headers: { 'content-type': `${textType}; charset=utf-8` } } : {}) };
    // An event stream answers its examples, each one event.
    handlers[id] = (
      events
        ? () => ({
            status,
            events: (async function* () {
              yield* events.map((event) => structuredClone(event));
            })(),
          })
        : () => answer
    ) as never;
  }
  return handlers as Handlers<Principal>;
}
