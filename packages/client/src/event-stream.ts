/**
 * The answer of an operation the contract declares as `text/event-stream`: an async iterator
 * of its events, typed by the contract's schema of one event, read as the server sends them.
 * Leaving the loop (`break`, `return`, a throw) or `close()` cancels the response body, which
 * closes the connection: the server sees the client go and stops generating.
 */
import { AstralApiError, toAstralApiError } from './errors.js';

/** A stream of a contract's events. */
export interface EventStream<Event> extends AsyncIterable<Event> {
  /** Stops reading and closes the connection; the loop over the stream ends. */
  close(): Promise<void>;
}

/** One Server-Sent Event's fields (`data` lines joined), from the text of one block. */
function parseBlock(block: string): { event?: string; data?: string } {
  const fields: { event?: string; data?: string } = {};
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') fields.event = value;
    if (name === 'data') fields.data = fields.data === undefined ? value : `${fields.data}\n${value}`;
  }
  return fields;
}

/**
 * Reads a `text/event-stream` response: each event's `data` parsed as JSON.
 *
 * @example
 * ```ts
 * const events = await client.aiCoach.streamPlan(request);
 * for await (const event of events) if (event.type === 'plan_week') show(event.week);
 * ```
 */
export function readEventStream<Event>(response: Response): EventStream<Event> {
  const reader = response.body?.getReader();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await reader?.cancel().catch(() => undefined);
  };
  async function* events(): AsyncGenerator<Event> {
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      while (!closed) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (closed) return;
          throw toAstralApiError(error);
        }
        buffer += decoder.decode(chunk.value, { stream: !chunk.done });
        const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
        buffer = chunk.done ? '' : blocks.pop()!;
        for (const block of blocks) {
          const { data } = parseBlock(block);
          if (data === undefined) continue;
          try {
            yield JSON.parse(data) as Event;
          } catch (cause) {
            if (cause instanceof SyntaxError) {
              throw new AstralApiError(`Expected a JSON event, got: ${data.slice(0, 80)}`, {
                status: response.status,
                code: 'UNEXPECTED_RESPONSE',
                requestId: response.headers.get('X-Request-Id') ?? undefined,
                body: data,
                cause,
              });
            }
            throw cause;
          }
        }
        if (chunk.done) return;
      }
    } finally {
      // However the loop ends (done, break, a throw), the connection is let go.
      await close();
    }
  }
  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      await close();
      await iterator.return(undefined);
    },
  };
}
