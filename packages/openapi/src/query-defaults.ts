/**
 * The contract's query defaults, including the contextual ones (`x-astral-default-when`):
 * `limit` is 50, or 10 with `upcoming=true`, or 20 with `search`, the smallest when several
 * apply. The numbers come from the operation table, never from this file. The server stubs
 * fill every request's query with it; the reference API asks it for the effective `limit`.
 */
import { operationTable } from './generated/operations.js';

type OperationId = keyof typeof operationTable;

type Query = Record<string, unknown>;

/** A condition parameter is "given" when present; a boolean one only when `true`. */
function given(value: unknown): boolean {
  return typeof value === 'boolean' ? value : value !== undefined;
}

/**
 * Returns a function that fills an operation's query defaults in place, or `undefined` when
 * the operation has none (so the hot path skips it).
 *
 * @example
 * ```ts
 * const fill = queryDefaulter('listRaces');
 * fill?.({ upcoming: true }); // → { upcoming: true, limit: 10 }
 * ```
 */
export function queryDefaulter(id: OperationId): ((query: Query) => Query) | undefined {
  const defaults = Object.entries(operationTable[id].queryDefaults as Record<string, unknown>);
  const contextual = Object.entries(operationTable[id].contextualDefaults as Record<string, Record<string, number>>);
  if (defaults.length === 0 && contextual.length === 0) return undefined;
  return (query) => {
    // Contextual defaults look at the query as sent, before plain defaults fill it.
    for (const [name, when] of contextual) {
      if (query[name] !== undefined) continue;
      const candidates = Object.entries(when)
        .filter(([condition]) => given(query[condition]))
        .map(([, value]) => value);
      if (candidates.length > 0) query[name] = Math.min(...candidates);
    }
    for (const [name, value] of defaults) {
      if (query[name] === undefined) query[name] = value;
    }
    return query;
  };
}
