/**
 * The query a handler receives: only the operation's declared parameters, with the
 * contract's defaults (applied here and nowhere else), and apart from them the names the
 * caller sent.
 */

/** A validated query, and the names in it the caller sent (before defaults filled the rest). */
export interface HandlerQuery {
  query: Record<string, unknown>;
  sent: ReadonlySet<string>;
}

/** What an operation without query parameters passes every request: one shared value. */
export const NO_QUERY: HandlerQuery = { query: {}, sent: new Set<string>() };

/**
 * @example
 * readQuery({ limit: 10, debug: '1' }, ['limit', 'cursor'], undefined); // { query: { limit: 10 }, sent: Set { 'limit' } }
 */
export function readQuery(
  raw: Record<string, unknown>,
  names: readonly string[],
  fill: ((query: Record<string, unknown>) => Record<string, unknown>) | undefined,
): HandlerQuery {
  const query: Record<string, unknown> = {};
  const sent = new Set<string>();
  for (const name of names) {
    if (raw[name] === undefined) continue;
    query[name] = raw[name];
    sent.add(name);
  }
  return { query: fill ? fill(query) : query, sent };
}
