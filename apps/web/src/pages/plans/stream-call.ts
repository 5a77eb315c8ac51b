/**
 * A streamed AI-coach call (`text/event-stream`, read by `@astral/client` as an `EventStream`)
 * run as a TanStack mutation: each event is handed to `onEvent` as it arrives, so the page
 * shows progress while the server generates; `cancel()` aborts the request (the client closes
 * the connection and the server stops generating). Being a mutation, a refusal before the
 * stream opens (a 400 on a field) reaches the form's inline errors or a toast like any call,
 * and so does the contract's `error` event, turned into an `AstralApiError` with its details.
 */
import { useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { AstralApiError, type EventStream } from '@astral/client';

/** The contract's `StreamErrorEvent`, the last event of a stream whose generation failed. */
interface ErrorEvent {
  type: 'error';
  error: string;
  details?: { code?: string; field?: string } | undefined;
}

/** How a stream that did not fail ended: with its last event, or cut short by `cancel()`. */
export type StreamEnd = 'ended' | 'cancelled';

export function useStreamCall<Input, Event extends { type: string }>(options: {
  open: (input: Input, signal: AbortSignal) => Promise<EventStream<Event>>;
  onEvent: (event: Exclude<Event, ErrorEvent>) => void;
  /** The request fields the form shows errors at (`meta.fields`: no toast for those). */
  fields?: readonly string[];
}) {
  const running = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async (input: Input): Promise<StreamEnd> => {
      const abort = new AbortController();
      running.current = abort;
      try {
        const stream = await options.open(input, abort.signal);
        // Closing ends the loop below at once, even while it waits for the next event.
        abort.signal.addEventListener('abort', () => void stream.close());
        for await (const event of stream) {
          if (event.type === 'error') throw streamError(event as unknown as ErrorEvent);
          options.onEvent(event as Exclude<Event, ErrorEvent>);
        }
        return abort.signal.aborted ? 'cancelled' : 'ended';
      } catch (error) {
        if (abort.signal.aborted) return 'cancelled';
        throw error;
      } finally {
        if (running.current === abort) running.current = null;
      }
    },
    meta: { fields: options.fields ?? [] },
  });
  return { ...mutation, cancel: () => running.current?.abort() };
}

/** The `error` event as the error every other failed call gives (its status was already 200). */
function streamError(event: ErrorEvent): AstralApiError {
  return new AstralApiError(event.error, {
    status: 200,
    code: event.details?.code ?? 'INTERNAL_ERROR',
    field: event.details?.field,
    body: event,
  });
}

/**
 * What the live region says of `done` of `total` weeks: only at the start, each quarter and
 * the end, so a screen reader hears a few updates, not one per event.
 */
export function milestone(done: number, total: number, verb: string): string {
  if (total <= 0) return '';
  const step = Math.max(1, Math.ceil(total / 4));
  const reached = done >= total ? total : Math.floor(done / step) * step;
  return `${reached} of ${total} weeks ${verb}`;
}
