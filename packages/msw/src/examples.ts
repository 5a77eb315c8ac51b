/**
 * The contract's examples as MSW responses: the response an operation documents for a
 * status, with its first named example or the one asked for.
 */
import { HttpResponse } from 'msw';
import { errorBody } from '@astral/openapi';
import { examplesOf, jsonContent, responseOf, type OpenApiDocument } from '@astral/openapi/reader';
import type { OperationLocation } from './operations.js';

/** Options of {@link exampleResponse}. */
export interface ExampleChoice {
  /** A named example of that response; the first when left out. */
  example?: string | undefined;
}

/**
 * The documented response of an operation for a status, its body the named (or first)
 * example; an empty body where the contract documents no content. A status or an example
 * the contract does not document is answered 500 `INTERNAL_ERROR` naming what is missing,
 * so a typo in a test or a `Prefer` header shows at once.
 */
export function exampleResponse(
  document: OpenApiDocument,
  location: OperationLocation,
  status: number,
  choice: ExampleChoice = {},
): Response {
  const response = responseOf(document, location.operation, status) as object | undefined;
  if (response === undefined) return undocumented(`${location.operationId} documents no ${status} response`);
  const media = jsonContent(document, response) as object | undefined;
  const events = (response as { content?: Record<string, object> }).content?.['text/event-stream'];
  if (media === undefined && events !== undefined) return eventStreamResponse(document, events, status, choice);
  if (media === undefined) return textResponse(document, response, status, choice) ?? new HttpResponse(null, { status });
  const examples = examplesOf(document, media);
  const chosen = choice.example === undefined ? examples[0] : examples.find((e) => e.name === choice.example);
  if (chosen === undefined) {
    const known = examples.map((e) => e.name).join(', ') || 'none';
    return undocumented(`${location.operationId} ${status} has no example ${choice.example ?? ''} (documented: ${known})`);
  }
  return HttpResponse.json(structuredClone(chosen.value) as Record<string, unknown>, { status });
}

/**
 * A `text/event-stream` response: its examples (each one event) as Server-Sent Events, in
 * the contract's order, or only the one asked for, so a client's loop sees typed events.
 */
function eventStreamResponse(document: OpenApiDocument, media: object, status: number, choice: ExampleChoice): Response {
  const examples = examplesOf(document, media).filter((e) => choice.example === undefined || e.name === choice.example);
  if (examples.length === 0) return undocumented(`no event example ${choice.example ?? ''} for this stream`);
  const text = examples
    .map(({ value }, id) => `id: ${id}\nevent: ${String((value as { type?: unknown }).type)}\ndata: ${JSON.stringify(value)}\n\n`)
    .join('');
  return new HttpResponse(text, { status, headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });
}

/**
 * A document of its own text format (an iCalendar feed, `text/calendar`): its named (or
 * first) example as the body, under that media type; `undefined` when the response has none.
 */
function textResponse(document: OpenApiDocument, response: object, status: number, choice: ExampleChoice): Response | undefined {
  const content = (response as { content?: Record<string, object> }).content ?? {};
  const mediaType = Object.keys(content).find((type) => type.startsWith('text/') && type !== 'text/event-stream');
  if (mediaType === undefined) return undefined;
  const examples = examplesOf(document, content[mediaType]);
  const chosen = choice.example === undefined ? examples[0] : examples.find((e) => e.name === choice.example);
  if (chosen === undefined || typeof chosen.value !== 'string')
    return undocumented(`no text example ${choice.example ?? ''} for this response`);
  return new HttpResponse(chosen.value, { status, headers: { 'Content-Type': `${mediaType}; charset=utf-8` } });
}

function undocumented(message: string): Response {
  return HttpResponse.json(errorBody('INTERNAL_ERROR', { message }), { status: 500 });
}
