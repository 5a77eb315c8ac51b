/**
 * Responses the contract declares as `text/event-stream`: a handler returns `events`, an
 * async iterable typed by the contract's schema of one event, and they are sent as
 * Server-Sent Events (`id: <n>`, `event: <its type>`, `data: <JSON>`), each as it comes.
 * In development and test every event is checked against that schema; one off it ends the
 * stream with an `error` event (the status is already sent) and is reported like any
 * other contract violation. A client that goes away destroys the stream, which ends the
 * iteration (the generator's `finally` runs).
 */
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { eventSchema } from './contract-schemas.js';
import type { OperationId } from './types.js';
import { sharedCompiler } from './validation.js';

/** A handler outcome that streams. */
export interface EventStreamOutcome {
  status: number;
  events: AsyncIterable<unknown>;
  headers?: Record<string, string>;
}

export function isEventStreamOutcome(outcome: unknown): outcome is EventStreamOutcome {
  const events = (outcome as { events?: unknown } | null)?.events;
  return typeof events === 'object' && events !== null && Symbol.asyncIterator in events;
}

/** One Server-Sent Event; `data` is one line of JSON, so it needs no further framing. */
export function formatEvent(id: number, event: unknown): string {
  const type = (event as { type?: unknown } | null)?.type;
  const name = typeof type === 'string' && /^[\w.-]+$/.test(type) ? `event: ${type}\n` : '';
  return `id: ${id}\n${name}data: ${JSON.stringify(event)}\n\n`;
}

/** What a stream does with an event off the contract: report it, and the error event that ends the stream. */
export interface EventCheck {
  validatorFor(id: OperationId, status: number): ValidateFunction | undefined;
  report(request: FastifyRequest, id: OperationId, status: number, problems: Array<{ path?: string; message: string }>): void;
}

/** Validators of each operation's event schema, compiled on first use (development and test only). */
export function createEventCheck(options: { checkResponses: boolean; report: EventCheck['report'] }): EventCheck {
  const compile = options.checkResponses ? sharedCompiler('response') : undefined;
  const validators = new Map<string, ValidateFunction | undefined>();
  return {
    validatorFor(id, status) {
      const key = `${id} ${status}`;
      if (!validators.has(key)) {
        const schema = eventSchema(id, status);
        validators.set(key, schema && compile ? compile(schema) : undefined);
      }
      return validators.get(key);
    },
    report: options.report,
  };
}

const contractErrorEvent = (requestId: string) => ({
  type: 'error',
  error: `The response does not match the API contract; see the server log for request ${requestId}`,
  details: { code: 'INTERNAL_ERROR' },
});

async function* serverSentEvents(
  request: FastifyRequest,
  id: OperationId,
  outcome: EventStreamOutcome,
  check: EventCheck,
): AsyncGenerator<string> {
  const validate = check.validatorFor(id, outcome.status);
  let position = 0;
  try {
    for await (const event of outcome.events) {
      if (validate && !validate(event)) {
        const problems = (validate.errors ?? []).map((error) => ({
          path: error.instancePath || '/',
          message: error.message ?? error.keyword,
        }));
        check.report(request, id, outcome.status, problems);
        yield formatEvent(position, contractErrorEvent(request.id));
        return;
      }
      yield formatEvent(position++, event);
    }
  } catch (error) {
    // The status is sent: a failure mid-stream becomes the stream's last event, never a cut connection.
    request.log.error({ err: error }, `The event stream of ${id} failed`);
    yield formatEvent(position, { type: 'error', error: 'Internal server error', details: { code: 'INTERNAL_ERROR' } });
  }
}

/** Sends the events as `text/event-stream`, each written as soon as the iterable yields it. */
export function sendEventStream(reply: FastifyReply, id: OperationId, outcome: EventStreamOutcome, check: EventCheck): FastifyReply {
  reply.code(outcome.status);
  if (outcome.headers) reply.headers(outcome.headers);
  // X-Accel-Buffering: proxies (nginx) would otherwise hold events back until the end.
  reply.headers({ 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' });
  return reply.send(Readable.from(serverSentEvents(reply.request, id, outcome, check), { objectMode: false }));
}
