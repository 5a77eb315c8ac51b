/**
 * The contract's `text/event-stream` operations, answered by the mock as real Server-Sent
 * Events built from their examples (each example one event, in the contract's order).
 *
 * Why here: Prism 5.14 validates such a request (security, parameters, body) and then fails
 * to serialise the JSON example as text (`500 NO_COMPLEX_OBJECT_TEXT`). Prism's own checks
 * stay first; only that failure, on a stream operation, is replaced by the stream.
 */
import { readFileSync } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import { examplesOf, operationsOf, pathPattern, responseOf, type OpenApiDocument } from '@astral/openapi/reader';
import { formatEvent } from '@astral/server';
import { jsonOf, type Exchange, type PrismReply } from './exchange.js';

const EVENT_STREAM = 'text/event-stream';

interface StreamOperation {
  method: string;
  pattern: RegExp;
  status: number;
  examples: Array<{ name: string; value: unknown }>;
}

/** Every operation of the document whose 2xx response is an event stream, with its examples. */
export function streamOperationsOf(document: OpenApiDocument): StreamOperation[] {
  const found: StreamOperation[] = [];
  for (const location of operationsOf(document)) {
    const responses = (location.operation as { responses?: Record<string, unknown> }).responses ?? {};
    for (const status of Object.keys(responses).filter((code) => /^2\d\d$/.test(code))) {
      const response = responseOf(document, location.operation, Number(status)) as { content?: Record<string, unknown> } | undefined;
      const media = response?.content?.[EVENT_STREAM];
      if (media === undefined) continue;
      found.push({
        method: location.method.toUpperCase(),
        pattern: pathPattern(location.path),
        status: Number(status),
        examples: examplesOf(document, media),
      });
    }
  }
  return found;
}

/** The stream operations of a bundled contract file. */
export function streamOperationsIn(contractPath: string): StreamOperation[] {
  return streamOperationsOf(JSON.parse(readFileSync(contractPath, 'utf8')) as OpenApiDocument);
}

/** `Prefer: example=NAME` (or `?__example=NAME`), as Prism reads it. */
function preferredExample(exchange: Exchange): string | undefined {
  const prefer = String(exchange.requestHeaders.prefer ?? '');
  const fromHeader = /(?:^|[,;]\s*)example=([^,;\s]+)/.exec(prefer)?.[1];
  const query = exchange.url.split('?')[1];
  return fromHeader ?? new URLSearchParams(query ?? '').get('__example') ?? undefined;
}

const isNoComplexObjectText = (reply: PrismReply): boolean => {
  const type = (jsonOf(reply.body) as { type?: unknown } | undefined)?.type;
  return reply.status === 500 && typeof type === 'string' && type.endsWith('#NO_COMPLEX_OBJECT_TEXT');
};

/**
 * The stream for an exchange Prism could not serialise, or `undefined` when the exchange is
 * no such case. `Prefer: example=NAME` sends that one event only.
 *
 * @example
 * ```ts
 * // POST /api/v1/ai-coach/generate-draft/stream, valid: Prism answered 500 NO_COMPLEX_OBJECT_TEXT
 * eventStreamReply(exchange, operations)?.body.toString(); // "id: 0\nevent: draft_started\ndata: {...}\n\n..."
 * ```
 */
export function eventStreamReply(exchange: Exchange, operations: StreamOperation[], basePath: string): PrismReply | undefined {
  if (!isNoComplexObjectText(exchange.reply)) return undefined;
  const path = (exchange.url.split('?')[0] ?? '').slice(basePath.length);
  const operation = operations.find((candidate) => candidate.method === exchange.method && candidate.pattern.test(path));
  if (operation === undefined) return undefined;
  const wanted = preferredExample(exchange);
  const events = operation.examples.filter((example) => wanted === undefined || example.name === wanted);
  if (events.length === 0) return undefined;
  const body = Buffer.from(events.map(({ value }, id) => formatEvent(id, value)).join(''));
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(exchange.reply.headers)) {
    if (!['content-type', 'content-length'].includes(name.toLowerCase())) headers[name] = value;
  }
  headers['content-type'] = `${EVENT_STREAM}; charset=utf-8`;
  headers['content-length'] = String(body.length);
  return { status: operation.status, headers, body };
}
