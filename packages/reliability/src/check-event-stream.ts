/** The oracle's check of an answer the contract declares as `text/event-stream` (see `check-response.ts`). */
import { schemaValidator } from './schema-validator.js';

const member = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/**
 * A `text/event-stream` answer: Server-Sent Events whose `data` is one JSON event each,
 * every one valid against the contract's event schema and its `event:` name its `type`.
 */
export function checkEventStream(text: string, contentType: string, schema: object, status: number): string[] {
  const problems: string[] = [];
  if (!/^text\/event-stream\b/.test(contentType)) problems.push(`content-type is "${contentType}", not text/event-stream`);
  const validate = schemaValidator(schema);
  const blocks = text.split(/\n\n/).filter((block) => block.trim() !== '');
  if (blocks.length === 0) problems.push(`an empty event stream for ${status}`);
  for (const block of blocks) {
    const lines = block.split('\n');
    const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).replace(/^ /, ''));
    const name = lines
      .find((line) => line.startsWith('event:'))
      ?.slice(6)
      .trim();
    let event: unknown;
    try {
      event = JSON.parse(data.join('\n'));
    } catch {
      problems.push(`an event's data is not JSON: ${JSON.stringify(block.slice(0, 200))}`);
      continue;
    }
    if (!validate(event)) {
      const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message}`);
      problems.push(`an event does not match the contract's event schema: ${errors.join('; ')}`);
    }
    if (name !== undefined && name !== member(event, 'type')) problems.push(`event: ${name} names another type than its data's`);
  }
  return problems;
}
